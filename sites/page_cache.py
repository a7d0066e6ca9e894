"""Whole-page cache for anonymous visitors of every site in the group, invalidated per site and per dependency.

Correctness comes from *generation* counters in the shared cache; a stored page remembers the generations it
was rendered under and is served only while they are all unchanged:

- the **group** generation: changes that many sites show (a Site, a site profile — names appear in parents'
  child-site panels and children's headers —, hot-term rules). ``bump_generation()``.
- the **site** generation of a hostname: anything published, unpublished, moved or deleted on that site, its
  settings, a public reply of its mailbox. ``bump_site(profile)``.
- the **subtree** generation of a hostname: bumped with the site generation of the site *and of every site below
  it*. Only pages that show their group's content (全市政府信息公开目录, group reply statistics …) depend on it;
  they say so with ``depends_on_subtree(request)``. So a publish on a village refreshes the village, and the
  portal's group catalogue, but not the portal's home page.

The hit path is one cache round trip: the entry and the three counters are read together (``get_many``, one
Redis MGET). Only the plain anonymous case is cached: GET/HEAD, no session or CSRF cookie (editors,
password-protected pages and forms bypass it), no query string except ``page`` (pagination), 200 HTML responses
that set no cookie, on a request whose host is the site's own hostname. Production must use a shared cache
(Redis) so one worker's bump reaches the others.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.http.request import split_domain_port
from wagtail.models import Site

from core import generations

GROUP_KEY = "site-page-cache:generation"
CACHED_QUERY_PARAMS = {"page"}
SKIPPED_PREFIXES = (
    "/healthz",
    "/readyz",
    "/admin/",
    "/api/",
    "/captcha/",
    "/documents/",
    "/django-admin/",
    "/static/",
    "/media/",
)
STORED_HEADERS = ("Content-Type", "Content-Language", "Vary")
_SUBTREE_ATTR = "_page_cache_subtree"


def site_key(hostname: str) -> str:
    return f"site-page-cache:site:{hostname}"


def subtree_key(hostname: str) -> str:
    return f"site-page-cache:subtree:{hostname}"


_bump = generations.bump


def bump_generation() -> None:
    """Invalidate every cached page of the group."""
    _bump(GROUP_KEY)


def bump_site(profile) -> None:
    """Invalidate ``profile``'s own pages and the group pages of it and of every site above it."""
    _bump(site_key(profile.site.hostname))
    seen = set()
    while profile is not None and profile.pk not in seen:
        seen.add(profile.pk)
        _bump(subtree_key(profile.site.hostname))
        profile = profile.parent


def bump_page(page) -> None:
    """Invalidate the site that ``page`` belongs to (and its ancestors' group pages); the group if unknown."""
    from .models import SiteProfile  # sites.models imports page-related modules; keep this module import-light

    parts = page.get_url_parts()  # (site_id, root_url, path) from the cached site root paths; no query
    profile = None
    if parts is not None:
        profile = SiteProfile.objects.select_related("site", "parent__site").filter(site_id=parts[0]).first()
    if profile is None:
        bump_generation()
    else:
        bump_site(profile)


def bump_question_sites(question) -> None:
    """A public reply is listed by the site it was sent to and by the site that handled it (interaction)."""
    for profile in {question.site, getattr(question, "handler", None)} - {None}:
        bump_site(profile)


def depends_on_subtree(request) -> None:
    """Mark the page being rendered as showing content of every site below the current one."""
    setattr(request, _SUBTREE_ATTR, True)


def group_generation():
    """The group counter, created when missing (for caches outside pages that follow site-profile changes)."""
    return generations.read(GROUP_KEY)


def generation_keys(hostname: str) -> tuple[str, str, str]:
    return GROUP_KEY, site_key(hostname), subtree_key(hostname)


def current_generations(hostname: str) -> tuple:
    """The three counters, created when missing (rendering then storing under None would never hit)."""
    keys = generation_keys(hostname)
    values = cache.get_many(keys)
    return tuple(values[key] if values.get(key) is not None else generations.read(key) for key in keys)


def _cacheable_host(request) -> str | None:
    """The request's hostname, or None for a host Django refuses (the view answers that with its 400)."""
    try:
        return split_domain_port(request.get_host())[0].lower()
    except DisallowedHost:
        return None


def _entry_key(request, hostname: str) -> str | None:
    if request.method not in ("GET", "HEAD") or request.path.startswith(SKIPPED_PREFIXES):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or settings.CSRF_COOKIE_NAME in request.COOKIES:
        return None
    params = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    if any(name not in CACHED_QUERY_PARAMS for name, _ in params):
        return None
    query = "&".join(f"{k}={v}" for k, v in sorted(params))
    return f"site-page-cache:page:{hostname}:{request.path}?{query}"


class SitePageCacheMiddleware:
    """Placed right after the security-header and input-guard middlewares: a hit needs no session, locale
    (the language comes from the path under ``i18n_patterns``) or common-middleware work, and no SQL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 0)
        hostname = _cacheable_host(request) if seconds > 0 else None
        key = _entry_key(request, hostname) if hostname else None
        if key is None:
            return self.get_response(request)
        group, site, subtree = generation_keys(hostname)
        found = cache.get_many([key, group, site, subtree])
        now = (found.get(group), found.get(site), found.get(subtree))
        entry = found.get(key)
        if entry is not None and None not in now and self._fresh(entry[0], now):
            return self._replay(entry)
        response = self.get_response(request)
        if self._cacheable(response) and self._own_host(request, hostname):
            stored = now if None not in now else current_generations(hostname)
            if not getattr(request, _SUBTREE_ATTR, False):
                stored = (stored[0], stored[1], None)
            headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
            cache.set(key, (stored, response.status_code, headers, response.content), seconds)
            response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def _fresh(stored, now) -> bool:
        return stored[0] == now[0] and stored[1] == now[1] and (stored[2] is None or stored[2] == now[2])

    @staticmethod
    def _replay(entry) -> HttpResponse:
        _, status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))  # CommonMiddleware, which sets it otherwise, is not reached
        response["X-Page-Cache"] = "hit"
        return response

    @staticmethod
    def _own_host(request, hostname) -> bool:
        """Only a request for a site's own hostname is cached: the site's counters are keyed by that name, so a
        page rendered for a fallback host (unknown names go to the default site) would never be invalidated."""
        try:
            site = Site.find_for_request(request)
        except Site.DoesNotExist:
            return False
        return site is not None and site.hostname.lower() == hostname

    @staticmethod
    def _cacheable(response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
        )
