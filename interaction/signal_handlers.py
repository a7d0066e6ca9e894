"""Permissions the interaction app adds to roles defined elsewhere, (re)applied after every migrate like
Wagtail's own default groups, so a fresh install, an upgraded one and CI all have them."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupSitePermission

# The read-only evaluator role is created by openinfo (which interaction must not import); the group's name is
# the contract. Evaluators grade reply timeliness (回应情况), so they read the interaction statistics too.
EVALUATOR_GROUP = "绩效评估（只读）"
STATISTICS_PERMISSION = ("interaction", "view_interaction_statistics")
# Each site's own staff edit their site's 互动交流设置 (reply deadline, alarms, review before publication).
MAILBOX_SETTINGS_PERMISSION = ("interaction", "change_mailboxsettings")


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_evaluator_statistics() -> Group:
    group, _ = Group.objects.get_or_create(name=EVALUATOR_GROUP)
    group.permissions.add(_permission(*STATISTICS_PERMISSION))
    return group


def grant_mailbox_settings_to_site_staff() -> int:
    """Sites provisioned before the setting existed get it here; new sites get it from provisioning
    (``sites.permissions.SITE_SETTINGS_PERMISSIONS``). Two queries and one insert, whatever the number of sites."""
    from sites.models import SiteProfile

    permission = _permission(*MAILBOX_SETTINGS_PERMISSION)
    wanted = {
        (group_id, site_id)
        for site_id, *groups in SiteProfile.objects.values_list("site_id", "editor_group_id", "reviewer_group_id")
        for group_id in groups
        if group_id is not None
    }
    have = set(GroupSitePermission.objects.filter(permission=permission).values_list("group_id", "site_id"))
    missing = [
        GroupSitePermission(group_id=group_id, site_id=site_id, permission=permission)
        for group_id, site_id in sorted(wanted - have)
    ]
    GroupSitePermission.objects.bulk_create(missing)
    return len(missing)


def apply_roles(sender, **kwargs):
    # post_migrate handlers run in app order and interaction precedes django.contrib.auth, whose handler
    # creates the permissions: create this app's own permissions first.
    from django.contrib.auth.management import create_permissions

    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    grant_evaluator_statistics()
    grant_mailbox_settings_to_site_staff()


def question_changed(sender, instance, **kwargs):
    """Any saved or deleted message may change the reply statistics (statistics.cached_period_report)."""
    from django.db import transaction

    from .statistics import bump_questions_generation

    transaction.on_commit(bump_questions_generation)
