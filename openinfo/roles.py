"""The read-only evaluator role (政府网站绩效评估): statistics of every site, no editing rights anywhere.

Roles are configuration, not content: the group is (re)created after every migrate, like Wagtail's own
default groups, so a fresh install and CI have it.
"""

from django.contrib.auth.models import Group, Permission

EVALUATOR_GROUP = "绩效评估（只读）"
EVALUATOR_PERMISSIONS = (("wagtailadmin", "access_admin"), ("openinfo", "view_disclosure_statistics"))


def ensure_evaluator_group() -> Group:
    group, _ = Group.objects.get_or_create(name=EVALUATOR_GROUP)
    permissions = Permission.objects.filter(
        content_type__app_label__in=[app for app, _ in EVALUATOR_PERMISSIONS],
        codename__in=[codename for _, codename in EVALUATOR_PERMISSIONS],
    )
    group.permissions.add(*permissions)
    return group


def create_evaluator_group(sender, **kwargs):
    # post_migrate handlers run in app order and openinfo precedes django.contrib.auth, whose handler creates
    # the permissions: create this app's own permissions first.
    from django.contrib.auth.management import create_permissions

    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    ensure_evaluator_group()
