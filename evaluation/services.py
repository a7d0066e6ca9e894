"""The inspection runner (issue 12 items 1 and 2): run checks over sites and store what they find.

Each site is inspected in its own transaction: its CheckResults and findings are written together, and the
findings of its previous results that are not found again are marked resolved in the same transaction. A run that
stops half-way (an exception in one site, a kill) therefore leaves every unfinished site with its previous results
as the current ones (``Finding.objects.current()``), and an exception in one site does not stop the others.
"""

import datetime
import logging
from collections.abc import Callable, Iterable

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from sites.models import SiteProfile

from .checks import registry
from .enums import RunStatus
from .models import CheckResult, Finding, InspectionRun

logger = logging.getLogger(__name__)

# A run still 进行中 after this long was killed (the nightly run of 2,053 sites takes minutes): the next run marks it
# 未完成, so that no run claims to be running for ever. Its results are untouched either way.
STALE_RUN_AGE = datetime.timedelta(hours=24)
RESOLVE_BATCH = 500


class UnknownCheck(ValueError):
    pass


def resolve_checks(check_names: Iterable[str] | None = None) -> list:
    """The checks to run: the named ones (unknown names raise UnknownCheck), or every offline check."""
    if not check_names:
        return [check for check in registry.all_checks() if check.offline]
    unknown = [name for name in check_names if name not in registry.names()]
    if unknown:
        raise UnknownCheck("、".join(unknown))
    return [registry.get(name) for name in dict.fromkeys(check_names)]


def inspect(
    sites: Iterable[SiteProfile],
    check_names: Iterable[str] | None = None,
    today: datetime.date | None = None,
    *,
    scope: list[str] | None = None,
    progress: Callable[[int, SiteProfile, int | None], None] | None = None,
) -> InspectionRun:
    """Run the checks over ``sites`` as of ``today`` and store the findings; returns the run.

    ``progress(index, site, finding_count)`` is called after each site (``finding_count`` None: it failed).
    """
    checks = resolve_checks(check_names)
    InspectionRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=timezone.now() - STALE_RUN_AGE).update(
        status=RunStatus.FAILED
    )
    run = InspectionRun.objects.create(
        site_slugs=list(scope or []), checks=[c.name for c in checks], today=today or timezone.localdate()
    )
    try:
        for index, site in enumerate(sites):
            count = _inspect_site_safely(run, site, checks)
            if progress:
                progress(index, site, count)
    except BaseException:
        # Interrupted (Ctrl-C, SystemExit): what was committed stays; the run says it did not finish.
        _finish(run, RunStatus.FAILED)
        raise
    _finish(run, RunStatus.FAILED if run.errors else RunStatus.COMPLETE)
    return run


def _inspect_site_safely(run, site, checks) -> int | None:
    try:
        with transaction.atomic():
            count = inspect_site(run, site, checks)
    except Exception as exc:
        logger.exception("inspection of site %s failed", site.slug)
        run.errors.append({"site": site.slug, "error": f"{type(exc).__name__}: {exc}"[:500]})
        return None
    run.site_count += 1
    return count


def _finish(run, status):
    run.status = status
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at", "site_count", "errors"])
    _refresh_statistics()


def _refresh_statistics():
    """A run is a bulk load: on PostgreSQL, refresh the planner's statistics of the result tables at once. The
    workbench's "current findings" query (latest result of each site and check) took 19 s on unanalysed tables
    and ~60 ms after ANALYZE; autovacuum would get there only some time after the run."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for model in (CheckResult, Finding):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def inspect_site(run: InspectionRun, site: SiteProfile, checks) -> int:
    """Run ``checks`` on one site and store the results; call inside a transaction. Returns the finding count."""
    previous = _previous_results(site, [check.name for check in checks])
    total = 0
    for check in checks:
        found = _collect(check, site, run.today)
        total += len(found)
        _store(run, site, check.name, found, previous.get(check.name))
    return total


def _collect(check, site, today) -> dict[str, object]:
    found = {}
    for data in check.run(site, today):
        if data.key in found:
            raise ValueError(f"检查项 {check.name} 对同一问题标识 {data.key!r} 报告了两次")
        found[data.key] = data
    return found


def _previous_results(site, names) -> dict[str, int]:
    rows = (
        CheckResult.objects.filter(site=site, check_name__in=names)
        .values("check_name")
        .annotate(latest=Max("pk"))
        .order_by()
    )
    return {row["check_name"]: row["latest"] for row in rows}


def _store(run, site, check_name, found: dict, previous_result_id: int | None):
    first_seen = {}
    if previous_result_id is not None:
        previous = Finding.objects.filter(result_id=previous_result_id)
        first_seen = dict(previous.values_list("key", "first_seen"))
        gone = [key for key in first_seen if key not in found]
        now = timezone.now()
        # In batches: a site can lose hundreds of findings at once, and SQLite bounds the parameters of a query.
        for start in range(0, len(gone), RESOLVE_BATCH):
            previous.filter(key__in=gone[start : start + RESOLVE_BATCH], resolved_at__isnull=True).update(
                resolved_at=now, resolved_run=run
            )
    result = CheckResult.objects.create(run=run, site=site, check_name=check_name, finding_count=len(found))
    Finding.objects.bulk_create(
        Finding(
            run=run,
            result=result,
            site=site,
            check_name=check_name,
            code=data.code,
            severity=data.severity,
            key=data.key[:200],
            title=data.title[:300],
            detail=data.detail,
            url=data.url[:500],
            edit_url=data.edit_url[:500],
            page_id=data.page_id,
            due=data.due,
            extra=data.extra,
            draft=data.draft,
            first_seen=first_seen.get(key, run.today),
        )
        for key, data in found.items()
    )


def current_findings(sites=None):
    """Open findings of ``sites`` (a SiteProfile, a queryset or list of them, or None: the whole group) as of each
    site's latest result of each check."""
    findings = Finding.objects.current()
    if sites is None:
        return findings
    if isinstance(sites, SiteProfile):
        return findings.of_site(sites)
    return findings.of_sites(sites)
