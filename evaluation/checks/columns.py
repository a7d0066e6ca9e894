"""栏目不更新 / 空白栏目 over every column of a site: ordinary columns (home.ColumnPage), disclosure columns
(openinfo.DisclosureCategoryPage) and content pages (home.StandardPage).

Rule: 国办秘函〔2019〕19号, 单项否决 “栏目不更新” — any of (1) ≥ 5 columns not updated, counting 动态、要闻 columns not
updated in the 2 weeks before the check and 通知公告、政策文件 top-level columns not updated in the 6 months before;
(2) ≥ 10 columns that should be updated but have not been for a long time; (3) ≥ 5 blank columns. Confidence:
verified (gov-standards.md §3.2). Expected frequency by column type (动态要闻 2 weeks, 通知公告/政策文件 6 months,
人事/规划计划 1 year) is 开普云's (verified), used here for "a long time" in (2); the early warnings (> 6 stale,
> 2 blank) are 开普云's too (verified, §3.4).

How a column is typed: ``ColumnPage.column_type``; a disclosure column by its category's ``column_type`` in
openinfo/data/categories.toml; content pages have no update frequency. Top level: a column directly below the home
page. Only leaf columns are judged (a parent column lists its sub-columns' items, so it would count them twice).
Blank: a column with no published item (a service column's 办事指南 count), a disclosure column with no published
document, a content page with an empty body (it shows “内容正在完善中”).
"""

import datetime
import itertools
from dataclasses import dataclass

from django.db.models import Count, F, Max
from django.db.models.functions import Substr

from home.enums import ColumnType
from home.models import ArticlePage, ColumnPage, ServiceGuidePage, StandardPage
from openinfo.catalogue import category_map
from openinfo.models import DisclosureCategoryPage, DisclosureDocumentPage
from openinfo.statistics import FRESHNESS, months_before

from ..enums import Severity
from . import registry
from .base import Check, FindingData
from .site_pages import SitePages, edit_url, end_of_day, local_date

STALE_VETO = 5  # (1) 动态要闻 / top-level 通知公告·政策文件 columns not updated
LONG_STALE_VETO = 10  # (2) columns not updated within their type's frequency
LONG_STALE_WARNING = 7  # 开普云: more than 6 stale columns
BLANK_VETO = 5  # (3) blank columns
BLANK_WARNING = 3  # 开普云: more than 2 blank columns
TOP_LEVEL_ONLY_TYPES = (ColumnType.NOTICE, ColumnType.POLICY)  # counted in (1) only at top level


@dataclass
class Column:
    page_id: int
    title: str
    path: str
    url_path: str
    column_type: str
    top_level: bool
    item_count: int = 0
    latest: object = None  # datetime.date of the newest item shown, or None

    @property
    def blank(self):
        return self.item_count == 0


def _leaf(columns):
    paths = sorted(c.path for c in columns)
    inner = {a for a, b in itertools.pairwise(paths) if b.startswith(a)}
    return [c for c in columns if c.path not in inner]


def _aggregate(queryset, date_field):
    """(parent path, count, newest) rows of ``queryset``, one query: items grouped by the page they sit under."""
    return (
        queryset.order_by()
        .annotate(parent=Substr("path", 1, _parent_length()))
        .values("parent")
        .annotate(n=Count("pk"), newest=Max(date_field))
        .values_list("parent", "n", "newest")
    )


def _parent_length():
    # Wagtail's materialised path: four characters per tree level.
    return (F("depth") - 1) * 4


def _fill(columns, rows, to_date):
    """Add each item group to the leaf column whose subtree holds it."""
    by_path = sorted(columns, key=lambda c: len(c.path), reverse=True)
    for parent, count, newest in rows:
        column = next((c for c in by_path if parent.startswith(c.path)), None)
        if column is None:
            continue
        column.item_count += count
        day = to_date(newest) if newest is not None else None
        if day is not None and (column.latest is None or day > column.latest):
            column.latest = day


