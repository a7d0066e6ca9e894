"""Links to pages of the current site without Wagtail's per-link scan of every site's root path.

``Page.get_url`` filters the full site-root-paths list for each link, so with 2000 sites a page of 60 links
spent most of its time there. Pages of the current site (nav, lists, breadcrumbs) only need their path
below the site root; anything else falls back to Wagtail.
"""

from django.urls import reverse
from wagtail.models import Site

from .utils import get_profile_for_request

_ROOT_ATTR = "_site_root_url_path"


def current_root_path(request) -> str | None:
    """url_path of the current site's root page, found once per request."""
    if request is None:
        return None
    if not hasattr(request, _ROOT_ATTR):
        # The profile (loaded once per request, root page joined) avoids rebuilding Wagtail's list of every
        # site's root path, which costs milliseconds per request with thousands of sites.
        profile = get_profile_for_request(request)
        if profile is not None:
            root_path = profile.site.root_page.url_path
        else:
            site = Site.find_for_request(request)
            root_path = next((r.root_path for r in Site.get_site_root_paths() if site and r.site_id == site.pk), None)
        setattr(request, _ROOT_ATTR, root_path)
    return getattr(request, _ROOT_ATTR)


def local_page_url(page, request) -> str:
    """Path of ``page`` on the current site ('/zwyw/…', '/en/zwyw/…' under English), else Wagtail's URL."""
    root_path = current_root_path(request)
    if root_path and page.url_path.startswith(root_path):
        return reverse("wagtail_serve", args=(page.url_path[len(root_path) :],))
    return page.get_url(request) or ""
