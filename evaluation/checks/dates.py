"""Publication dates that are not true: a shown date in the future, or changed after first publication.

Rule: 国办秘函〔2019〕19号, 单项否决 “安全、泄密事故等严重问题” (5): falsification, e.g. forged publication dates.
Confidence: the veto item is verified (gov-standards.md §3.2); what counts as forged is this platform's reading:
- a published item whose shown date (文章 发布时间, 公开信息 发布日期) lies after the judged day: it cannot be true
  today, and an inspector sees it — VETO;
- a published item whose shown date differs from the one it had when first published (compared with the revision
  of its first ``wagtail.publish`` log entry), or a 公开信息 flagged 发布日期曾被修改 (the edit form logs every such
  change with its 修改原因 as ``sites.shown_date_changed``; entries before issue 14 are
  ``openinfo.publish_date_changed``): possibly a correction, possibly back-dating — WARNING, linked to the page's
  history so a reviewer can see who changed it, when and why.
Pages published without a revision (imports, the demo seed) have no first-publication record and are only judged
for future dates.
"""

from django.db.models import OuterRef, Subquery
from django.db.models.fields.json import KeyTextTransform
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.models import PageLogEntry

from home.models import ArticlePage
from openinfo.models import DisclosureDocumentPage

from ..enums import Severity
from . import registry
from .base import Check, FindingData
from .site_pages import SitePages, end_of_day, history_url, local_date


def _first_published(field: str):
    """The value ``field`` had in the revision of the page's first publication (JSON text), as a subquery."""
    first = (
        PageLogEntry.objects.filter(page_id=OuterRef("pk"), action="wagtail.publish", revision__isnull=False)
        .order_by("timestamp", "pk")
        .annotate(value=KeyTextTransform(field, "revision__content"))
        .values("value")[:1]
    )
    return Subquery(first)


def _article_day(text: str | None):
    moment = parse_datetime(text) if text else None
    return local_date(moment) if moment else None


def _document_day(text: str | None):
    return parse_date(text) if text else None


@registry.register
class DatesCheck(Check):
    name = "dates"
    label = "发布日期不实"
    source = "国办秘函〔2019〕19号 单项否决：安全、泄密事故等严重问题（五）发布日期造假"

    def run(self, site, today):
        pages = SitePages(site)
        articles = (
            pages.published(ArticlePage.objects.all())
            .annotate(first_shown=_first_published("publish_at"))
            .values_list("pk", "title", "url_path", "publish_at", "first_shown")
        )
        limit = end_of_day(today)
        for pk, title, url_path, publish_at, first_shown in articles:
            shown = local_date(publish_at)
            first = _article_day(first_shown)
            yield from self._judge(pages, pk, title, url_path, shown, first, publish_at >= limit, False)
        documents = (
            pages.published(DisclosureDocumentPage.objects.all())
            .annotate(first_shown=_first_published("published_on"))
            .values_list("pk", "title", "url_path", "published_on", "first_shown", "publish_date_changed")
        )
        for pk, title, url_path, published_on, first_shown, flagged in documents:
            first = _document_day(first_shown)
            yield from self._judge(pages, pk, title, url_path, published_on, first, published_on > today, flagged)

    def _judge(self, pages, pk, title, url_path, shown, first, in_future, flagged):
        common = {"url": pages.url(url_path), "edit_url": history_url(pk), "page_id": pk}
        if in_future:
            yield FindingData(
                code="future",
                severity=Severity.VETO,
                key=f"page:{pk}:future",
                title=f"《{title}》的发布日期{shown:%Y-%m-%d}晚于今天",
                extra={"shown": shown.isoformat()},
                **common,
            )
        if (first is not None and first != shown) or flagged:
            since = f"首次发布时为{first:%Y-%m-%d}，" if first else ""
            yield FindingData(
                code="changed",
                severity=Severity.WARNING,
                key=f"page:{pk}:changed",
                title=f"《{title}》发布后修改了发布日期",
                detail=f"{since}现为{shown:%Y-%m-%d}；请在页面历史中核对修改人和原因。",
                extra={"shown": shown.isoformat(), "first": first.isoformat() if first else None},
                **common,
            )
