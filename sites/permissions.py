"""What a site's editor and reviewer groups may do — always confined to that site.

Page permissions are granted once on the site's home page (they cover its whole subtree: grant on a few
subtree roots, never on many pages, or Wagtail's explorer slows down — wagtail#8410). Images and documents
live in one collection per site. Site settings use GroupSitePermission (Wagtail ≥ 7.1).
"""

from functools import cache

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
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


def ensure_review_workflow(*, name: str, reviewers: Group, home: Page) -> Workflow:
    """Editors draft and submit; the site's reviewers approve and publish (三审: 采编 → 审核 → 发布)."""
    workflow, _ = Workflow.objects.get_or_create(name=name)
    task = GroupApprovalTask.objects.filter(name=f"{name} · 审核").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{name} · 审核")
    task.groups.add(reviewers)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task.task_ptr, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow
