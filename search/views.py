"""The public search page (/search/ on every site, /en/search/ on sites with English): the header's form
lands here.

Without ``q`` it shows only the form (and may come from the anonymous page cache); with ``q`` the page cache
is bypassed (sites.page_cache caches no query string but ``page``), so results are always fresh.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation

from core import generations
from core.clients import client_key
from core.params import report
from sites import site_cache
from sites.utils import get_profile_for_request

from . import result_cache
from .enums import Scope, Sort
from .hot import RULES_VERSION_KEY as HOT_RULES_VERSION_KEY
from .params import offered_scopes, parse_params, querydict_values
from .presenters import facet_options, hit_view, link_options, site_select_groups, site_tree, with_params
from .promoted import VERSION_KEY as PROMOTED_VERSION_KEY
from .promoted import promotions_for
from .query import MAX_QUERY_CHARS
from .services import search

PER_PAGE = 10


def results_pager(results):
    """A Django page over the results' numbers (no rows), for includes/pagination.html."""
    return Paginator(range(min(results.total, results.num_pages * results.per_page)), results.per_page).page(
        results.page
    )


# Every counter the page's caches are keyed by (results, pins, hot terms): read in one round trip.
PAGE_GENERATIONS = (*result_cache.KEY_GENERATIONS, PROMOTED_VERSION_KEY, HOT_RULES_VERSION_KEY)


def search_page(request):
    with generations.prefetched(*PAGE_GENERATIONS):
        return _search_page(request)


def _search_page(request):
    profile = get_profile_for_request(request)
    if profile is None:
        raise Http404("未找到该网站")
    language = translation.get_language()
    if language != settings.LANGUAGE_CODE and not profile.supports_language(language):
        # The site has no English mirror: the Chinese page, with the same query.
        target = translate_url(request.path, settings.LANGUAGE_CODE)
        query = request.META.get("QUERY_STRING", "")
        return redirect(f"{target}?{query}" if query else target)

    params = parse_params(querydict_values(request.GET), profile)
    report(request, params.errors)  # the page shows the messages and answers 400
    if params.q and not params.errors:
        # Every link of the page keeps the other parameters ({% querystring %}): from here on they are the
        # validated ones, so that the form and results rendered for one request serve every request with the
        # same parameters. (With errors the form shows what was typed, and nothing is kept.)
        request.GET = params.querydict()
    context = {"params": params, "searched": bool(params.q)}
    results = None
    if params.q:
        # Only the first page of a query is a new search (later pages are the same visitor reading on).
        results = search(
            params.q,
            per_page=PER_PAGE,
            log=params.page == 1,
            client=client_key(request),
            cached=True,
            **params.search_kwargs(),
        )
    # Pins are read live (a pinned page's title, address and publication are shown as they are now): a page
    # with one is rendered afresh.
    promotions = promotions_for(results.query, profile, request) if results and results.page == 1 else []
    key = body_key(request, results, profile) if not (params.errors or promotions) else None
    form_html, results_html = result_cache.fragment(
        key, "page", lambda: render_body(request, params, results, promotions)
    )
    context.update(form_html=form_html, results_html=results_html)
    return render(request, "search/search_page.html", context)


def body_key(request, results, profile) -> str | None:
    """What the form and results are kept under: the results' own key (every validated parameter, the index,
    group and dictionary generations) and the address they link from."""
    if results is None or results.cache_key is None:
        return None
    return f"{results.cache_key}:{profile.pk}:{request.path}"


def render_body(request, params, results, promotions) -> tuple[str, str]:
    """The search form and the results (or the prompt to type a query), as HTML."""
    profile = params.profile
    # Whether the site has children is a query; the answer follows site changes (sites/site_cache.py).
    scopes = list(site_cache.cached(request, "search-scopes", lambda: offered_scopes(profile)))
    if params.scope not in dict(scopes):
        scopes.append((params.scope, Scope(params.scope).label))
    context = {
        "params": params,
        "scopes": scopes,
        "sorts": Sort.choices,
        "max_query_chars": MAX_QUERY_CHARS,
        "searched": bool(params.q),
    }
    if results is not None:
        context.update(results_context(request, params, results), promotions=promotions)
    else:
        context["facets"] = facet_options(None, params)
    context["site_select"] = site_select_groups(context["facets"]["site"], params)
    return (
        render_to_string("search/includes/search_form.html", context, request),
        render_to_string("search/includes/search_results.html", context, request),
    )


def results_context(request, params, results) -> dict:
    profile = params.profile
    facets = facet_options(results, params)
    context = {
        "results": results,
        "query": results.query,
        "hits": [hit_view(h, request, profile) for h in results.hits],
        "pager": results_pager(results) if results.total else None,
        "facets": facets,
        "type_tabs": [o for o in facets["type"] if o.count or o.selected],
        "sidebar": {name: link_options(facets[name], name, request.GET) for name in ("category", "subject")},
        "site_tree": site_tree(facets["site"], params.scope_profiles, request.GET),
    }
    # "Did you mean" (search/suggest.py) sets results.suggestion when a query finds little.
    suggestion = getattr(results, "suggestion", "")
    if suggestion:
        context.update(suggestion=suggestion, suggestion_url=with_params(request.GET, q=suggestion))
    return context
