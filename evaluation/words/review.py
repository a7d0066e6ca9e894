"""The pre-publish 错敏词 check in the page editor (Wagtail hooks in evaluation/wagtail_hooks.py).

* Publishing (edit or create view, ``before_publish_page``): Wagtail has already saved the new revision, so the
  editor's text is never lost; hits are shown as warnings with the matched text highlighted in context. A 严重
  hit not yet overridden for this page stops the publication (the page stays a draft) until a reviewer overrides
  it with a reason (views.override) — 国办秘函〔2019〕19号 counts a serious wording error as a single veto.
* Approving a submission with the editor's 批准 button (``before_edit_page``): the submitted revision is checked
  the same way and stays in review until the override.
* Approving from the workflow modal (the dashboard's 待我审核 panel, the workflow reports): Wagtail's
  ``workflow_action`` view calls no hook, so evaluation/words/workflow.py wraps it (``before_workflow_approve``).
* Bulk publishing in the explorer (``before_bulk_action``): refused whole while a selected page has such a hit.
* Submitting for review: the same warnings, nothing blocked (the reviewer decides).
* Saving a draft: never checked, never blocked.

Who may override: a user who may publish the page (the site's reviewer group under 三审, or a platform
administrator) and did not write its current text (text_author_id). sites/permissions.py: editors draft and
submit, reviewers approve and publish — an override is the second pair of eyes, never the author's own.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from wagtail.models import Page

from sites.models import SiteProfile

from ..enums import WordLevel
from ..models.words import WordOverride, WordWhitelist
from .matcher import scan
from .text import page_text

CONTEXT_CHARS = 12
SHOWN_HITS = 10
AUTHOR_LOOKBACK = 20  # revisions read to find who wrote the current text
OVERRIDE_ACTION = "evaluation.words_override"
APPROVAL_REFUSED = "未批准发布"


def profile_for_page(page) -> SiteProfile | None:
    site = page.get_site()
    return SiteProfile.objects.filter(site=site).first() if site else None


def whitelist(profile) -> list[str]:
    if profile is None:
        return []
    return list(WordWhitelist.objects.filter(site=profile).values_list("word", flat=True))


def page_hits(page):
    """(text, hits) of ``page`` (a specific page, possibly unsaved edits) with its site's whitelist applied."""
    text = page_text(page)
    return text, scan(text, whitelist(profile_for_page(page)))


def overridden_words(page) -> set[str]:
    words: set[str] = set()
    for listed in WordOverride.objects.filter(page_id=page.pk).values_list("words", flat=True):
        words.update(listed)
    return words


def blocking_hits(page, hits) -> list:
    """The 严重 hits a reviewer has not overridden for this page."""
    serious = [h for h in hits if h.serious]
    if not serious:
        return []
    done = overridden_words(page) if page.pk else set()
    return [h for h in serious if h.text not in done]


def text_author_id(page) -> int | None:
    """Who last changed the page's text: the author of the oldest of the latest revisions whose text equals the
    latest's (publishing someone else's draft unchanged saves a revision too, but does not make its author)."""
    revisions = list(page.revisions.order_by("-created_at", "-pk")[:AUTHOR_LOOKBACK])
    if not revisions:
        return page.owner_id
    latest_text = page_text(revisions[0].as_object())
    author = revisions[0].user_id
    for revision in revisions[1:]:
        if page_text(revision.as_object()) != latest_text:
            break
        author = revision.user_id
    return author


def may_override(user, page) -> bool:
    return page.permissions_for_user(user).can_publish() and text_author_id(page) != user.pk


