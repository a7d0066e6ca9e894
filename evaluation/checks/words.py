"""错敏词 site scan: every live, public page of a site read through the wording dictionary (evaluation/words/).

Rule: 国办秘函〔2019〕19号 lists "a serious wording error" (严重表述错误) among the 安全、泄密事故 single-veto items
(gov-standards.md §3.2, verified), and monitors warn on 疑似错别字 / 敏感词 (开普云, TRS KPI: §3.4). Whether a
wording error is *serious* enough to veto is judged by a person, never by a dictionary, so this check yields at
most a **warning**: a page with a 严重 hit is a warning, a page with only 一般/提示 hits is advisory. One finding
per page with hits; the queries are constant per site (the pages of each type in one query, one for the whitelist).
"""

from django.urls import reverse
from wagtail.models import Page

from ..enums import Severity
from ..words.matcher import dictionary, scan
from ..words.review import whitelist
from ..words.text import page_text
from . import registry
from .base import Check, FindingData

SHOWN = 5
KEPT = 20


def _detail(hits) -> str:
    lines = [hit.message for hit in hits[:SHOWN]]
    if len(hits) > SHOWN:
        lines.append(f"另有 {len(hits) - SHOWN} 处")
    return "；".join(lines)


@registry.register
class WordsCheck(Check):
    name = "words"
    label = "错敏词"
    source = "国办秘函〔2019〕19号 单项否决“严重表述错误”（由人工判定，本检查只预警）"

    def run(self, site, today):
        words = dictionary()
        allowed = whitelist(site)
        root = site.site.root_page
        pages = Page.objects.live().public().descendant_of(root, inclusive=True).order_by("path").specific()
        for page in pages:
            hits = scan(page_text(page), allowed, words)
            if hits:
                yield self._finding(site, root, page, hits)

    def _finding(self, site, root, page, hits) -> FindingData:
        serious = sum(1 for hit in hits if hit.serious)
        path = "/" + page.url_path[len(root.url_path) :].lstrip("/")
        return FindingData(
            code="serious" if serious else "hits",
            severity=Severity.WARNING if serious else Severity.ADVISORY,
            key=f"page:{page.pk}",
            title=f"“{page.title}”有 {len(hits)} 处错敏词" + (f"（严重 {serious} 处）" if serious else ""),
            detail=_detail(hits),
            url=site.site.root_url + path,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            page_id=page.pk,
            extra={
                "hits": [
                    {"text": h.text, "kind": h.kind, "level": h.level, "suggestion": h.suggestion, "start": h.start}
                    for h in hits[:KEPT]
                ]
            },
        )
