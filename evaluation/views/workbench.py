"""The workbench pages. Each reads the sites the user may see (``request.evaluation_profiles``, set by
views/access.py), the filters of evaluation/filters.py and the health of evaluation/health.py; each table has its
CSV/XLSX download (``?format=``, evaluation/exports.py)."""

from django.http import Http404
from django.shortcuts import render

from core.exports import table_download
from core.pagination import paginate
from core.params import report
from sites.enums import PORTAL_KINDS, SiteKind
from sites.policies import is_platform_admin, staff_site_ids

from .. import exports, health
from ..checks import registry
from ..filters import KIND, PAGE_FORMAT, SEVERITY, TABLE, site_filters
from ..models import Finding
from ..services import current_findings

PER_PAGE = 100


def _checks():
    return [(check.name, check.label) for check in registry.all_checks()]


def _filter_context(request, profiles, filters, errors):
    parents = profiles.filter(kind__in=[*PORTAL_KINDS, SiteKind.TOWNSHIP]).order_by("sort_order", "pk")
    return {
        "errors": errors,
        "filters": filters,
        "kinds": KIND.choices.items(),
        "severities": SEVERITY.choices.items(),
        "checks": _checks(),
        "parent_options": parents.only("slug", "org_name"),
        "query": _query(request),
    }


def _query(request) -> str:
    """The page's filters, to carry into its downloads and pager (without format, table and page)."""
    query = request.GET.copy()
    for name in ("format", "table", "page"):
        query.pop(name, None)
    return query.urlencode()


def _export(request, errors, sheets_by_table: dict, filename: str):
    """The download the query asks for, or None for the page. ``sheets_by_table``: table name → Sheet factory."""
    fmt = PAGE_FORMAT.from_query(request.GET, errors)
    table = TABLE.from_query(request.GET, errors)
    if not fmt or errors:
        return None
    names = list(sheets_by_table)
    if fmt == "csv" and table in sheets_by_table:
        names = [table]
    return table_download(fmt, [sheets_by_table[name]() for name in names], filename)


def overview(request):
    """Group overview: sites × checks heat map (veto risks first), health index and rank, trend over runs."""
    profiles = request.evaluation_profiles
    errors: dict[str, str] = {}
    filters = site_filters(request.GET, profiles, errors)
    selected = filters.apply(profiles)
    healths = [h for h in health.group_health(selected) if filters.keep(h)]
    points = health.trend(selected)
    download = _export(
        request,
        errors,
        {"sites": lambda: exports.sites_sheet(healths), "trend": lambda: exports.trend_sheet(points)},
        "evaluation-sites",
    )
    if download is not None:
        return download
    page = paginate(request, healths, PER_PAGE)
    if page.refused:
        errors["page"] = page.refused
    report(request, errors)
    inspected = [h for h in healths if h.inspected]
    summary = {
        "sites": len(healths),
        "inspected": len(inspected),
        "failing": sum(1 for h in inspected if h.veto),
        "veto": sum(h.veto for h in healths),
        "warning": sum(h.warning for h in healths),
        "advisory": sum(h.advisory for h in healths),
        "average": round(sum(h.index for h in inspected) / len(inspected), 1) if inspected else None,
    }
    checks = _checks()
    rows = [(h, [(name, h.cell(name)) for name, _ in checks]) for h in page.object_list]
    return render(
        request,
        "evaluation/admin/overview.html",
        {
            **_filter_context(request, profiles, filters, errors),
            "page": page,
            "rows": rows,
            "summary": summary,
            "trend": points,
            "chart_data": _chart_data(points),
            "download_tables": [("sites", "网站"), ("trend", "趋势")],
        },
    )


def _chart_data(points) -> dict:
    return {
        "days": [f"{p.day:%m-%d}（{p.run_id}）" for p in points],
        "veto": [p.veto for p in points],
        "warning": [p.warning for p in points],
        "advisory": [p.advisory for p in points],
    }


def _can_edit_links(user, site_pk: int) -> bool:
    """Edit links only for those who may edit the site's pages: platform admins and the site's own staff."""
    return is_platform_admin(user) or site_pk in staff_site_ids(user)


def site_detail(request, slug):
    """One site: its current findings (veto first), the trend of its runs, and what its last run found fixed."""
    profile = request.evaluation_profiles.filter(slug=slug).first()
    if profile is None:
        raise Http404("未找到该网站或无权查看")
    errors: dict[str, str] = {}
    filters = site_filters(request.GET, request.evaluation_profiles, errors)
    one = request.evaluation_profiles.filter(pk=profile.pk)
    site_health = health.group_health(one)[0]
    findings = (
        filters.findings(current_findings(profile))
        .select_related("site")
        .order_by(health.SEVERITY_ORDER, "check_name", "pk")
    )
    points = health.trend(one)
    staff = _can_edit_links(request.user, profile.pk)
    download = _export(
        request,
        errors,
        {
            "findings": lambda: exports.findings_sheet(findings, staff=staff),
            "trend": lambda: exports.trend_sheet(points),
        },
        f"evaluation-{profile.slug}",
    )
    if download is not None:
        return download
    report(request, errors)
    resolved = []
    if site_health.last_run_id:
        resolved = Finding.objects.filter(site=profile, resolved_run_id=site_health.last_run_id).order_by(
            "check_name", "pk"
        )
    return render(
        request,
        "evaluation/admin/site.html",
        {
            **_filter_context(request, request.evaluation_profiles, filters, errors),
            "profile": profile,
            "health": site_health,
            "findings": list(findings),
            "resolved": list(resolved),
            "show_edit": staff,
            "trend": points,
            "chart_data": _chart_data(points),
            "download_tables": [("findings", "问题清单"), ("trend", "趋势")],
        },
    )


def check_detail(request, name):
    """One check across the sites the user may see (filtered by kind, parent and severity), veto first."""
    checks = dict(_checks())
    if name not in checks:
        raise Http404("未知的检查项")
    errors: dict[str, str] = {}
    filters = site_filters(request.GET, request.evaluation_profiles, errors)
    filters.check = name
    selected = filters.apply(request.evaluation_profiles)
    findings = (
        filters.findings(current_findings(selected))
        .select_related("site")
        .order_by(health.SEVERITY_ORDER, "site__sort_order", "site_id", "pk")
    )
    editable = set(staff_site_ids(request.user))
    staff = is_platform_admin(request.user)
    download = _export(
        request, errors, {"findings": lambda: exports.findings_sheet(findings, staff=staff)}, f"evaluation-{name}"
    )
    if download is not None:
        return download
    page = paginate(request, findings, PER_PAGE)
    if page.refused:
        errors["page"] = page.refused
    report(request, errors)
    check = registry.get(name)
    return render(
        request,
        "evaluation/admin/check.html",
        {
            **_filter_context(request, request.evaluation_profiles, filters, errors),
            "check": check,
            "page": page,
            "editable": editable,
            "all_editable": staff,
            "download_tables": [("findings", "问题清单")],
        },
    )
