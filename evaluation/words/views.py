"""The reviewer's override of a page's 严重 错敏词 hits (review.py says who may)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.log_actions import log
from wagtail.models import Page

from ..forms import WordOverrideForm
from ..models.words import WordOverride
from .review import OVERRIDE_ACTION, blocking_hits, highlighted, may_override, page_hits


def override(request, page_id: int):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise Http404  # another site's page: the admin never says it exists
    if not may_override(request.user, page):
        messages.error(request, "只有可发布本页、且不是最后编辑者的审核人员才能放行错敏词。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    revision = page.get_latest_revision()
    draft = revision.as_object() if revision else page
    text, hits = page_hits(draft)
    blocked = blocking_hits(page, hits)
    if not blocked:
        messages.info(request, "本页没有需要放行的严重错敏词。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    form = WordOverrideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        words = sorted({hit.text for hit in blocked})
        reason = form.cleaned_data["reason"]
        WordOverride.objects.create(page=page, words=words, reason=reason, user=request.user, revision=revision)
        log(
            instance=page,
            action=OVERRIDE_ACTION,
            user=request.user,
            revision=revision,
            data={"words": words, "reason": reason},
        )
        messages.success(request, f"已放行：{'、'.join(words)}。现在可以发布本页。")
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request,
        "evaluation/words/override.html",
        {"page": page, "hits": highlighted(text, blocked), "form": form, "header_title": "错敏词放行"},
    )
