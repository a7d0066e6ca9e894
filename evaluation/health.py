"""健康指数 (health index), group ranking and trends, from the stored inspection results.

The index is this platform's own yardstick for "how close is the site to failing the spot check", **not** the
official score of 国办秘函〔2019〕19号: the official deduction table is not confirmed (gov-standards.md §3.3, "Gap"),
so no official deduction enters it. It counts only findings of verified thresholds (§3.2 veto indicators, §3.4
monitors' warnings):

- start from ``FULL`` (100); each open **单项否决** finding deducts ``VETO_DEDUCTION``, each **预警** finding
  ``WARNING_DEDUCTION``, but the warnings of one check together at most ``WARNING_CAP_PER_CHECK`` (as much as one
  veto: twenty stale columns are one problem, not twenty — the official scheme likewise never deducts more under
  one indicator than it is worth, §3.1); never below 0;
- any veto finding caps the index at ``VETO_CAP`` (59): one single-veto hit fails a site whatever else it does
  (§3.1), and 60 is the official pass line of the deduction part;
- **提示** (advisory) findings never count: they rest on unverified numbers.

A site with no stored result has no index (未检查) and no rank. Everything here reads a constant number of queries
for any number of sites: one for the counts, one for the last results, and for a trend one per run shown.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Max, Min, Value, When

from sites.enums import SiteKind
from sites.models import SiteProfile
from sites.utils import group_profiles

from .enums import Severity
from .models import CheckResult, Finding, InspectionRun
from .services import current_findings

FULL = 100
VETO_DEDUCTION = 20
WARNING_DEDUCTION = 5
WARNING_CAP_PER_CHECK = 20
VETO_CAP = 59
TREND_RUNS = 12  # runs shown in a trend
SEVERITIES = [Severity.VETO, Severity.WARNING, Severity.ADVISORY]
# order_by() expression: veto first, then warning, then advisory (the stored values do not sort that way).
SEVERITY_ORDER = Case(
    *(When(severity=s, then=Value(i)) for i, s in enumerate(SEVERITIES)), default=Value(9), output_field=IntegerField()
)


def health_index(veto: int, warnings: int | Iterable[int]) -> int:
    """The index for the count of open veto findings and the counts of open warnings, per check (a single int:
    one check). Advisory findings never count."""
    per_check = [warnings] if isinstance(warnings, int) else list(warnings)
    deduction = VETO_DEDUCTION * veto + sum(min(WARNING_CAP_PER_CHECK, WARNING_DEDUCTION * n) for n in per_check)
    index = max(0, FULL - deduction)
    return min(index, VETO_CAP) if veto else index


@dataclass
class SiteHealth:
    """One site's current state: open findings per check and severity, its index and rank."""

    pk: int
    slug: str
    name: str
    kind: str
    kind_label: str
    parent_slug: str | None
    sort_order: int = 0
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # check → severity → open findings
    last_run_id: int | None = None
    last_checked: datetime.datetime | None = None
    next_due: datetime.date | None = None  # the earliest day an open warning becomes a veto
    rank: int | None = None

    def total(self, severity: str) -> int:
        return sum(by_severity.get(severity, 0) for by_severity in self.counts.values())

    @property
    def veto(self) -> int:
        return self.total(Severity.VETO)

    @property
    def warning(self) -> int:
        return self.total(Severity.WARNING)

    @property
    def advisory(self) -> int:
        return self.total(Severity.ADVISORY)

    @property
    def inspected(self) -> bool:
        return self.last_run_id is not None

    @property
    def index(self) -> int | None:
        if not self.inspected:
            return None
        return health_index(self.veto, [by.get(Severity.WARNING, 0) for by in self.counts.values()])

    def cell(self, check_name: str) -> dict[str, int]:
        by_severity = self.counts.get(check_name, {})
        return {str(s): by_severity.get(s, 0) for s in SEVERITIES}


