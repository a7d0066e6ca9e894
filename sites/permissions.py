"""What a site's editor and reviewer groups may do — always confined to that site.

Page permissions are granted once on the site's home page (they cover its whole subtree: grant on a few
subtree roots, never on many pages, or Wagtail's explorer slows down — wagtail#8410). Images and documents
live in one collection per site. Site settings use GroupSitePermission (Wagtail ≥ 7.1).
"""

from functools import cache

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
REVIEWER_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
# 初审/复审 groups edit and lock what they review but never publish; only the last step's group (签发) holds
# publish_page — for withdrawal (unpublish) and for page types the 发布审核要求 setting exempts.
STEP_PAGE_PERMISSIONS = ("add_page", "change_page", "lock_page", "unlock_page")
MEDIA_PERMISSIONS = (
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
)
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
# The change permission of every per-site setting a site's own staff edit. Content apps append theirs in
# AppConfig.ready() (e.g. interaction's 互动交流设置), so sites need not know them.
SITE_SETTINGS_PERMISSIONS = [("sites", "change_sitesettings")]


@cache
def _permission(app_label: str, codename: str) -> Permission:
    # Permission rows come from migrations and never change at run time; provisioning 2000 sites would
    # otherwise look each one up 2000 times.
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _grant(model, group: Group, target: dict, permissions: list[Permission]) -> None:
    """Create the missing (group, target, permission) rows: one read and one bulk insert per table."""
    have = set(model.objects.filter(group=group, **target).values_list("permission_id", flat=True))
    model.objects.bulk_create(
        [model(group=group, permission=permission, **target) for permission in permissions if permission.pk not in have]
    )


def grant_site_permissions(group: Group, *, site: Site, home: Page, collection: Collection, page_codenames) -> None:
    group.permissions.add(_permission(*ADMIN_ACCESS))
    _grant(GroupPagePermission, group, {"page": home}, [_permission("wagtailcore", c) for c in page_codenames])
    _grant(GroupCollectionPermission, group, {"collection": collection}, [_permission(*p) for p in MEDIA_PERMISSIONS])
    _grant(GroupSitePermission, group, {"site": site}, [_permission(*p) for p in SITE_SETTINGS_PERMISSIONS])


def _step_group(profile, step, task, *, last: bool) -> Group:
    """The group approving ``step``: the site's 审核组 for the last step (签发), else its own group."""
    if last:
        return profile.reviewer_group
    group = task.groups.first() if task is not None else None
    if group is None:
        group, _ = Group.objects.get_or_create(name=f"{profile.slug} · {profile.org_name} · {step.name}")
    return group


def ensure_site_workflow(profile, *, home: Page, steps) -> list[str]:
    """The site's review workflow: one ReviewStepTask per blueprint step, in order, each approved by its group.

    Idempotent. Tasks and groups are found by (site, step name), so renaming an organisation never duplicates them;
    a task no longer among the steps (e.g. the single 审核 task sites had before per-kind workflows) is removed
    from the workflow and deactivated — Wagtail cancels its reviews in progress, which are then resubmitted.
    Returns what it created, for create_site's output.
    """
    from .models import ReviewStepTask

    actions = []
    name = f"{profile.org_name}（{profile.slug}）"
    link = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    workflow = link.workflow if link else Workflow.objects.get_or_create(name=name)[0]
    existing = {t.step: t for t in ReviewStepTask.objects.filter(site=profile)}
    tasks = []
    for index, step in enumerate(steps):
        last = index == len(steps) - 1
        task = existing.get(step.name)
        group = _step_group(profile, step, task, last=last)
        if task is None:
            task = ReviewStepTask.objects.create(name=f"{name} · {step.name}", site=profile, step=step.name)
            actions.append(f"创建审核环节 {step.name}")
        if not task.active:
            task.active = True
            task.save(update_fields=["active"])
        task.groups.set([group])
        if not last:  # the 审核组's grants are the site factory's (REVIEWER_PAGE_PERMISSIONS)
            grant_site_permissions(
                group, site=profile.site, home=home, collection=profile.collection, page_codenames=STEP_PAGE_PERMISSIONS
            )
        tasks.append(task)
    wanted = {task.pk for task in tasks}
    for stale in WorkflowTask.objects.filter(workflow=workflow).exclude(task__in=wanted).select_related("task"):
        stale.delete()
        if not WorkflowTask.objects.filter(task=stale.task).exists():
            stale.task.specific.deactivate()
        actions.append(f"移除旧审核任务 {stale.task.name}")
    for order, task in enumerate(tasks):
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": order})
    if not link or link.workflow_id != workflow.pk:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return actions


def step_groups(profile) -> dict[str, Group]:
    """The site's review groups by step name, in workflow order."""
    from .models import ReviewStepTask

    rows = ReviewStepTask.objects.filter(site=profile, workflow_tasks__isnull=False)
    rows = rows.order_by("workflow_tasks__sort_order")
    return {task.step: task.groups.first() for task in rows.prefetch_related("groups")}
