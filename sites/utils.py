"""Site resolution in one place: every site-aware view, template and API asks here."""

from wagtail.models import Site

from .models import SiteProfile

PROFILE_ATTR = "_site_profile"


def get_site_for_request(request) -> Site | None:
    return Site.find_for_request(request)


def get_profile_for_site(site: Site | None) -> SiteProfile | None:
    if site is None:
        return None
    try:
        return SiteProfile.objects.with_site().get(site=site)
    except SiteProfile.DoesNotExist:
        return None


def get_profile_for_request(request) -> SiteProfile | None:
    """The current site's profile (with parent and sites joined), cached on the request."""
    if not hasattr(request, PROFILE_ATTR):
        setattr(request, PROFILE_ATTR, get_profile_for_site(get_site_for_request(request)))
    return getattr(request, PROFILE_ATTR)


def group_profiles(root_profile):
    """``root_profile`` and every site below it (one query; the group is walked in memory)."""
    children: dict[int | None, list] = {}
    for profile in SiteProfile.objects.only("id", "parent_id", "slug", "org_name", "short_name", "kind"):
        children.setdefault(profile.parent_id, []).append(profile)
    found, stack = [], [root_profile.pk]
    while stack:
        pk = stack.pop()
        found.append(pk)
        stack.extend(child.pk for child in children.get(pk, []))
    by_pk = {p.pk: p for group in children.values() for p in group}
    return [by_pk[pk] for pk in found if pk in by_pk]
