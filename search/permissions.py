"""Who manages which records of the search admin.

* Promoted results (置顶推荐): a site's staff their own site's pins (and may read the pins for every site);
  platform administrators all of them, including the pins for every site (``site`` empty) — the shared rule of
  sites.policies.
* Hot-term rules (热门搜索管理): a rule belongs to a website group, named by its top portal; the staff of that
  top portal (its editor or reviewer group) manage the group's rules, platform administrators every group's.
  Nobody else sees them: staff of the group's other sites and of other groups have no 热门搜索管理 menu, and a
  rule of a group a user does not manage answers 404.

A record outside a user's reach answers 404 in the admin. Django model permissions play no part.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.models import SiteProfile
from sites.policies import SiteOwnedPolicy, is_platform_admin, staff_site_ids

from .models import HotTermRule, PromotedResult

__all__ = ["hot_rule_policy", "is_platform_admin", "promoted_policy"]

promoted_policy = SiteOwnedPolicy(PromotedResult)

_PORTALS_ATTR = "_staff_portal_ids"


def staff_portal_ids(user) -> frozenset[int]:
    """Pks of the top portals (sites without a parent) the user is staff of; cached on the user object."""
    if not hasattr(user, _PORTALS_ATTR):
        ids = staff_site_ids(user)
        portals = (
            SiteProfile.objects.filter(pk__in=list(ids), parent__isnull=True) if ids else SiteProfile.objects.none()
        )
        setattr(user, _PORTALS_ATTR, frozenset(portals.values_list("pk", flat=True)))
    return getattr(user, _PORTALS_ATTR)


class GroupRulePolicy(BasePermissionPolicy):
    """Permission policy for a model whose required ``site`` is a website group's top portal."""

    def _manages_some_group(self, user) -> bool:
        return is_platform_admin(user) or bool(staff_portal_ids(user))

    def user_has_permission(self, user, action):
        return self._manages_some_group(user)

    def users_with_any_permission(self, actions):
        portals = SiteProfile.objects.filter(parent__isnull=True)
        groups = [g for pair in portals.values_list("editor_group", "reviewer_group") for g in pair if g]
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(groups__in=groups)).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        return is_platform_admin(user) or instance.site_id in staff_portal_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if is_platform_admin(user):
            return self.model.objects.all()
        return self.model.objects.filter(site_id__in=list(staff_portal_ids(user)))

    def sites_for(self, user):
        """The groups (top portals) the user may write rules for: the form's 网站群 choices."""
        portals = SiteProfile.objects.filter(parent__isnull=True)
        return portals if is_platform_admin(user) else portals.filter(pk__in=list(staff_portal_ids(user)))


hot_rule_policy = GroupRulePolicy(HotTermRule)
