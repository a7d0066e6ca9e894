"""Hundreds of sites in a few bulk inserts, for the admin scale tests (tests/sites/test_admin_scale.py).

``create_site`` builds a site's columns, settings and media collection one save at a time (~0.2 s a site); the
admin views under test need only what makes a site *a site* to them: the home page under the tree root, the
Site, the profile with its parent, the editor and reviewer groups with their page permissions on the home page,
one editor account, the review workflow with its group approval task, and the site's media collection under its
parent's — the rows by which Wagtail's review panel, the workflow lists, the user and group lists and the site and
collection choices grow.
"""

import uuid

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from sites.enums import SiteKind
from sites.models import SiteProfile
from sites.permissions import EDITOR_PAGE_PERMISSIONS, REVIEWER_PAGE_PERMISSIONS


def _home_pages(slugs: list[str]) -> list[Page]:
    root = Page.get_first_root_node()
    last = root.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    page_type = ContentType.objects.get_for_model(Page)
    pages = [
        Page(
            title=f"批量村{slug}",
            draft_title=f"批量村{slug}",
            slug=slug,
            path=Page._get_path(root.path, 2, first_step + i),
            depth=2,
            numchild=0,
            url_path=f"/{slug}/",
            content_type=page_type,
            locale_id=root.locale_id,
            live=True,
            translation_key=uuid.uuid4(),
        )
        for i, slug in enumerate(slugs)
    ]
    Page.objects.bulk_create(pages)
    Page.objects.filter(pk=root.pk).update(numchild=F("numchild") + len(pages))
    return pages


def _collections(slugs: list[str], parent: SiteProfile) -> list[Collection | None]:
    """A collection per site under the parent site's, as create_site nests them, appended after the existing
    children (Wagtail's name order among siblings is not kept: nothing here adds a collection after them)."""
    if parent.collection_id is None:
        return [None] * len(slugs)
    under = Collection.objects.get(pk=parent.collection_id)
    last = under.get_last_child()
    first_step = Collection._str2int(last.path[-Collection.steplen :]) + 1 if last else 1
    rows = [
        Collection(name=f"{slug} · 批量村", path=Collection._get_path(under.path, under.depth + 1, first_step + i))
        for i, slug in enumerate(slugs)
    ]
    for row in rows:
        row.depth, row.numchild = under.depth + 1, 0
    Collection.objects.bulk_create(rows)
    Collection.objects.filter(pk=under.pk).update(numchild=F("numchild") + len(rows))
    return rows


def _grants(groups: list[Group], homes: list[Page], codenames) -> list[GroupPagePermission]:
    permissions = list(Permission.objects.filter(content_type__app_label="wagtailcore", codename__in=codenames))
    return [
        GroupPagePermission(group=group, page=home, permission=permission)
        for group, home in zip(groups, homes, strict=True)
        for permission in permissions
    ]


def _review_workflows(slugs, homes, reviewers) -> None:
    workflows = Workflow.objects.bulk_create([Workflow(name=f"批量审核 {slug}") for slug in slugs])
    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    tasks = Task.objects.bulk_create([Task(name=f"批量审核 {slug} · 审核", content_type=task_type) for slug in slugs])
    for task in tasks:  # multi-table child rows: bulk_create cannot insert them, a raw save inserts only this one
        GroupApprovalTask(task_ptr=task, pk=task.pk, name=task.name, content_type=task_type).save_base(raw=True)
    through = GroupApprovalTask.groups.through
    through.objects.bulk_create(
        [through(groupapprovaltask_id=t.pk, group=g) for t, g in zip(tasks, reviewers, strict=True)]
    )
    WorkflowTask.objects.bulk_create(
        [WorkflowTask(workflow=w, task=t, sort_order=0) for w, t in zip(workflows, tasks, strict=True)]
    )
    WorkflowPage.objects.bulk_create([WorkflowPage(workflow=w, page=h) for w, h in zip(workflows, homes, strict=True)])


def add_bulk_sites(count: int, parent: SiteProfile, prefix: str = "bulk") -> list[SiteProfile]:
    """``count`` village sites under ``parent``, with their staff and review workflows, in ~15 queries."""
    slugs = [f"{prefix}-{i:04d}" for i in range(count)]
    homes = _home_pages(slugs)
    pairs = zip(slugs, homes, strict=True)
    sites = Site.objects.bulk_create(
        [Site(hostname=f"{s}.localhost", port=80, site_name=f"批量村{s}", root_page=h) for s, h in pairs]
    )
    editors = Group.objects.bulk_create([Group(name=f"{s} · 编辑") for s in slugs])
    reviewers = Group.objects.bulk_create([Group(name=f"{s} · 审核") for s in slugs])
    GroupPagePermission.objects.bulk_create(
        _grants(editors, homes, EDITOR_PAGE_PERMISSIONS) + _grants(reviewers, homes, REVIEWER_PAGE_PERMISSIONS)
    )
    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    Group.permissions.through.objects.bulk_create(
        [Group.permissions.through(group=g, permission=access) for g in editors + reviewers]
    )
    _review_workflows(slugs, homes, reviewers)
    users = get_user_model().objects.bulk_create([get_user_model()(username=f"editor-{s}") for s in slugs])
    memberships = get_user_model().groups.through
    memberships.objects.bulk_create(
        [memberships(user=u, group=g) for u, e, r in zip(users, editors, reviewers, strict=True) for g in (e, r)]
    )
    collections = _collections(slugs, parent)
    return SiteProfile.objects.bulk_create(
        [
            SiteProfile(
                site=site,
                kind=SiteKind.VILLAGE,
                parent=parent,
                slug=slug,
                org_name=f"批量村{slug}",
                short_name=f"村{i}",
                sort_order=i,
                editor_group=e,
                reviewer_group=r,
                collection=c,
            )
            for i, (slug, site, e, r, c) in enumerate(zip(slugs, sites, editors, reviewers, collections, strict=True))
        ]
    )
