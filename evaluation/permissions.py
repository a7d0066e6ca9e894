"""Who sees which sites' inspection results — in the workbench and the dashboard panel.

- Platform administrators and evaluators (the read-only group “绩效评估（只读）” of openinfo/roles.py, to which this
  app adds ``evaluation.view_finding`` after every migrate) see every site of the group.
- A site's staff (members of its editor or reviewer group, sites/policies.py) see their own sites; the staff of a
  portal (市级门户, 区县门户: its 网站办公室) also every site below it — the departments, townships and villages
  whose pages it supervises (政府网站发展指引: the portal's office supervises the sites of its region).
- Anyone else sees nothing: the workbench answers 403.

Annual reports (``AnnualReportPolicy``, below): evaluators view and export every site's, staff handle their own.

Nothing here grants a right to change anything: the workbench is read-only, and editing a page still goes through
Wagtail's own page permissions (a finding's 编辑 link on a child site's page answers 404 to a portal's staff).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from sites.enums import PORTAL_KINDS
from sites.models import SiteProfile
from sites.policies import SiteOwnedPolicy, is_platform_admin, staff_site_ids

VIEW_ALL_PERMISSION = "evaluation.view_finding"


def sees_every_site(user) -> bool:
    return is_platform_admin(user) or bool(user.is_active and user.has_perm(VIEW_ALL_PERMISSION))


def visible_profiles(user) -> QuerySet | None:
    """The site profiles whose results ``user`` may read, or None when none at all (two queries at most)."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    if sees_every_site(user):
        return SiteProfile.objects.all()
    own = staff_site_ids(user)
    if not own:
        return None
    return SiteProfile.objects.filter(pk__in=sorted(_with_portal_subtrees(own)))


def own_profiles(user) -> QuerySet:
    """The sites the user is staff of (the dashboard's 本站风险), whatever else they may read."""
    return SiteProfile.objects.filter(pk__in=sorted(staff_site_ids(user)))


def _with_portal_subtrees(own: frozenset[int]) -> set[int]:
    """``own`` and every site below those of them that are portals (one query; the tree is walked in memory)."""
    children: dict[int, list[int]] = {}
    portals = []
    for pk, parent_id, kind in SiteProfile.objects.order_by().values_list("pk", "parent_id", "kind"):
        children.setdefault(parent_id, []).append(pk)
        if pk in own and kind in PORTAL_KINDS:
            portals.append(pk)
    below: set[int] = set()
    stack = portals
    while stack:
        for child in children.get(stack.pop(), []):
            if child not in below:
                below.add(child)
                stack.append(child)
    return set(own) | below


def grant_evaluators(sender, **kwargs):
    """post_migrate: the evaluator group (openinfo's, created by its own handler) may read every site's results."""
    from django.contrib.auth.management import create_permissions

    from openinfo.roles import ensure_evaluator_group

    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    permission = Permission.objects.filter(content_type__app_label="evaluation", codename="view_finding").first()
    if permission is not None:
        ensure_evaluator_group().permissions.add(permission)


class AnnualReportPolicy(SiteOwnedPolicy):
    """网站工作年度报表 in the admin: a site's staff see, generate, edit, publish and export their own sites' reports
    (SiteOwnedPolicy); evaluators (``sees_every_site``) also **view and export** every site's reports — the
    issue's read-only evaluator role — but never add, change, delete or publish. So an evaluator who can see a
    report is refused an action on it (Wagtail's permission refusal), while a report nobody let them see stays 404."""

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) or (action == "view" and sees_every_site(user))

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        if "view" not in actions:
            return users
        evaluators = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(
                Q(
                    groups__permissions__codename="view_finding",
                    groups__permissions__content_type__app_label="evaluation",
                )
                | Q(user_permissions__codename="view_finding", user_permissions__content_type__app_label="evaluation")
            )
        )
        return (users | evaluators).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission_for_instance(user, action, instance):
            return True
        return action == "view" and sees_every_site(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if "view" in actions and sees_every_site(user):
            return self.model.objects.all()
        return super().instances_user_has_any_permission_for(user, actions)
