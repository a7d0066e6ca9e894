"""Site resolution in one place: every site-aware view, template and API asks here."""

from wagtail.models import Site

from .models import SiteProfile

_CACHE_ATTR = "_site_profile"


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
    if not hasattr(request, _CACHE_ATTR):
        setattr(request, _CACHE_ATTR, get_profile_for_site(get_site_for_request(request)))
    return getattr(request, _CACHE_ATTR)
