"""The page explorer's filters, confined to what the user owns (sites.scopes, sites.admin_filters).

Wagtail's page listings (the explorer and *Pages using* a page type) offer as filter choices every page owner,
every editor and every site of the install — other sites' staff and sites included — although the rows are
confined to the user's pages. This viewset replaces Wagtail's fallback page viewset (registered for ``Page``
after Wagtail's, so it serves every page type without a viewset of its own) with the same views and a filter set
whose user and site choices are the user's own.

At 2,000 sites the explorer and the page search also share one copy of Wagtail's site-root-paths list among
their rows: each row's "view live" button asks ``page.url`` without a request, so every page read and unpickled
the whole list (2,053 entries) from the cache for itself — ~50 times per explorer page. Wagtail's *Site* filter
(one checkbox per site) is left out when it would offer more than SITE_FILTER_LIMIT sites: 2,053 checkboxes took
seconds to render and nobody picks from them; the explorer's root lists every site's home page to go into.
"""

from wagtail.admin.views.pages.listing import ExplorableIndexView, GenericPageFilterSet
from wagtail.admin.views.pages.search import SearchView
from wagtail.admin.viewsets.pages import PageViewSet

from .admin_filters import owned_filterset

SITE_FILTER_LIMIT = 50


class OwnedPageFilterSet(owned_filterset(GenericPageFilterSet)):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site_filter = self.filters.get("site")
        if site_filter is not None and site_filter.queryset[: SITE_FILTER_LIMIT + 1].count() > SITE_FILTER_LIMIT:
            del self.filters["site"]


def share_site_root_paths(pages, request) -> None:
    """Give each page the one shared site-root-paths list and, found once, the sites it belongs to.

    ``Page.get_url`` scans the whole list (2,053 entries) for the roots the page's path starts with, and a row
    asks for its URL three times (title link, "view live", the more-actions menu). The roots of a page are the
    entries whose root path is one of its path's prefixes: a dictionary lookup per path segment, in Wagtail's
    order. Nothing else changes: the same entries, so the same URLs.
    """
    if not pages:
        return
    shared = pages[0]._get_site_root_paths(request)  # cached on the request by Wagtail
    by_root = {}
    for index, root in enumerate(shared):
        by_root.setdefault(root.root_path, []).append((index, root))
    for page in pages:
        url_path = page.url_path or ""
        prefixes = [url_path[: i + 1] for i, char in enumerate(url_path) if char == "/"]
        found = sorted(entry for prefix in prefixes for entry in by_root.get(prefix, ()))
        relevant = tuple(root for _index, root in found)
        page._wagtail_cached_site_root_paths = shared
        page._get_relevant_site_root_paths = lambda cache_object=None, relevant=relevant: relevant


class SharedRootPathsMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        share_site_root_paths(list(context.get("object_list") or context.get("pages") or []), self.request)
        return context


class OwnedExplorableIndexView(SharedRootPathsMixin, ExplorableIndexView):
    pass


class OwnedSearchView(SharedRootPathsMixin, SearchView):
    pass


class OwnedPageViewSet(PageViewSet):
    filterset_class = OwnedPageFilterSet
    index_view_class = OwnedExplorableIndexView
    search_view_class = OwnedSearchView
