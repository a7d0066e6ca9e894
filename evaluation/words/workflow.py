"""批准 from the workflow modal, checked for 错敏词 like every other way of publishing (evaluation/words/review.py).

The dashboard's 待我审核 panel and the workflow reports approve through Wagtail's ``workflow_action`` view
(``wagtailadmin_pages:workflow_action``), which calls ``Task.on_action`` and publishes the submitted revision
without running ``before_edit_page`` or ``before_publish_page``. Why this seam:

* Wagtail 8 offers no hook there, and no signal before the publication that could refuse it (``task_approved``
  and ``page_published`` fire after; raising from a ``pre_save`` would be a 500, not a message).
* A custom approval ``Task`` type would cover it in ``on_action``, but it lives in ``sites`` (which may not import
  evaluation), needs a model, a migration and every site's workflow switched over, and ``on_action`` gets no
  request to show the reviewer why.
* Replacing ``PageViewSet.workflow_action_view_class`` works for the page types served by the fallback viewset
  only; a page type given its own viewset later would silently skip the check.

So the same view class, subclassed, answers Wagtail's own path for every page type: config/urls.py routes
``/admin/pages/workflow/action/…`` here before Wagtail's admin. Wagtail's checks run first, unchanged (the page
is in moderation, the user may take this action on this task, else its own message or 403; the admin gate of
sites/admin_gate.py has already answered 404 for another site's page or task); only then does an ``approve``
of a revision with a 严重 hit nobody overrode stop: the task stays in review, the reviewer is sent to the page
editor with the hits and the override link, as the editor's own 批准 button does.
"""

from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.workflow import WorkflowActionView

from .review import before_workflow_approve

APPROVE = "approve"


class WordCheckedWorkflowActionView(WorkflowActionView):
    def post(self, request, *args, **kwargs):
        if self.action_name == APPROVE and before_workflow_approve(request, self.object, self.task_state.revision):
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                # The modal follows a "success" step's redirect (wagtailadmin/js/workflow-action.js).
                return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
            return redirect(edit_url)
        return super().post(request, *args, **kwargs)


urlpatterns = [
    path(
        "action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(WordCheckedWorkflowActionView.as_view()),
        name="evaluation_workflow_action",
    ),
]
