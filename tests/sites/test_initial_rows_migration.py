"""sites.0003 removes Wagtail's single-site rows (localhost:80 and its welcome page, Editors/Moderators and their
"Moderators approval" workflow) only while they are Wagtail's untouched initial rows.

The test database was migrated with it (test_admin_confinement checks the result); here its functions run again
against rows recreated the way Wagtail's own migrations create them, untouched or changed.
"""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

pytestmark = pytest.mark.django_db

migration = importlib.import_module("sites.migrations.0003_remove_wagtail_initial_rows")


def wagtails_site():
    """Site localhost:80 on a welcome page, as wagtailcore.0002_initial_data creates them."""
    welcome = Page.get_first_root_node().add_child(instance=Page(title=migration.WELCOME_TITLE, slug="home"))
    return Site.objects.create(hostname="localhost", port=80, root_page=welcome), welcome.pk


def wagtails_groups():
    """Editors and Moderators with rights at the roots, and the default workflow (wagtailcore 0002, 0048 …)."""
    root, root_collection = Page.get_first_root_node(), Collection.get_first_root_node()
    groups = {}
    for name, codenames in (("Editors", ["add_page", "change_page"]), ("Moderators", ["publish_page"])):
        group = groups[name] = Group.objects.create(name=name)
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group, page=root, permission=Permission.objects.get(codename=codename)
            )
        GroupCollectionPermission.objects.create(
            group=group, collection=root_collection, permission=Permission.objects.get(codename="add_image")
        )
    task = GroupApprovalTask.objects.create(name=migration.DEFAULT_WORKFLOW)
    task.groups.add(groups["Moderators"])
    workflow = Workflow.objects.create(name=migration.DEFAULT_WORKFLOW)
    WorkflowTask.objects.create(workflow=workflow, task=task.task_ptr, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=root)
    return groups, workflow, task


def run_migration():
    migration.remove_default_site(apps, None)
    migration.remove_initial_groups(apps, None)


def test_untouched_wagtail_rows_are_removed(group):
    site, welcome_id = wagtails_site()
    groups, workflow, task = wagtails_groups()
    sites_before = Site.objects.count()
    run_migration()
    assert not Site.objects.filter(pk=site.pk).exists() and Site.objects.count() == sites_before - 1
    assert not Page.objects.filter(pk=welcome_id).exists()
    root = Page.get_first_root_node()
    assert root.numchild == root.get_children().count() == len(group.all)
    assert not Group.objects.filter(pk__in=[g.pk for g in groups.values()]).exists()
    assert not GroupPagePermission.objects.filter(page=root).exists()
    assert not Workflow.objects.filter(pk=workflow.pk).exists()
    assert not GroupApprovalTask.objects.filter(pk=task.pk).exists()
    assert Site.objects.get(is_default_site=True).root_page_id == group.zhuzhou.site.root_page_id


def test_rows_someone_changed_stay(group, editor):
    site, welcome_id = wagtails_site()
    Site.objects.filter(pk=site.pk).update(site_name="演示站")  # named by a platform administrator
    groups, workflow, task = wagtails_groups()
    groups["Editors"].user_set.add(editor("hetang"))  # in use
    GroupPagePermission.objects.create(  # Moderators given rights on one site: no longer Wagtail's row
        group=groups["Moderators"],
        page=group.hetang.site.root_page,
        permission=Permission.objects.get(codename="change_page"),
    )
    run_migration()
    assert Site.objects.filter(pk=site.pk).exists() and Page.objects.filter(pk=welcome_id).exists()
    assert Group.objects.filter(name__in=["Editors", "Moderators"]).count() == 2
    assert Workflow.objects.filter(pk=workflow.pk).exists() and GroupApprovalTask.objects.filter(pk=task.pk).exists()
    assert get_user_model().objects.get(username="editor-hetang").groups.filter(name="Editors").exists()


def test_a_welcome_page_with_content_stays(group):
    site, welcome_id = wagtails_site()
    GroupPagePermission.objects.create(  # something points at the page: not Wagtail's untouched row any more
        group=group.hetang.editor_group,
        page_id=welcome_id,
        permission=Permission.objects.get(codename="change_page"),
    )
    run_migration()
    assert not Site.objects.filter(pk=site.pk).exists()  # the site itself was still Wagtail's
    assert Page.objects.filter(pk=welcome_id).exists()
    root = Page.get_first_root_node()
    assert root.numchild == root.get_children().count()
