"""三审: a portal page goes 初审 → 复审 → 终审 with three different people and is live only after the last; the
author, the submitter and anyone who approved an earlier step are refused at every step, on every road."""

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import TaskState

from sites.admin_reviews import reviewable_task_states
from sites.workflow import refusal_reason
from tests.conftest import site_client

from .conftest import act, assert_refused_by_wagtail, draft_article, submit, task_statuses

pytestmark = pytest.mark.django_db

AUTHOR = "您是该稿件的作者，不能审核自己撰写的稿件（各审核环节须由作者以外的人员完成）。"
SUBMITTER = "您提交了该稿件，不能审核自己提交的稿件。"


def test_portal_page_goes_through_three_people_and_is_live_only_after_the_last(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    state = submit(page, people.author)
    for step in ["初审", "复审", "终审"]:
        page.refresh_from_db()
        assert not page.live, step
        assert page.current_workflow_task.specific.step == step
        response = act(group.zhuzhou, people.steps[step], page)
        assert response.status_code == 302, step
    page.refresh_from_db()
    assert page.live and page.live_revision_id
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    assert task_statuses(state) == [
        ("初审", "approved", people.steps["初审"].username),
        ("复审", "approved", people.steps["复审"].username),
        ("终审", "approved", people.steps["终审"].username),
    ]


@pytest.mark.parametrize("step_index", [0, 1, 2])
def test_the_author_cannot_approve_at_any_step(group, staff, require_review, step_index):
    """The author is put in every step's group: membership alone must not let them approve their own page."""
    people = staff(group.zhuzhou)
    people.author.groups.add(*[u.groups.exclude(pk=group.zhuzhou.editor_group_id).get() for u in people.steps.values()])
    page = draft_article(group.zhuzhou, people.author)
    submit(page, people.steps["初审"])  # submitted by a colleague: only authorship stands in the way
    for step in ["初审", "复审", "终审"][:step_index]:
        assert act(group.zhuzhou, people.steps[step], page).status_code == 302
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    before = list(TaskState.objects.values_list("pk", "status"))

    assert refusal_reason(page, people.author) == AUTHOR
    assert page.current_workflow_task.specific.get_actions(page, people.author) == []
    assert_refused_by_wagtail(act(group.zhuzhou, people.author, page))
    with pytest.raises(PermissionDenied) as refused:
        task_state.task.specific.on_action(task_state, people.author, "approve")
    assert str(refused.value) == AUTHOR
    assert list(TaskState.objects.values_list("pk", "status")) == before
    page.refresh_from_db()
    assert not page.live
    assert not reviewable_task_states(people.author).filter(pk=task_state.pk).exists()
    assert not TaskState.objects.reviewable_by(people.author).filter(pk=task_state.pk).exists()


def test_the_submitter_cannot_approve(group, staff, require_review):
    people = staff(group.zhuzhou_fgw)
    page = draft_article(group.zhuzhou_fgw, people.author, column="tzgg")
    first = people.steps["初审"]
    submit(page, first)  # submitted on the author's behalf by a 初审 member
    page.refresh_from_db()
    assert refusal_reason(page, first) == SUBMITTER
    assert_refused_by_wagtail(act(group.zhuzhou_fgw, first, page))
    page.refresh_from_db()
    assert page.current_workflow_task.specific.step == "初审"


def test_one_person_cannot_approve_two_steps_of_one_run(group, staff, require_review):
    people = staff(group.zhuzhou)
    first = people.steps["初审"]
    first.groups.add(people.steps["复审"].groups.exclude(pk=group.zhuzhou.editor_group_id).get())  # in both groups
    page = draft_article(group.zhuzhou, people.author)
    submit(page, people.author)
    assert act(group.zhuzhou, first, page).status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_task.specific.step == "复审"
    task_state = page.current_workflow_task_state
    assert refusal_reason(page, first) == "您已审核通过该稿件的“初审”环节，同一稿件的各审核环节须由不同人员审核。"
    assert_refused_by_wagtail(act(group.zhuzhou, first, page))
    assert not reviewable_task_states(first).filter(pk=task_state.pk).exists()
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    # Someone else of the 复审 group may.
    assert reviewable_task_states(people.steps["复审"]).filter(pk=task_state.pk).exists()
    assert act(group.zhuzhou, people.steps["复审"], page).status_code == 302


def test_dashboard_lists_a_page_only_for_those_who_may_approve_it(group, staff, require_review):
    people = staff(group.hetang_yuetang)
    page = draft_article(group.hetang_yuetang, people.author, column="tzgg", title="待初审稿件")
    submit(page, people.author)
    reviewer_html = site_client(group.hetang_yuetang, people.steps["初审"]).get("/admin/").content.decode()
    signer_html = site_client(group.hetang_yuetang, people.signer).get("/admin/").content.decode()
    assert "待初审稿件" in reviewer_html
    assert "待初审稿件" not in signer_html  # not at their step yet
    assert not reviewable_task_states(people.author).exists()


def test_a_member_of_a_later_step_cannot_approve_an_earlier_one(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    submit(page, people.author)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    later = people.steps["复审"]
    assert page.current_workflow_task.specific.get_actions(page, later) == []
    assert_refused_by_wagtail(act(group.zhuzhou, later, page))
    with pytest.raises(PermissionDenied) as refused:
        task_state.task.specific.on_action(task_state, later, "approve")
    assert str(refused.value) == "您不在“初审”环节的审核组中，不能审核该稿件。"
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_the_last_step_approves_and_publishes_from_the_editor(group, staff, require_review):
    """审核通过 in the editor footer (an edit saved with the approval) publishes; direct publishing stays refused."""
    from django.urls import reverse

    from tests.evaluation.test_words_review import edit_form

    people = staff(group.hetang_daping)  # a village: one step, 终审
    page = draft_article(group.hetang_daping, people.author, column="cwgk")
    submit(page, people.author)
    data = edit_form(page, "签发后的标题", "摘要", action="action-workflow-action")
    data["workflow-action-name"] = "approve"
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = site_client(group.hetang_daping, people.signer).post(url, data)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "签发后的标题" and page.current_workflow_state is None
