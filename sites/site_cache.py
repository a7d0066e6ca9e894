"""Per-site data that changes only when something is published or a site changes, kept in the shared cache.

Rendering a page without the page cache used to look up, on every request, the Site by host, its profile, its
settings, the main navigation and the home page's column lists: about ten queries whose ORM compilation alone
cost ~2 ms each. They only change when an editor publishes or an administrator edits a site, and those events
already bump the page cache's generation counters (``sites/page_cache.py``). So each is stored under a key that
contains the counters it depends on — the group generation and the site's own — and is rebuilt from the
database only after such a change. One request reads the counters and the site's objects in one round trip.
"""

import hashlib

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Site

from core.pagination import paginate

from . import request_cache
from .models import SiteProfile, SiteSettings
from .page_cache import GROUP_KEY, current_generations, site_key, subtree_key
from .route_cache import RESTRICTIONS_ATTR, RESTRICTIONS_KEY, route_from_cache

_GENERATIONS_ATTR = "_site_generations"
SECONDS = 24 * 3600  # entries are invalidated by their key; the timeout only bounds what an idle site keeps
SKIPPED_PREFIXES = ("/healthz", "/readyz", "/admin/", "/django-admin/", "/static/", "/media/", "/documents/")


def _hostname(request) -> str:
    return split_domain_port(request.get_host())[0].lower()


def generations(request):
    """(site hostname, group generation, site generation) of the request's Wagtail site, read once per request;
    None when no site answers. Keyed by the site's own hostname, never the request's: a host that falls back to
    the default site must see that site's counters move."""
    if not hasattr(request, _GENERATIONS_ATTR):
        try:
            site = Site.find_for_request(request)
        except Site.DoesNotExist:
            site = None
        value = None
        if site is not None:
            found = cache.get_many([GROUP_KEY, site_key(site.hostname)])
            gens = (found.get(GROUP_KEY), found.get(site_key(site.hostname)))
            if None in gens:
                gens = current_generations(site.hostname)[:2]
            value = (site.hostname, *gens)
        setattr(request, _GENERATIONS_ATTR, value)
    return getattr(request, _GENERATIONS_ATTR)


def cached(request, name: str, build, *vary):
    """``build()``'s value for this site, language and ``vary``, rebuilt after a publish or a site change.
    Previews (editors' unpublished content) are never cached."""
    found = generations(request) if request is not None and not getattr(request, "is_preview", False) else None
    if found is None:
        return build()
    hostname, group, site = found
    key = f"site-data:{name}:{hostname}:{group}:{site}:{translation.get_language()}:" + _vary_part(vary)
    value = request_cache.read(request, key)
    if value is None:
        value = build()
        request_cache.write(request, key, value, SECONDS)
    return value


def _vary_part(vary) -> str:
    """``vary`` joined for a cache key; free text in it (a breadcrumb's label, "Site map" under /en/) is hashed:
    spaces and control characters are not valid in every cache backend's keys (memcached), nor is an unbounded
    length."""
    joined = ":".join(map(str, vary))
    if len(joined) <= 100 and not any(ch.isspace() or ord(ch) < 33 or ord(ch) == 127 for ch in joined):
        return joined
    return "h" + hashlib.sha256(joined.encode()).hexdigest()[:32]


def paginate_cached(request, queryset, per_page: int, name: str, *, subtree: bool = False):
    """``core.pagination.paginate`` for a public list of this site's pages (``queryset`` or a function that builds
    it, called only when the rows or the total are not cached): the total is kept like ``cached()``
    (no COUNT query), and the page gets a ``fragment_key`` for ``{% sitecache %}`` around the rendered rows and
    pager. Both only for the plain list (no query parameter but a valid ``page``): the pager's links repeat the
    query string, and filters typed by the public must not multiply the keys; ``fragment_key`` is None
    otherwise. The key holds the page number actually shown (a number past the end shows the last page), so
    there are at most as many entries as pages. ``subtree``: the list shows the sites below this one too
    (``page_cache.depends_on_subtree``); their publishes must refresh it."""
    if callable(queryset):
        queryset = LazyRows(queryset)
    plain = request is not None and set(request.GET) <= {"page"} and generations(request) is not None
    count = None
    scope = ""
    if plain:
        if subtree:
            scope = _subtree_generation(request, generations(request)[0])
        count = cached(request, f"count:{name}", queryset.count, scope)
    page = paginate(request, queryset, per_page, count=count)
    page.fragment_key = f"{name}:{scope}:{page.number}" if plain and not page.refused else None
    return page