def highlighted(text: str, hits) -> str:
    """An HTML list: each hit's message and its context with the matched text in <mark>."""
    rows = [
        (
            WordLevel(hit.level).label,
            text[max(0, hit.start - CONTEXT_CHARS) : hit.start].rsplit("\n", 1)[-1],  # context stays in its field
            text[hit.start : hit.end],
            text[hit.end : hit.end + CONTEXT_CHARS].split("\n", 1)[0],
            hit.message,
        )
        for hit in hits[:SHOWN_HITS]
    ]
    items = format_html_join("", "<li data-words-hit>【{}】…{}<mark>{}</mark>{}…：{}</li>", rows)
    more = format_html("<li>另有 {} 处未列出</li>", len(hits) - SHOWN_HITS) if len(hits) > SHOWN_HITS else ""
    return format_html("<ul>{}{}</ul>", items, more)


def before_approve(request, page):
    """before_edit_page: the editor's 批准 (approve) button publishes the submitted revision without passing
    before_publish_page, so a 严重 hit nobody overrode stops the approval here (the revision stays in review)."""
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    if request.POST.get("workflow-action-name") != "approve":
        return None
    page = page.specific
    if refuse_if_serious(request, page, page.get_latest_revision_as_object(), APPROVAL_REFUSED):
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def before_workflow_approve(request, page, revision) -> bool:
    """The workflow modal's 批准 (evaluation/words/workflow.py): True when ``revision``, the one the approval would
    publish, has a 严重 hit nobody overrode — the error message (with the override link) is then queued."""
    return refuse_if_serious(request, page.specific, revision.as_object(), APPROVAL_REFUSED)


def before_publish(request, page):
    """before_publish_page: warn about every hit; stop the publication on a 严重 hit nobody overrode."""
    if not refuse_if_serious(request, page, page, "页面已保存为草稿，未发布"):
        return None
    if getattr(request.resolver_match, "url_name", "") == "add" and page.live:
        # The create view adds a page to be published as live before this hook runs: keep it a draft.
        type(page).objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    return redirect("wagtailadmin_pages:edit", page.pk)


def refuse_if_serious(request, page, content, outcome: str) -> bool:
    """Queue the hits of ``content`` (a version of ``page``) as messages; True when a 严重 hit nobody overrode
    refuses the action (an error naming ``outcome``, with the override link for a user who may override)."""
    text, hits = page_hits(content)
    if not hits:
        return False
    blocked = blocking_hits(page, hits)
    if not blocked:
        messages.warning(request, format_html("发布前错敏词检查，请核对：{}", highlighted(text, hits)))
        return False
    if may_override(request.user, page):
        action = format_html(
            '<a href="{}" data-words-override>填写理由放行</a>', reverse("evaluation_words_override", args=[page.pk])
        )
    else:
        action = "请由审核人员（可发布本页、且不是最后编辑者）核对后放行。"
    messages.error(
        request,
        format_html("发现严重错敏词，{}：{}{}", outcome, highlighted(text, blocked), action),
    )
    return True


def before_bulk_publish(request, action_type, objects, action):
    """before_bulk_action: the explorer's bulk 发布 publishes each page's latest revision; refuse the whole batch
    when one of them has a 严重 hit nobody overrode (naming those pages), so nothing is published half-checked."""
    if action_type != "publish" or not objects or not isinstance(objects[0], Page):
        return None
    blocked = []
    for page in objects:
        page = page.specific
        _, hits = page_hits(page.get_latest_revision_as_object())
        if blocking_hits(page, hits):
            blocked.append(page)
    if not blocked:
        return None
    names = format_html_join("、", "“{}”", ((page.get_admin_display_title(),) for page in blocked))
    messages.error(request, format_html("以下页面有未放行的严重错敏词，本次未发布任何页面：{}", names))
    return redirect(action.next_url)


def after_submit(request, page):
    """after_edit_page / after_create_page: on a submission for review, show the hits (nothing is blocked)."""
    if not request.POST.get("action-submit"):
        return None
    text, hits = page_hits(page.specific)
    if hits:
        messages.warning(request, format_html("提交审核前错敏词检查，请核对：{}", highlighted(text, hits)))
    return None
