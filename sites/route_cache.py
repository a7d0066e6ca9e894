"""Serving without the routing and view-restriction queries: what Wagtail works out from the database on every
request, kept in the shared cache under the generations that change it (``sites/page_cache.py``).

- **Routes**: Wagtail finds a page by walking the tree from the site's root, one ``get(slug=…)`` and one
  ``.specific`` query per level, then reads the view restrictions of the page and its ancestors (two more
  queries). A site's tree only changes by a publish, unpublish, move or delete, and its restrictions only by a
  ``PageViewRestriction`` change, all of which bump the site's generation; so the specific page and its
  restrictions are kept per (site, generations, language, path). Only routes that end at a page or at one of its
  fixed sub-routes (``group/``, ``rss/``) are kept: the key space is the site's pages, never what a visitor
  types (a 404, ``/hd/123/`` with its number, are routed from the database every time).
- **Private sections**: ``Page.objects.private_q()`` reads every ``PageViewRestriction`` of the group to
  exclude private pages from lists; the restricted (path, depth) pairs are kept until a restriction changes.

The cached page object is a fresh copy per request (the cache pickles it), so nothing one request sets on it is
seen by another.
"""

import re

from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from core import generations

from . import request_cache
from .pages import VIEW_RESTRICTIONS_ATTR

RESTRICTIONS_KEY = "site-page-cache:restrictions"
RESTRICTIONS_ATTR = "_site_restrictions_generation"
SECONDS = 24 * 3600
_LITERAL_ROUTE = re.compile(r"^[\w\-/]*$")


def _restrictions_generation():
    return generations.read(RESTRICTIONS_KEY)


def _bump() -> None:
    generations.bump(RESTRICTIONS_KEY)


def bump_restrictions() -> None:
    """After a view restriction is added, changed or removed: at once, and again on commit, so that a request
    that read the old rows meanwhile cannot keep them under the new generation."""
    _bump()
    transaction.on_commit(_bump)


def private_q(request=None) -> Q:
    """The same condition as Wagtail's ``Page.objects.private_q()``, without its query once cached. With the
    request, its counter and entry come with the request's other cached values (sites/request_cache.py)."""
    generation = getattr(request, RESTRICTIONS_ATTR, None) or _restrictions_generation()
    key = f"site-data:private-paths:{generation}"
    paths = request_cache.read(request, key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", "page__depth").order_by("pk"))
        request_cache.write(request, key, paths, SECONDS)
    q = Q()
    for path, depth in paths:
        q |= Q(path__startswith=path) & Q(depth__gte=depth)
    return q if q else Q(pk__in=[])


def _route_key(request, path: str) -> str | None:
    from .site_cache import generations

    found = generations(request)
    if found is None:
        return None
    hostname, group, site = found
    return f"site-route:{hostname}:{group}:{site}:{translation.get_language()}:{path}"


def _sub_route(request):
    """The path components a routable page consumed, or None when they carry arguments (not a fixed route)."""
    match = getattr(request, "routable_resolver_match", None)
    if match is None:
        return []
    if match.args or match.kwargs or not _LITERAL_ROUTE.match(str(match.route)):
        return None
    return [part for part in str(match.route).split("/") if part]


def _store(request, path: str, key: str) -> None:
    result = Page.route_for_request(request, path)  # Wagtail's own routing; sets request._wagtail_route_for_request
    if result is None:
        return
    page = result[0]
    remaining = _sub_route(request)
    if remaining is None:
        return
    restrictions = list(page.get_view_restrictions())
    request_cache.write(request, key, (page, remaining, restrictions), SECONDS)
    setattr(page, VIEW_RESTRICTIONS_ATTR, restrictions)
    request_cache.mark_bounded(request)


def route_from_cache(request, view_func, view_args, view_kwargs) -> bool | None:
    """For Wagtail's page view: give the request its route (and the page its view restrictions) from the cache,
    where ``Page.route_for_request`` and the ``get_view_restrictions`` of ``SitePageMixin`` look first. None
    for any other view."""
    from wagtail.views import serve as wagtail_serve  # imports page models; not at app loading

    if view_func is not wagtail_serve:
        return None
    path = view_kwargs.get("path", view_args[0] if view_args else "")
    key = _route_key(request, path) if request.method in ("GET", "HEAD") else None
    if key is None:
        return False
    entry = request_cache.read(request, key)
    if entry is None:
        _store(request, path, key)
        return True
    page, remaining, restrictions = entry
    try:
        request._wagtail_route_for_request = page.route(request, remaining)
    except Http404:
        return False  # not live any more in this copy: Wagtail routes from the database (and answers its 404)
    setattr(page, VIEW_RESTRICTIONS_ATTR, restrictions)
    request_cache.mark_bounded(request)
    return True
