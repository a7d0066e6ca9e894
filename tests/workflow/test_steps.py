"""Workflows per site kind, as data: the steps and groups create_site builds, and sync_site_workflows."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupApprovalTask, GroupPagePermission, Task, Workflow, WorkflowPage, WorkflowTask

from sites.blueprint import load_blueprint
from sites.models import ReviewStepTask
from sites.permissions import step_groups

pytestmark = pytest.mark.django_db

EXPECTED = {
    "zhuzhou": ["初审", "复审", "终审"],  # city
    "hetang": ["初审", "复审", "终审"],  # district
    "zhuzhou-fgw": ["初审", "终审"],  # department
    "hetang-yuetang": ["初审", "终审"],  # township
    "hetang-daping": ["终审"],  # village
    "zhuzhou-xiangjiang": ["终审"],  # topic
}


def page_codenames(group):
    return {p.permission.codename for p in GroupPagePermission.objects.filter(group=group)}


@pytest.mark.parametrize(("slug", "steps"), EXPECTED.items())
def test_each_kind_gets_its_steps_one_group_and_task_each(group, slug, steps):
    profile = group.all[slug]
    assert [s.name for s in load_blueprint(profile.kind).workflow] == steps
    home = profile.site.root_page
    workflow = WorkflowPage.objects.get(page=home).workflow
    tasks = [t.specific for t in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [type(t) for t in tasks] == [ReviewStepTask] * len(steps)
    assert [(t.step, t.site_id) for t in tasks] == [(step, profile.pk) for step in steps]
    groups = step_groups(profile)
    assert list(groups) == steps
    assert [list(t.groups.all()) for t in tasks] == [[g] for g in groups.values()]
    assert len(set(groups.values())) == len(steps)  # one group per step
    assert groups[steps[-1]] == profile.reviewer_group  # the last step (签发) is the site's 审核组
    for step, step_group in groups.items():
        assert step_group.name.startswith(f"{slug} · {profile.org_name} · ")
        assert step_group.permissions.filter(codename="access_admin").exists()
        assert set(GroupPagePermission.objects.filter(group=step_group).values_list("page", flat=True)) == {home.pk}
        expected = {"add_page", "change_page", "lock_page", "unlock_page"}
        if step == steps[-1]:
            expected.add("publish_page")  # withdrawal, and page types the setting exempts
        assert page_codenames(step_group) == expected, step


def snapshot():
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "tasks": sorted(Task.objects.values_list("name", "active")),
        "links": sorted(WorkflowTask.objects.values_list("workflow_id", "task_id", "sort_order")),
        "workflows": Workflow.objects.count(),
        "page_perms": GroupPagePermission.objects.count(),
    }


def sync(*args):
    out = io.StringIO()
    call_command("sync_site_workflows", *args, stdout=out)
    return out.getvalue()


def test_sync_is_idempotent_on_an_up_to_date_group(group):
    before = snapshot()
    assert sync().splitlines()[-1] == "审核流程已是最新"
    assert snapshot() == before


def test_sync_replaces_a_sites_old_single_task_and_then_changes_nothing(group):
    """Sites created before per-kind workflows had one GroupApprovalTask for the 审核组."""
    profile = group.hetang
    workflow = WorkflowPage.objects.get(page=profile.site.root_page).workflow
    WorkflowTask.objects.filter(workflow=workflow).delete()
    ReviewStepTask.objects.filter(site=profile).delete()
    Group.objects.filter(name__in=[f"hetang · {profile.org_name} · {s}" for s in ("初审", "复审")]).delete()
    old = GroupApprovalTask.objects.create(name=f"{workflow.name} · 审核")
    old.groups.add(profile.reviewer_group)
    WorkflowTask.objects.create(workflow=workflow, task=old.task_ptr, sort_order=0)

    output = sync("--site", "hetang")
    assert "hetang：创建审核环节 初审；创建审核环节 复审；创建审核环节 终审；移除旧审核任务" in output
    tasks = [t.specific for t in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [t.step for t in tasks] == ["初审", "复审", "终审"]
    assert list(tasks[-1].groups.all()) == [profile.reviewer_group]
    old.refresh_from_db()
    assert not old.active and not WorkflowTask.objects.filter(task=old.task_ptr).exists()

    before = snapshot()
    assert sync().splitlines()[-1] == "审核流程已是最新"
    assert snapshot() == before
