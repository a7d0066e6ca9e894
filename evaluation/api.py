"""Public API of the inspection results (/api/v1/evaluation/): one row per site, and a site's open findings.

Published facts only. The public reads what a visitor of the sites can see anyway: counts, the health index
(evaluation/health.py, not the official score) and the findings of live, public pages or of a site as a whole —
never a finding's admin link, never its ``extra`` (which may name the editor who last published a page: personal
data), never a finding about a page that is no longer live (its title may be a draft's).
"""

import datetime

from django.db.models import Q
from django.http import Http404
from ninja import Path, Query, Router, Schema
from wagtail.models import Page

from core.api import ApiBadRequest, error_responses, table_download_extra
from core.exports import table_download
from sites.models import SiteProfile

from . import exports, health
from .checks import registry
from .filters import FORMAT, KIND, SEVERITY, check_param
from .health import SiteFilters, SiteHealth
from .services import current_findings

router = Router(tags=["网站健康检查"])
CHECK = check_param()
INDEX_NOTE = (
    "健康指数为本平台自查指标，不是国办秘函〔2019〕19号的官方得分：100 分起，每项单项否决扣 20 分、"
    "每项预警扣 5 分（每个检查项的预警合计最多扣 20 分），"
    "有单项否决时最高 59 分，提示项不计分；未检查的网站为 null。"
)


class CountsOut(Schema):
    veto: int
    warning: int
    advisory: int


class CheckOut(Schema):
    name: str
    label: str
    source: str


class SiteHealthOut(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    parent: str | None
    health_index: int | None
    rank: int | None
    veto: int
    warning: int
    advisory: int
    checks: dict[str, CountsOut]
    last_run: int | None
    last_checked: datetime.datetime | None
    next_due: datetime.date | None


class SitesOut(Schema):
    note: str
    count: int
    checks: list[CheckOut]
    results: list[SiteHealthOut]


class FindingOut(Schema):
    check: str
    check_label: str
    code: str
    severity: str
    severity_label: str
    title: str
    detail: str
    url: str
    first_seen: datetime.date
    due: datetime.date | None


class SiteDetailOut(SiteHealthOut):
    findings: list[FindingOut]
    withheld: int


def _checks() -> list[CheckOut]:
    return [CheckOut(name=c.name, label=c.label, source=c.source) for c in registry.all_checks()]


def _site_out(h: SiteHealth) -> dict:
    return {
        "slug": h.slug,
        "name": h.name,
        "kind": h.kind,
        "kind_label": h.kind_label,
        "parent": h.parent_slug,
        "health_index": h.index,
        "rank": h.rank,
        "veto": h.veto,
        "warning": h.warning,
        "advisory": h.advisory,
        "checks": {c.name: h.cell(c.name) for c in _checks()},
        "last_run": h.last_run_id,
        "last_checked": h.last_checked,
        "next_due": h.next_due,
    }


@router.get(
    "/sites/",
    response={200: SitesOut, **error_responses()},
    openapi_extra=table_download_extra(),
    summary="网站健康检查：逐站统计",
    description="每个网站一行：各检查项未解决的单项否决/预警/提示数、健康指数与排名、最近检查。"
    "kind 按网站类型，parent 取该网站以下各级网站，severity（及 check）只留有该级别问题的网站；"
    "排序：单项否决多者在前。format=csv 或 xlsx 下载表格。参数错误时返回 400 与逐项中文说明。",
)
def list_sites(
    request,
    parent: str | None = Query(None, max_length=64, description="上级网站标识：取其以下各级网站（不含其本身）"),
    kind: KIND.annotation("网站类型") = None,
    severity: SEVERITY.annotation("严重程度：只留有该级别未解决问题的网站") = None,
    check: CHECK.annotation("检查项：只留该检查项有未解决问题的网站") = None,
    format: FORMAT.annotation("json（默认）、csv 或 xlsx") = None,
):
    filters = SiteFilters(kind=kind, severity=severity, check=check)
    if parent:
        filters.parent = SiteProfile.objects.filter(slug=parent).first()
        if filters.parent is None:
            raise ApiBadRequest({"parent": "未知的上级网站"})
    healths = [h for h in health.group_health(filters.apply(SiteProfile.objects.all())) if filters.keep(h)]
    download = table_download(format, [exports.sites_sheet(healths)], "evaluation-sites")
    if download is not None:
        return download
    return SitesOut(note=INDEX_NOTE, count=len(healths), checks=_checks(), results=[_site_out(h) for h in healths])


def public_findings(findings):
    """Findings a visitor may read: of a site as a whole (no page), or of a page that is live and public — and
    never one about a page's unpublished version (a draft or one in review: its title and text are not public)."""
    return findings.filter(draft=False).filter(
        Q(page__isnull=True) | Q(page__in=Page.objects.live().public().values("pk"))
    )


@router.get(
    "/sites/{slug}/",
    response={200: SiteDetailOut, **error_responses()},
    summary="网站健康检查：一个网站的未解决问题",
    description="该网站的健康指数与各检查项统计，以及未解决的问题（单项否决在前），只含已公开页面和整站的问题；"
    "withheld 为所涉页面已不公开、因而不列出的问题数。未知的网站标识返回 404。",
)
def site_detail(request, slug: str = Path(..., max_length=64)):
    profile = SiteProfile.objects.filter(slug=slug).first()
    if profile is None:
        raise Http404("未找到该网站")
    site_health = health.group_health(SiteProfile.objects.filter(pk=profile.pk))[0]
    findings = current_findings(profile)
    shown = list(public_findings(findings).order_by(health.SEVERITY_ORDER, "check_name", "pk"))
    labels = {c.name: c.label for c in _checks()}
    return SiteDetailOut(
        **_site_out(site_health),
        findings=[
            FindingOut(
                check=f.check_name,
                check_label=labels.get(f.check_name, f.check_name),
                code=f.code,
                severity=f.severity,
                severity_label=f.get_severity_display(),
                title=f.title,
                detail=f.detail,
                url=f.url,
                first_seen=f.first_seen,
                due=f.due,
            )
            for f in shown
        ],
        withheld=site_health.veto + site_health.warning + site_health.advisory - len(shown),
    )