def gather(site, today):
    """Every leaf column of the site with its item count and newest shown date (constant queries)."""
    pages = SitePages(site)
    root = pages.root
    published = pages.published
    limit = end_of_day(today)
    ordinary = [
        Column(pk, title, path, url_path, ctype, depth == root.depth + 1)
        for pk, title, path, url_path, ctype, depth in published(ColumnPage.objects.all()).values_list(
            "pk", "title", "path", "url_path", "column_type", "depth"
        )
    ]
    ordinary = _leaf(ordinary)
    articles = published(ArticlePage.objects.all()).filter(publish_at__lt=limit)
    _fill(ordinary, _aggregate(articles, "publish_at"), local_date)
    guides = published(ServiceGuidePage.objects.all())
    _fill(ordinary, _aggregate(guides, "last_published_at"), lambda _: None)
    categories = category_map()
    disclosure = [
        Column(pk, title, path, url_path, getattr(categories.get(code), "column_type", ColumnType.OTHER), False)
        for pk, title, path, url_path, code in published(DisclosureCategoryPage.objects.all()).values_list(
            "pk", "title", "path", "url_path", "category"
        )
    ]
    disclosure = _leaf(disclosure)
    documents = published(DisclosureDocumentPage.objects.all()).filter(published_on__lte=today)
    _fill(disclosure, _aggregate(documents, "published_on"), lambda day: day)
    standard = [
        Column(pk, title, path, url_path, ColumnType.OTHER, depth == root.depth + 1, item_count=len(body.raw_data))
        for pk, title, path, url_path, depth, body in published(StandardPage.objects.all()).values_list(
            "pk", "title", "path", "url_path", "depth", "body"
        )
    ]
    return pages, ordinary + disclosure + standard


def last_fresh_day(column_type: str, today: datetime.date) -> datetime.date | None:
    """A column of this type is stale when its newest item is dated on or before this day: "not updated in the two
    weeks before the check" leaves out an item exactly 14 days old (the window is today and the 13 days before),
    and an item exactly six months old likewise. None: the type has no expected frequency."""
    rule = FRESHNESS.get(column_type)
    if rule is None:
        return None
    unit, amount = rule
    return today - datetime.timedelta(days=amount) if unit == "days" else months_before(today, amount)


def classify(column, today):
    """(counts in line (1), counts in line (2)) for a column that has items."""
    threshold = last_fresh_day(column.column_type, today)
    if threshold is None or column.blank:
        return False, False
    long_stale = column.latest is None or column.latest <= threshold
    counted_top = column.column_type not in TOP_LEVEL_ONLY_TYPES or column.top_level
    strict = column.column_type in (ColumnType.NEWS, *TOP_LEVEL_ONLY_TYPES) and counted_top
    return long_stale and strict, long_stale


@registry.register
class ColumnsCheck(Check):
    name = "columns"
    label = "栏目不更新、空白栏目"
    source = "国办秘函〔2019〕19号 单项否决：栏目不更新（含空白栏目）"

    def run(self, site, today):
        pages, columns = gather(site, today)
        stale, long_stale, blank = [], [], []
        for column in columns:
            if column.blank:
                blank.append(column)
                yield self._column_finding(pages, column, "blank", "空白栏目（无任何内容）")
                continue
            strict, long = classify(column, today)
            if strict:
                stale.append(column)
            if long:
                long_stale.append(column)
                label = ColumnType(column.column_type).label
                since = f"最新信息发布于{column.latest:%Y-%m-%d}" if column.latest else "没有已发布的信息"
                yield self._column_finding(pages, column, "stale", f"{label}栏目未按期更新（{since}）")
        yield from self._site_findings(pages, stale, long_stale, blank)

    def _column_finding(self, pages, column, code, title):
        return FindingData(
            code=code,
            severity=Severity.WARNING,
            key=f"column:{column.page_id}:{code}",
            title=f"“{column.title}”：{title}",
            url=pages.url(column.url_path),
            edit_url=edit_url(column.page_id),
            page_id=column.page_id,
            extra={
                "column_type": column.column_type,
                "top_level": column.top_level,
                "latest": column.latest.isoformat() if column.latest else None,
            },
        )

    def _site_findings(self, pages, stale, long_stale, blank):
        lines = (
            ("stale", stale, STALE_VETO, None, "动态要闻及一级通知公告、政策文件栏目未按期更新"),
            ("long-stale", long_stale, LONG_STALE_VETO, LONG_STALE_WARNING, "应更新栏目长期未更新"),
            ("blank", blank, BLANK_VETO, BLANK_WARNING, "空白栏目"),
        )
        for code, found, veto, warning, label in lines:
            count = len(found)
            if count >= veto:
                severity, note = Severity.VETO, f"达到{veto}个即单项否决"
            elif warning is not None and count >= warning:
                severity, note = Severity.WARNING, f"再有{veto - count}个即单项否决"
            else:
                continue
            yield FindingData(
                code=f"site-{code}",
                severity=severity,
                key=f"site:{code}",
                title=f"{label}{count}个（{note}）",
                detail="、".join(c.title for c in found[:20]),
                url=pages.home_url,
                extra={"count": count, "veto_at": veto, "columns": [c.page_id for c in found]},
            )
