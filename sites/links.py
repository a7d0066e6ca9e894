"""Links to pages of the current site without Wagtail's per-link scan of every site's root path.

``Page.get_url`` filters the full site-root-paths list for each link, so with 2000 sites a page of 60 links
spent most of its time there. Pages of the current site (nav, lists, breadcrumbs) only need their path
below the site root; anything else falls back to Wagtail.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
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
    """Path of ``page`` on the current site ('/zwyw/…', '/en/zwyw/…' under English), else Wagtail's URL.

    A page with no version in the active language is linked in Chinese: its /en/ address would only redirect
    there (a link that redirects back to Chinese counts as broken for checkers; issue 15)."""
    language = translation.get_language()
    if language and language != settings.LANGUAGE_CODE and not _translated(page, language):
        with translation.override(settings.LANGUAGE_CODE):
            return local_page_url(page, request)
    root_path = current_root_path(request)
    if root_path and page.url_path.startswith(root_path):
        return reverse("wagtail_serve", args=(page.url_path[len(root_path) :],))
    return page.get_url(request) or ""


def _translated(page, language: str) -> bool:
    field = f"title_{language.replace('-', '_')}"
    if field in page.get_deferred_fields():
        return True  # a list that loads no translated title was already filtered to translated pages
    return bool(getattr(page, field, "") or "")
