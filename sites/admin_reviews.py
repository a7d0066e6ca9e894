"""Moderation ("awaiting my review") at 2,000 sites: one query instead of one per site's review task.

Every site has its own review workflow and ``GroupApprovalTask`` (sites.permissions). Wagtail computes the task
states a user may review (``TaskState.objects.reviewable_by``) by OR-ing one queryset per active task: for a
platform administrator that is 2,000 ORed subqueries (PostgreSQL gave up after 18 s with "Expression tree is too
large" and the dashboard answered 500), for a site editor 2,000 membership queries. ``reviewable_task_states``
gives the same rows in one query; the dashboard panel and the two workflow reports' "待我审核" filter use it.

The dashboard panel lists at most ``PANEL_LIMIT`` states (newest first) and links to the workflow tasks report
for the rest: each listed state costs a few queries (its actions and the workflow's task list), so an unbounded
panel would grow with the number of sites waiting for review.
"""

import copy
from collections import defaultdict

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import FilteredModelChoiceField
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet, WorkflowTasksReportFilterSet, WorkflowView
from wagtail.models import GroupApprovalTask, Page, Revision, Task, TaskState, WorkflowTask

PANEL_LIMIT = 20


def reviewable_task_states(user) -> QuerySet:
    """The in-progress task states ``user`` may moderate — ``TaskState.objects.reviewable_by`` in one query.

    A ``GroupApprovalTask`` is reviewable by superusers and by members of its groups (Wagtail's
    ``AbstractGroupApprovalTask.get_task_states_user_can_moderate``); that rule becomes one subquery. A site's
    ``ReviewStepTask`` (sites.models) adds separation of duties (sites.workflow.exclude_own_reviews), one more
    subquery. Any other active task type (none in this project) is still asked one by one.
    """
    from .models import ReviewStepTask
    from .workflow import exclude_own_reviews

    group_tasks = GroupApprovalTask.objects.all()
    step_tasks = ReviewStepTask.objects.all()
    if not user.is_superuser:
        group_tasks = group_tasks.filter(groups__in=user.groups.values("pk"))
        step_tasks = step_tasks.filter(groups__in=user.groups.values("pk"))
    in_progress = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, task__active=True)
    step_states = exclude_own_reviews(in_progress.filter(task__in=step_tasks.values("pk")), user)
    states = in_progress.filter(Q(task__in=group_tasks.values("pk")) | Q(pk__in=step_states.values("pk")))
    known = Q()
    for model in (GroupApprovalTask, ReviewStepTask):  # by name in the same query: no content type lookup
        known |= Q(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name)
    others = Task.objects.filter(active=True).exclude(known)
    for task in others.specific():
        states = states | task.get_task_states_user_can_moderate(user=user)
    return states


def _state_row(state, user) -> dict | None:
    """What Wagtail's template needs for one task state (as WorkflowObjectsToModeratePanel builds it)."""
    obj = state.revision.content_object
    if not obj:  # a revision whose object was deleted (no GenericRelation to clean it up)
        return None
    names = {
        "workflow_action_url_name": "wagtailadmin_pages:workflow_action",
        "workflow_preview_url_name": "wagtailadmin_pages:workflow_preview",
        "revisions_compare_url_name": "wagtailadmin_pages:revisions_compare",
    }
    if not isinstance(obj, Page):  # snippets with workflows
        viewset = obj.snippet_viewset
        names = {key: viewset.get_url_name(key.removesuffix("_url_name")) for key in names}
    if not getattr(obj, "is_previewable", False):
        names["workflow_preview_url_name"] = None
    return {
        "obj": obj,
        "revision": state.revision,
        "previous_revision_id": state.previous_revision_id,
        "live_revision_id": obj.live_revision_id,
        "task_state": state,
        "actions": state.task.specific.get_actions(obj, user),
        "workflow_tasks": state.workflow_state.all_tasks_with_status(),
        **names,
    }


class ReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review" dashboard panel over ``reviewable_task_states``, at most PANEL_LIMIT rows."""

    template_name = "sites/admin/review_panel.html"

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        context = {"states": [], "request": request, "csrf_token": parent_context["csrf_token"]}
        states = (
            reviewable_task_states(request.user)
            .select_related("task", "revision", "revision__user", "workflow_state", "workflow_state__workflow")
            .prefetch_related("revision__content_object", "revision__content_object__latest_revision")
            .order_by("-started_at", "-pk")
            .annotate(previous_revision_id=Revision.objects.previous_revision_id_subquery())
        )
        for state in states[: PANEL_LIMIT + 1]:
            row = _state_row(state, request.user)
            if row is not None:
                context["states"].append(row)
        if len(context["states"]) > PANEL_LIMIT:
            context["states"] = context["states"][:PANEL_LIMIT]
            context["more_url"] = reverse("wagtailadmin_reports:workflow_tasks") + "?reviewable=true"
        return context


def replace_review_panel(request, panels):
    """``construct_homepage_panels`` hook: swap Wagtail's review panel for ReviewPanel."""
    panels[:] = [ReviewPanel() if type(p) is WorkflowObjectsToModeratePanel else p for p in panels]


class ReviewableWorkflowReportFilterSet(WorkflowReportFilterSet):
    def filter_reviewable(self, queryset, name, value):
        if value and self.request and self.request.user:
            queryset = queryset.filter(current_task_state__in=reviewable_task_states(self.request.user))
        return queryset


class TaskChoiceField(FilteredModelChoiceField):
    """The report's 任务 choices, each tagged with its workflows so that choosing a workflow narrows them.

    Wagtail asks every task for its workflows, one query per task (2,000 at 2,000 sites); this reads them all
    in one query.
    """

    @cached_property
    def _workflows_of(self) -> dict[int, list[int]]:
        workflows = {}
        rows = WorkflowTask.objects.filter(task__in=self.queryset.values("pk")).values_list("task_id", "workflow_id")
        for task_id, workflow_id in rows:
            workflows.setdefault(task_id, []).append(workflow_id)
        return workflows

    def get_filter_value(self, obj):
        return self._workflows_of.get(obj.pk, [])


class ReviewableWorkflowTasksReportFilterSet(WorkflowTasksReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["task"].field_class = TaskChoiceField

    def filter_reviewable(self, queryset, name, value):
        if value and self.request and self.request.user:
            queryset = queryset.filter(pk__in=reviewable_task_states(self.request.user).values("pk"))
        return queryset


def attach_tasks_with_status(workflow_states) -> None:
    """Give each of a report page's workflow states its ``all_tasks_with_status`` from two queries in all.

    Wagtail's workflow report asks every row for its workflow's tasks with their status, two queries per row
    (40 of the page's 57). The same values — each task of the workflow in order, with the status of its latest
    task state in this workflow state — are read here for the whole page. With
    WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT, statuses depend on each row's latest revision: Wagtail's own
    method stays.
    """
    states = list(workflow_states)
    if not states or getattr(settings, "WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT", False):
        return
    tasks_of = defaultdict(list)
    links = WorkflowTask.objects.filter(workflow_id__in={s.workflow_id for s in states}).select_related("task")
    for link in links.order_by("workflow_id", "sort_order"):
        tasks_of[link.workflow_id].append(link.task)
    latest = {}
    rows = TaskState.objects.filter(workflow_state__in=states).order_by("started_at", "id")
    for state_id, task_id, status in rows.values_list("workflow_state_id", "task_id", "status"):
        latest[(state_id, task_id)] = status  # ascending: the latest wins, as Wagtail's "-started_at, -id"[:1]
    labels = dict(TaskState.STATUS_CHOICES)
    for state in states:
        tasks = []
        for task in tasks_of[state.workflow_id]:
            task = copy.copy(task)
            task.status = latest.get((state.pk, task.pk))
            task.status_display = labels.get(task.status, _("Not started"))
            tasks.append(task)
        state.all_tasks_with_status = lambda tasks=tasks: tasks  # the template calls it, as it calls the method


class WorkflowStatusesView(WorkflowView):
    """Wagtail's workflow report with each page of rows' task statuses read at once."""

    def decorate_paginated_queryset(self, object_list):
        rows = super().decorate_paginated_queryset(object_list)
        attach_tasks_with_status(rows)
        return rows