def group_health(profiles) -> list[SiteHealth]:
    """The health of ``profiles`` (a SiteProfile queryset), ranked, worst first: veto risks, then warnings, then
    the lower index; sites never inspected last. Three queries whatever the number of sites."""
    rows = list(profiles.order_by().values("pk", "slug", "org_name", "kind", "parent__slug", "sort_order"))
    healths = {row["pk"]: _site_health(row) for row in rows}
    counts = (
        current_findings(profiles.order_by())
        .order_by()
        .values("site", "check_name", "severity")
        .annotate(n=Count("pk"), due=Min("due"))
    )
    for row in counts:
        health = healths[row["site"]]
        health.counts.setdefault(row["check_name"], {})[row["severity"]] = row["n"]
        if row["severity"] == Severity.WARNING and row["due"]:
            health.next_due = min(filter(None, [health.next_due, row["due"]]))
    last = (
        CheckResult.objects.filter(site__in=profiles.order_by().values("pk"))
        .order_by()
        .values("site")
        .annotate(run=Max("run_id"), at=Max("finished_at"))
    )
    for row in last:
        if row["site"] in healths:
            healths[row["site"]].last_run_id, healths[row["site"]].last_checked = row["run"], row["at"]
    return sorted(rank(list(healths.values())), key=worst_first)


def _site_health(row) -> SiteHealth:
    return SiteHealth(
        pk=row["pk"],
        slug=row["slug"],
        name=row["org_name"],
        kind=row["kind"],
        kind_label=str(SiteKind(row["kind"]).label) if row["kind"] in SiteKind.values else row["kind"],
        parent_slug=row["parent__slug"],
        sort_order=row["sort_order"],
    )


def worst_first(health: SiteHealth) -> tuple:
    return (not health.inspected, -health.veto, -health.warning, health.index or 0, health.sort_order, health.pk)


def rank(healths: list[SiteHealth]) -> list[SiteHealth]:
    """Set ``rank`` by index, highest first; equal indexes share a rank (1, 2, 2, 4); uninspected sites none."""
    inspected = sorted((h for h in healths if h.inspected), key=lambda h: -h.index)
    previous, position = None, 0
    for number, health in enumerate(inspected, start=1):
        if health.index != previous:
            previous, position = health.index, number
        health.rank = position
    return healths


@dataclass(frozen=True)
class TrendPoint:
    """The open findings of the sites as they stood after ``run`` (each site and check: its latest result up to
    that run, so a run of one check does not make the others' findings vanish from the trend)."""

    run_id: int
    day: datetime.date
    veto: int
    warning: int
    advisory: int


def trend(profiles=None, limit: int = TREND_RUNS) -> list[TrendPoint]:
    """The last ``limit`` runs that inspected any of ``profiles`` (a queryset; None: the group), oldest first.
    One query for the runs and one per run, whatever the number of sites."""
    results = CheckResult.objects.all()
    if profiles is not None:
        results = results.filter(site__in=profiles.order_by().values("pk"))
    runs = list(
        InspectionRun.objects.filter(pk__in=results.order_by().values("run"))
        .order_by("-pk")
        .values("pk", "today")[:limit]
    )
    points = []
    for run in reversed(runs):
        latest = results.filter(run_id__lte=run["pk"]).latest_ids()
        counts = dict(
            Finding.objects.filter(result__in=latest).order_by().values_list("severity").annotate(n=Count("pk"))
        )
        points.append(
            TrendPoint(
                run_id=run["pk"],
                day=run["today"],
                veto=counts.get(Severity.VETO, 0),
                warning=counts.get(Severity.WARNING, 0),
                advisory=counts.get(Severity.ADVISORY, 0),
            )
        )
    return points


@dataclass
class SiteFilters:
    """The workbench's and the API's site filters, already parsed (core.params) and checked."""

    kind: str | None = None  # SiteKind value
    parent: SiteProfile | None = None  # the sites below it, at every level
    severity: str | None = None  # sites with an open finding of this severity …
    check: str | None = None  # … (or of any severity) in this check

    def apply(self, profiles):
        """Narrow a SiteProfile queryset by kind and parent (one query for the group tree when a parent is set)."""
        if self.kind:
            profiles = profiles.filter(kind=self.kind)
        if self.parent is not None:
            below = [p.pk for p in group_profiles(self.parent) if p.pk != self.parent.pk]
            profiles = profiles.filter(pk__in=below)
        return profiles

    def keep(self, health: SiteHealth) -> bool:
        if not (self.severity or self.check):
            return True
        cells = [health.counts.get(self.check, {})] if self.check else list(health.counts.values())
        return any(n for cell in cells for s, n in cell.items() if s == self.severity or not self.severity)

    def findings(self, findings):
        """Narrow a Finding queryset by severity and check."""
        if self.severity:
            findings = findings.filter(severity=self.severity)
        if self.check:
            findings = findings.filter(check_name=self.check)
        return findings
