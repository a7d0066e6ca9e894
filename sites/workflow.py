"""Review before publishing (三审, separation of duties) — the rules every road to "live" obeys.

* ``refusal_reason``: who may not approve a page's current review step — the author of the submitted revision, the
  person who submitted it, and anyone who already approved another step of the same workflow run (三审 = three
  different people). sites.models.ReviewStepTask asks it in get_actions / on_action, so the edit view, the workflow
  action view, the dashboard, the reports and any API refuse alike.
* ``ReviewPermissionTester``: Wagtail asks ``PagePermissionTester`` whether a user may publish (edit view's 发布,
  bulk publish, move, copy with publish, revert and publish, create and publish). Where the 发布审核要求 setting
  (sites.models.ReviewPolicy) requires review for the page's type, it answers no for everyone but platform
  administrators; unpublishing (withdrawal) keeps Wagtail's rule (the 签发 group's publish_page permission).
* sites.publishing.publish_approved: the workflow's last approval publishes — the one road to live that is left.

Basis: 《政府网站发展指引》(国办发〔2017〕47号) 建立健全信息发布审核制度, "先审后发".
"""

from wagtail.models import PagePermissionTester, TaskState

POLICY_ATTR = "_review_policy"
REFUSALS_ATTR = "_review_refusals"

PUBLISH_REFUSED = "该页面须经审核流程签发后才能发布，请点击“提交审核”。"


def review_policy(user):
    """The platform's 发布审核要求, read once per user object (i.e. once per request)."""
    from .models import ReviewPolicy

    policy = getattr(user, POLICY_ATTR, None)
    if policy is None:
        policy = ReviewPolicy.load()
        setattr(user, POLICY_ATTR, policy)
    return policy


def review_required(model, user) -> bool:
    """Must pages of ``model`` go through review before ``user`` can make them live?"""
    if user.is_superuser:  # platform administrators keep direct publishing (emergencies, corrections)
        return False
    return review_policy(user).requires_review(model)


def refusal_reason(obj, user) -> str | None:
    """Why ``user`` may not approve ``obj``'s current review step (a Chinese sentence), or None."""
    state = getattr(obj, "current_workflow_state", None)
    if state is None or not user.is_authenticated:
        return None
    task_state = state.current_task_state
    cache = getattr(user, REFUSALS_ATTR, None)
    if cache is None:
        cache = {}
        setattr(user, REFUSALS_ATTR, cache)
    key = (state.pk, getattr(task_state, "pk", None))
    if key not in cache:
        cache[key] = _refusal(state, task_state, user)
    return cache[key]


def _refusal(state, task_state, user) -> str | None:
    if task_state is not None and task_state.revision_id and task_state.revision.user_id == user.pk:
        return "您是该稿件的作者，不能审核自己撰写的稿件（各审核环节须由作者以外的人员完成）。"
    if state.requested_by_id == user.pk:
        return "您提交了该稿件，不能审核自己提交的稿件。"
    done = (
        TaskState.objects.filter(workflow_state=state, status=TaskState.STATUS_APPROVED, finished_by=user)
        .values_list("task__reviewsteptask__step", "task__name")
        .first()
    )
    if done:
        return f"您已审核通过该稿件的“{done[0] or done[1]}”环节，同一稿件的各审核环节须由不同人员审核。"
    return None


def exclude_own_reviews(task_states, user):
    """``task_states`` without those ``user`` may not approve (refusal_reason's rules, as one query)."""
    approved_by_user = TaskState.objects.filter(status=TaskState.STATUS_APPROVED, finished_by=user)
    return (
        task_states.exclude(revision__user=user)
        .exclude(workflow_state__requested_by=user)
        .exclude(workflow_state__in=approved_by_user.values("workflow_state"))
    )


class ReviewPermissionTester(PagePermissionTester):
    """Wagtail's page permission tester with "publish" withheld where review is required (see module doc)."""

    def _must_review(self, model) -> bool:
        return self.user.is_active and review_required(model, self.user)

    def can_publish(self):
        return super().can_publish() and not self._must_review(self.page.specific_class)

    def can_publish_subpage(self):
        # The new page's type is not known yet: refused when any type creatable here needs review.
        if not super().can_publish_subpage():
            return False
        if self.user.is_superuser:
            return True
        return not any(self._must_review(m) for m in self.page.specific_class.creatable_subpage_models())

    def can_move_to(self, destination):
        if not super().can_move_to(destination):
            return False
        if self.user.is_superuser or not self._must_review(self.page.specific_class):
            return True
        # Moving a live page publishes it at its new place: only with the review-free right to publish.
        return not (self.page.live or self.page.get_descendants().filter(live=True).exists())

    # Unscheduling and view restrictions are not publishing: keep Wagtail's rule (publish_page permission).
    def can_unschedule(self):
        return PagePermissionTester.can_publish(self)

    def can_set_view_restrictions(self):
        return PagePermissionTester.can_publish(self)


def install_permission_tester() -> None:
    """Make ``Page.permissions_for_user`` return ReviewPermissionTester (called once from SitesConfig.ready()).

    Wagtail has no hook for the tester class; every publish check (views, bulk actions, the publish action's own
    check) goes through ``Page.permissions_for_user``, which builds ``wagtail.models.pages.PagePermissionTester``.
    """
    from wagtail.models import pages

    pages.PagePermissionTester = ReviewPermissionTester
