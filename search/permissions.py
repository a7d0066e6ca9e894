"""Who manages which promoted results (置顶推荐).

A site's staff (members of its SiteProfile's editor or reviewer group) add, edit and delete their own site's
pins and may read the ones for every site; platform administrators (superusers) manage all of them, including
the pins for every site (``site`` empty). Django model permissions play no part: the site groups confer the
right, as for the interaction reply templates. A pin outside a user's sites answers 404 in the admin.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from sites.models import SiteProfile

from .models import PromotedResult

_CACHE_ATTR = "_search_staff_sites"


def is_platform_admin(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def staff_sites(user) -> frozenset[int]:
    """Pks of the sites the user is staff of (one query, cached on the user object)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, _CACHE_ATTR):
        groups = list(user.groups.values_list("pk", flat=True))
        rows = SiteProfile.objects.filter(Q(editor_group__in=groups) | Q(reviewer_group__in=groups))
        setattr(user, _CACHE_ATTR, frozenset(rows.values_list("pk", flat=True)))
    return getattr(user, _CACHE_ATTR)


def may_promote(user) -> bool:
    return is_platform_admin(user) or bool(staff_sites(user))


class PromotedResultPolicy(BasePermissionPolicy):
    def __init__(self):
        super().__init__(PromotedResult)

    def user_has_permission(self, user, action):
        return may_promote(user)

    def users_with_any_permission(self, actions):
        groups = SiteProfile.objects.values_list("editor_group", flat=True).union(
            SiteProfile.objects.values_list("reviewer_group", flat=True)
        )
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__in=list(groups)))
            .distinct()
        )

    def user_has_permission_for_instance(self, user, action, instance):
        if is_platform_admin(user):
            return True
        if instance.site_id is None:
            return action == "view" and may_promote(user)
        return instance.site_id in staff_sites(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if is_platform_admin(user):
            return PromotedResult.objects.all()
        if not may_promote(user):
            return PromotedResult.objects.none()
        own = Q(site_id__in=list(staff_sites(user)))
        if "view" in actions:
            own |= Q(site__isnull=True)
        return PromotedResult.objects.filter(own)

    def sites_for(self, user):
        """Sites the user may pin results for (the form's 所属网站 choices)."""
        if is_platform_admin(user):
            return SiteProfile.objects.all()
        return SiteProfile.objects.filter(pk__in=list(staff_sites(user)))


promoted_policy = PromotedResultPolicy()
