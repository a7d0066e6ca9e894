"""错敏词 site scan: every live, public page of a site read through the wording dictionary (evaluation/words/).

Rule: 国办秘函〔2019〕19号 lists "a serious wording error" (严重表述错误) among the 安全、泄密事故 single-veto items
(gov-standards.md §3.2, verified), and monitors warn on 疑似错别字 / 敏感词 (开普云, TRS KPI: §3.4). Whether a
wording error is *serious* enough to veto is judged by a person, never by a dictionary, so this check yields at
most a **warning**: a page with a 严重 hit is a warning, a page with only 一般/提示 hits is advisory. One finding
per page with hits; the queries are constant per site (the pages of each type in one query, one for the whitelist).

Unpublished versions too (issue 12 item 8: the workbench finds a typo "in a draft"): the latest revision of every
page of the site with unpublished changes — a draft never published, a new draft of a live page, a page in review —
read in one query per site (``Page.latest_revision``), plus one for the pages in review. Such a finding is marked
``draft`` (its title says 草稿 or 待审, its URL is the admin edit view, never a public address) and never leaves
through the public API; a draft whose text is the live page's own is not reported twice.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page, Revision, WorkflowState

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
        live_texts = {}  # of live pages with a newer draft: a draft with the same text is not reported again
        for page in pages:
            text = page_text(page)
            if page.has_unpublished_changes:
                live_texts[page.pk] = text
            hits = scan(text, allowed, words)
            if hits:
                path = "/" + page.url_path[len(root.url_path) :].lstrip("/")
                yield self._finding(page, f"“{page.title}”", hits, url=site.site.root_url + path)
        yield from self._drafts(root, allowed, words, live_texts)

    def _drafts(self, root, allowed, words, live_texts):
        """The latest revision of each page of the site with unpublished changes: one query for the revisions, one
        for the pages in review, none per page (the revision's content is read without checking its references)."""
        revisions = (
            Revision.objects.filter(
                pk__in=Page.objects.descendant_of(root, inclusive=True)
                .filter(has_unpublished_changes=True)
                .values("latest_revision_id")
            )
            .only("pk", "object_id", "content_type_id", "content")
            .order_by("pk")
        )
        revisions = list(revisions)
        in_review = set(
            WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=[revision.object_id for revision in revisions],
            )
            .values_list("object_id", flat=True)
        )
        for revision in revisions:
            model = ContentType.objects.get_for_id(revision.content_type_id).model_class()
            if model is None:  # a page type since removed
                continue
            draft = model.from_serializable_data(revision.content, check_fks=False, strict_fks=False)
            page_id = int(revision.object_id)
            text = page_text(draft)
            if live_texts.get(page_id) == text:
                continue
            hits = scan(text, allowed, words)
            if hits:
                state = "待审" if revision.object_id in in_review else "草稿"
                yield self._finding(draft, f"{state}“{draft.title}”", hits, page_id=page_id, state=state)

    def _finding(self, page, name, hits, *, url="", page_id=None, state="") -> FindingData:
        serious = sum(1 for hit in hits if hit.serious)
        page_id = page_id or page.pk
        edit_url = reverse("wagtailadmin_pages:edit", args=[page_id])
        return FindingData(
            code="serious" if serious else "hits",
            severity=Severity.WARNING if serious else Severity.ADVISORY,
            key=f"page:{page_id}:draft" if state else f"page:{page_id}",
            title=f"{name}有 {len(hits)} 处错敏词" + (f"（严重 {serious} 处）" if serious else ""),
            detail=_detail(hits),
            url=url or edit_url,  # a draft has no public address
            edit_url=edit_url,
            page_id=page_id,
            draft=bool(state),
            extra={
                **({"state": state} if state else {}),
                "hits": [
                    {"text": h.text, "kind": h.kind, "level": h.level, "suggestion": h.suggestion, "start": h.start}
                    for h in hits[:KEPT]
                ],
            },
        )
