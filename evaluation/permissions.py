"""Who sees which sites' inspection results — in the workbench and the dashboard panel.

- Platform administrators and evaluators (the read-only group “绩效评估（只读）” of openinfo/roles.py, to which this
  app adds ``evaluation.view_finding`` after every migrate) see every site of the group.
- A site's staff (members of its editor or reviewer group, sites/policies.py) see their own sites; the staff of a
  portal (市级门户, 区县门户: its 网站办公室) also every site below it — the departments, townships and villages
  whose pages it supervises (政府网站发展指引: the portal's office supervises the sites of its region).
- Anyone else sees nothing: the workbench answers 403.

Nothing here grants a right to change anything: the workbench is read-only, and editing a page still goes through
Wagtail's own page permissions (a finding's 编辑 link on a child site's page answers 404 to a portal's staff).
"""

from django.contrib.auth.models import Permission
from django.db.models import QuerySet

from sites.enums import PORTAL_KINDS
from sites.models import SiteProfile
from sites.policies import is_platform_admin, staff_site_ids

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
