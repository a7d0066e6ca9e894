"""Site staff, and the admin permission policy for records that belong to one site (a ``site`` foreign key to
SiteProfile; empty = the whole platform) — reply templates, promoted search results, …

A site's staff are the members of its SiteProfile's editor or reviewer group; superusers are platform
administrators. Staff add, edit and delete their own sites' records and read the platform-wide ones; only
platform administrators manage the platform-wide ones. Django model permissions play no part: the site groups
confer the right. A record outside a user's sites answers 404 in the admin.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy

from .models import SiteProfile

_CACHE_ATTR = "_staff_site_ids"


def is_platform_admin(user) -> bool:
    return bool(user and user.is_active and user.is_superuser)


def staff_site_ids(user) -> frozenset[int]:
    """Pks of the sites the user is staff of (one query, cached on the user object)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    if not hasattr(user, _CACHE_ATTR):
        groups = list(user.groups.values_list("pk", flat=True))
        rows = SiteProfile.objects.filter(Q(editor_group__in=groups) | Q(reviewer_group__in=groups))
        setattr(user, _CACHE_ATTR, frozenset(rows.values_list("pk", flat=True)))
    return getattr(user, _CACHE_ATTR)


def is_site_staff(user) -> bool:
    """Staff of some site, or a platform administrator."""
    return is_platform_admin(user) or bool(staff_site_ids(user))


class SiteOwnedPolicy(BasePermissionPolicy):
    """Permission policy for a model with a nullable ``site`` foreign key to SiteProfile."""

    def user_has_permission(self, user, action):
        return is_site_staff(user)

    def users_with_any_permission(self, actions):
        groups = SiteProfile.objects.values_list("editor_group", flat=True).union(
            SiteProfile.objects.values_list("reviewer_group", flat=True)
        )
        users = get_user_model().objects.filter(is_active=True)
        return users.filter(Q(is_superuser=True) | Q(groups__in=list(groups))).distinct()

    def user_has_permission_for_instance(self, user, action, instance):
        if is_platform_admin(user):
            return True
        if instance.site_id is None:
            return action == "view" and is_site_staff(user)
        return instance.site_id in staff_site_ids(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if is_platform_admin(user):
            return self.model.objects.all()
        if not is_site_staff(user):
            return self.model.objects.none()
        own = Q(site_id__in=list(staff_site_ids(user)))
        if "view" in actions:
            own |= Q(site__isnull=True)
        return self.model.objects.filter(own)

    def sites_for(self, user):
        """Sites the user may own records for (the form's 所属网站 choices)."""
        if is_platform_admin(user):
            return SiteProfile.objects.all()
        return SiteProfile.objects.filter(pk__in=list(staff_site_ids(user)))
