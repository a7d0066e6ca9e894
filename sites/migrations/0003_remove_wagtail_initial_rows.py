"""Remove the rows Wagtail's own migrations create for a single-site install, while they are still untouched.

- the Site ``localhost:80`` and its "Welcome to your new Wagtail site!" page: under ``make run`` it answered
  ``http://localhost:8000/`` with a blank page (Wagtail prefers a hostname match over the default site);
- the groups ``Editors`` and ``Moderators``, which hold rights on the whole page tree and every collection — a
  member would edit every site of the group — and Wagtail's "Moderators approval" workflow on the tree root,
  which hands review of any page to ``Moderators``.

Each row is deleted only if it is still Wagtail's initial row: the site still on its welcome page, the page
still Wagtail's with nothing under it or pointing at it, a group without members and with rights only at the
root, the workflow still Wagtail's single task with no moderation history. Anything a platform administrator has
changed stays. Self-contained (no live code); reversing does nothing.
"""

from django.db import migrations

WELCOME_TITLE = "Welcome to your new Wagtail site!"
INITIAL_GROUPS = ("Editors", "Moderators")
DEFAULT_WORKFLOW = "Moderators approval"


def _welcome_page(apps, site):
    ContentType = apps.get_model("contenttypes", "ContentType")
    page = site.root_page
    base_type = ContentType.objects.filter(app_label="wagtailcore", model="page").first()
    is_wagtails = (page.title, page.slug, page.depth, page.numchild) == (WELCOME_TITLE, "home", 2, 0)
    return page if is_wagtails and page.content_type_id == getattr(base_type, "pk", None) else None


def _is_referenced(apps, page):
    """Whether any row points at the page: foreign keys, revisions or the reference index."""
    for relation in page._meta.related_objects:
        if relation.related_model._default_manager.filter(**{relation.field.name: page.pk}).exists():
            return True
    lookup = {"object_id": str(page.pk), "base_content_type_id": page.content_type_id}
    if apps.get_model("wagtailcore", "Revision").objects.filter(**lookup).exists():
        return True
    references = apps.get_model("wagtailcore", "ReferenceIndex").objects
    return references.filter(to_object_id=str(page.pk), to_content_type_id=page.content_type_id).exists()


# Rows that make the localhost site part of the website group (or a platform administrator's work): keep it then.
SITE_USES = (("sites", "SiteProfile"), ("wagtailredirects", "Redirect"), ("wagtailcore", "GroupSitePermission"))


def remove_default_site(apps, schema_editor):
    Site = apps.get_model("wagtailcore", "Site")
    Page = apps.get_model("wagtailcore", "Page")
    site = Site.objects.filter(hostname="localhost", port=80).select_related("root_page").first()
    if site is None or site.site_name or _welcome_page(apps, site) is None:
        return
    if any(apps.get_model(*label).objects.filter(site=site).exists() for label in SITE_USES):
        return
    page = site.root_page
    site.delete()  # with the per-site settings rows created with default values when someone visited it
    if _is_referenced(apps, page):
        return
    page.delete()
    root_path = page.path[:4]
    children = Page.objects.filter(depth=2, path__startswith=root_path).count()
    Page.objects.filter(depth=1, path=root_path).update(numchild=children)


def _rights_only_at_root(apps, group):
    def rights(model):
        return apps.get_model("wagtailcore", model).objects.filter(group=group)

    return not (
        rights("GroupPagePermission").exclude(page__depth=1).exists()
        or rights("GroupCollectionPermission").exclude(collection__depth=1).exists()
        or rights("GroupSitePermission").exists()
    )


def _default_workflow(apps, moderators):
    """Wagtail's "Moderators approval" workflow and task, if still its untouched single step on the tree root."""

    def rows(model, **lookup):
        return apps.get_model("wagtailcore", model).objects.filter(**lookup)

    workflow = rows("Workflow", name=DEFAULT_WORKFLOW).first()
    steps = list(rows("WorkflowTask", workflow=workflow)) if workflow else []
    task = rows("GroupApprovalTask", pk=steps[0].task_id, name=DEFAULT_WORKFLOW).first() if len(steps) == 1 else None
    if task is None or set(task.groups.values_list("pk", flat=True)) - {moderators.pk}:
        return None
    history = rows("WorkflowState", workflow=workflow).exists() or rows("TaskState", task_id=task.pk).exists()
    elsewhere = rows("WorkflowPage", workflow=workflow).exclude(page__depth=1).exists()
    if history or elsewhere or rows("WorkflowContentType", workflow=workflow).exists():
        return None
    return workflow, task


def remove_initial_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    memberships = Group._meta.get_field("user").through.objects
    for group in Group.objects.filter(name__in=INITIAL_GROUPS):
        if memberships.filter(group=group).exists() or not _rights_only_at_root(apps, group):
            continue
        default = _default_workflow(apps, group) if group.name == "Moderators" else None
        default_task = default[1].pk if default else None
        if GroupApprovalTask.objects.filter(groups=group).exclude(pk=default_task).exists():
            continue  # a review task a platform administrator set up relies on the group
        if default:
            workflow, task = default
            workflow.delete()  # with its step and its link to the tree root
            task.delete()  # with the Task row it extends
        group.delete()  # with its page, collection and model permissions


class Migration(migrations.Migration):
    dependencies = [
        ("sites", "0002_siteprofile_collection_siteprofile_editor_group_and_more"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # The last migrations of the Wagtail apps that create or extend these rows, so that they all ran before.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [
        migrations.RunPython(remove_default_site, migrations.RunPython.noop),
        migrations.RunPython(remove_initial_groups, migrations.RunPython.noop),
    ]
