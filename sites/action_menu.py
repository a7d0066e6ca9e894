"""The page editor's primary button matches what the user may do (issue 14).

Wagtail puts 保存草稿 first and hides 发布 / 提交审核 / 审核通过 in the drop-up. Here the first (primary) item is:
审核通过 for a reviewer of the page's current step; else 发布 where the user may publish directly; else 提交审核
where the page has a review workflow; 保存草稿 stays in the menu. A POST of 发布 by someone who may not publish
(a stale form, a hand-made request) is refused with a message instead of silently saving a draft.
"""

from django.contrib import messages
from django.shortcuts import redirect
from wagtail.admin.action_menu import SubmitForModerationMenuItem, WorkflowMenuItem

from .workflow import PUBLISH_REFUSED, refusal_reason


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = getattr(page, "current_workflow_state", None) if page else None
        context["label"] = "重新提交审核" if state and state.status == state.STATUS_NEEDS_CHANGES else "提交审核"
        return context


def _primary(menu_items):
    for item in menu_items:
        if isinstance(item, WorkflowMenuItem) and item.name == "approve":
            return item
    for name in ("action-publish", "action-submit"):
        for item in menu_items:
            if item.name == name:
                return item
    return None


def primary_action_first(menu_items, request, context):
    """``construct_page_action_menu`` hook: the item matching the user's rights first (the primary button).

    A member of the current step's group who may not approve (separation of duties) is told why, in the editor.
    """
    page = context.get("page")
    task = page.current_workflow_task if page is not None else None
    if task is not None and task.specific.user_can_access_editor(page, request.user):
        reason = refusal_reason(page, request.user)
        if reason:
            messages.warning(request, reason)
    for index, item in enumerate(menu_items):
        if type(item) is SubmitForModerationMenuItem:
            menu_items[index] = SubmitForReviewMenuItem(order=item.order)
    primary = _primary(menu_items)
    if primary is not None:
        menu_items.remove(primary)
        menu_items.insert(0, primary)


def refuse_direct_publish(request, page):
    """``before_edit_page`` hook: 发布 by someone who must go through review changes nothing and says why."""
    publishing = request.method == "POST" and request.POST.get("action-publish")
    if publishing and not page.permissions_for_user(request.user).can_publish():
        messages.error(request, PUBLISH_REFUSED)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def refuse_direct_publish_of_new_page(request, parent_page, page_class):
    """``before_create_page`` hook: 发布 of a new page by someone who must go through review creates nothing."""
    publishing = request.method == "POST" and request.POST.get("action-publish")
    if publishing and not parent_page.permissions_for_user(request.user).can_publish_subpage():
        messages.error(request, PUBLISH_REFUSED)
        return redirect("wagtailadmin_explore", parent_page.pk)
    return None