class LazyRows:
    """A queryset built only when rows or a count are needed: with the total and the rendered page cached, a list
    whose filter is costly to build (the group catalogue's thousands of site ids) never builds it."""

    def __init__(self, build):
        self._build, self._rows = build, None

    def _get(self):
        if self._rows is None:
            self._rows = self._build()
        return self._rows

    def __getitem__(self, index):
        return LazyRows(lambda: self._get()[index])

    def __iter__(self):
        return iter(self._get())

    def __len__(self):
        return len(self._get())

    def count(self):
        rows = self._get()
        return rows.count() if hasattr(rows, "count") and not isinstance(rows, list) else len(rows)


def _subtree_generation(request, hostname: str):
    value = request_cache.read(request, subtree_key(hostname))
    return value if value is not None else current_generations(hostname)[2]


def _site_objects(hostname: str):
    """(site, profile, settings) of the site whose hostname is ``hostname``, or None when Wagtail would have to
    choose (no such site, or several sites on that hostname with different ports)."""
    sites = list(Site.objects.filter(hostname=hostname).select_related("root_page")[:2])
    if len(sites) != 1:
        return None
    profile = SiteProfile.objects.with_site().filter(site=sites[0]).first()
    if profile is None:
        return None
    settings, _ = SiteSettings.objects.get_or_create(site=profile.site)
    return profile.site, profile, settings


class SiteContextMiddleware:
    """Before any view runs, give the request its Site, profile and settings from the shared cache (one round trip
    together with the generation counters), where Wagtail, ``get_profile_for_request`` and the settings context
    processor look for them. Skipped for the admin (editors must always see the database) and static files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and not request.path.startswith(SKIPPED_PREFIXES):
            self._prime(request)
        response = self.get_response(request)
        request_cache.finish(request, response)
        return response

    @staticmethod
    def process_view(request, view_func, view_args, view_kwargs):
        """Wagtail's page view: the route and view restrictions from the cache (sites/route_cache.py). Any other
        view whose URL pattern takes no parameter may keep the names of what it read (sites/request_cache.py)."""
        if not hasattr(request, _GENERATIONS_ATTR):
            return
        if route_from_cache(request, view_func, view_args, view_kwargs) is None:
            match = request.resolver_match
            if match is not None and not (match.args or match.kwargs):
                request_cache.mark_bounded(request)

    @staticmethod
    def _prime(request) -> None:
        from .utils import PROFILE_ATTR

        try:
            hostname = _hostname(request)
        except DisallowedHost:
            return  # the view answers a refused host with its 400
        objects_key = f"site-objects:{hostname}"
        manifest = request_cache.manifest_key(hostname, request.path)
        keys = [GROUP_KEY, site_key(hostname), objects_key, RESTRICTIONS_KEY]
        found = cache.get_many(keys if manifest is None else [*keys, manifest])
        gens = (found.get(GROUP_KEY), found.get(site_key(hostname)))
        entry = found.get(objects_key)
        request_cache.start(request, manifest, found.get(manifest) if manifest else None)
        setattr(request, RESTRICTIONS_ATTR, found.get(RESTRICTIONS_KEY))
        if None in gens:
            gens = current_generations(hostname)[:2]
        if entry is None or entry[0] != gens:
            entry = (gens, _site_objects(hostname))
            cache.set(objects_key, entry, SECONDS)
        if entry[1] is None:
            return
        site, profile, settings = entry[1]
        setattr(request, _GENERATIONS_ATTR, (hostname, *gens))
        request._wagtail_site = site
        setattr(request, PROFILE_ATTR, profile)
        settings._request = request
        setattr(request, SiteSettings.get_cache_attr_name(), settings)
