"""服务不实用: no 办事服务 on a site that must serve the public, and 办事指南 missing key elements.

Rule: 国办秘函〔2019〕19号, 单项否决 “服务不实用” (portals and departments with public-facing services) — (1) no
办事服务 at all: verified (gov-standards.md §3.2), a VETO here; (2) guides missing key elements (事项名称、设定依据、
申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程), a veto when guides missing ≥ 4 of them
number ≥ 5: the list and both numbers are only partly verified (the quoted table is cut off after “办理材料、”), so
these findings are ADVISORY and say so.

Which sites must serve the public is data (``SERVICE_KINDS``): the governments and the departments, whose blueprints
have a 办事服务 column. A department without public-facing services is exempt in the rule; the platform does not know
that fact yet, so such a department shows the veto until it is recorded.
"""

from django.db.models import Count, F
from django.db.models.functions import Substr

from home.enums import ColumnType
from home.models import ArticlePage, ColumnPage, ServiceGuidePage
from sites.enums import SiteKind

from ..enums import Severity
from . import registry
from .base import Check, FindingData
from .site_pages import SitePages, edit_url, under_any

SERVICE_KINDS = (SiteKind.CITY, SiteKind.DISTRICT, SiteKind.DEPARTMENT, SiteKind.TOWNSHIP)
MISSING_LINE = 4  # a guide missing this many elements or more counts toward the (unverified) veto
GUIDES_LINE = 5  # … and this many such guides would be the veto
UNVERIFIED = "（阈值未经核实，仅作提示）"

# 要素 → how a ServiceGuidePage shows it. 收费标准: a free item shows “不收费”, so only a charged item can miss it.
ELEMENTS = {
    "事项名称": lambda g: g["title"],
    "设定依据": lambda g: g["legal_basis"],
    "申请条件": lambda g: g["conditions"],
    # An explicit 无需提交材料 (ServiceGuidePage.no_materials) is the element shown: a telephone service needs none.
    "办理材料": lambda g: g["no_materials"] or (len(g["materials"].raw_data) if g["materials"] is not None else 0),
    "办理地点": lambda g: g["location"],
    "办理机构": lambda g: g["implementing_body"],
    "收费标准": lambda g: not g["charged"] or g["fee_standard"],
    "办理时间": lambda g: g["hours"],
    "联系电话": lambda g: g["consult_phone"],
    "办理流程": lambda g: g["process"],
}
GUIDE_FIELDS = (
    "pk",
    "title",
    "path",
    "url_path",
    "legal_basis",
    "conditions",
    "materials",
    "no_materials",
    "location",
    "implementing_body",
    "charged",
    "fee_standard",
    "hours",
    "consult_phone",
    "process",
)


def missing_elements(guide: dict) -> list[str]:
    return [name for name, shown in ELEMENTS.items() if not _present(shown(guide))]


def _present(value) -> bool:
    return bool(value.strip()) if isinstance(value, str) else bool(value)


@registry.register
class ServicesCheck(Check):
    name = "services"
    label = "服务不实用"
    source = "国办秘函〔2019〕19号 单项否决：服务不实用"

    def run(self, site, today):
        pages = SitePages(site)
        guides = list(pages.published(ServiceGuidePage.objects.all()).order_by("path").values(*GUIDE_FIELDS))
        if site.kind in SERVICE_KINDS:
            yield from self._service_columns(pages, guides)
        incomplete = 0
        for guide in guides:
            missing = missing_elements(guide)
            if not missing:
                continue
            serious = len(missing) >= MISSING_LINE
            incomplete += serious
            yield FindingData(
                code="guide-incomplete" if serious else "guide-missing",
                severity=Severity.ADVISORY,
                key=f"guide:{guide['pk']}",
                title=f"办事指南“{guide['title']}”缺少{len(missing)}项要素" + (UNVERIFIED if serious else ""),
                detail="缺少：" + "、".join(missing),
                url=pages.url(guide["url_path"]),
                edit_url=edit_url(guide["pk"]),
                page_id=guide["pk"],
                extra={"missing": missing},
            )
        if incomplete >= GUIDES_LINE:
            yield FindingData(
                code="site-guides-incomplete",
                severity=Severity.ADVISORY,
                key="site:guides-incomplete",
                title=f"缺少{MISSING_LINE}项及以上要素的办事指南{incomplete}个{UNVERIFIED}",
                url=pages.home_url,
                extra={"count": incomplete},
            )

    def _service_columns(self, pages, guides):
        columns = list(
            pages.published(ColumnPage.objects.filter(column_type=ColumnType.SERVICE))
            .order_by("path")
            .values_list("pk", "title", "path", "url_path")
        )
        filled = {*self._article_parents(pages, columns), *(guide["path"] for guide in guides)}
        empty = [c for c in columns if not any(path.startswith(c[2]) for path in filled)]
        if len(empty) == len(columns):
            names = "、".join(c[1] for c in columns)
            yield FindingData(
                code="no-service",
                severity=Severity.VETO,
                key="site:no-service",
                title="没有办事服务" if not columns else "办事服务栏目没有任何办事指南或服务信息",
                detail=f"空的办事服务栏目：{names}" if columns else "网站没有已发布的办事服务栏目。",
                url=pages.url(columns[0][3]) if columns else pages.home_url,
                edit_url=edit_url(columns[0][0]) if columns else "",
                page_id=columns[0][0] if columns else None,
            )
            return
        for pk, title, _, url_path in empty:
            yield FindingData(
                code="empty-service",
                severity=Severity.WARNING,
                key=f"column:{pk}:empty-service",
                title=f"办事服务栏目“{title}”没有内容",
                url=pages.url(url_path),
                edit_url=edit_url(pk),
                page_id=pk,
            )

    def _article_parents(self, pages, columns):
        if not columns:
            return []
        return (
            pages.published(ArticlePage.objects.filter(under_any(c[2] for c in columns)))
            .order_by()
            .annotate(parent=Substr("path", 1, (F("depth") - 1) * 4))
            .values("parent")
            .annotate(n=Count("pk"))
            .values_list("parent", flat=True)
        )
