"""A short-lived cache of search results that found enough (issue 11: the search page's serving speed).

Exact invalidation: an entry is keyed by the search index's generation, bumped (at once and again on commit)
whenever a ``SearchDocument`` row is saved or deleted — every publish, unpublish, move, view restriction and
reply reaches the index that way — and after every Elasticsearch write, so the first search after a change in
any scope reads the index again. The key also holds the group generation (site names and addresses shown with
the hits), the dictionary version (how the query is segmented), the backend and every validated parameter;
the query text is the validated ``q`` itself, hashed. Not cached: results with few hits (their "did you mean"
reads the query log, which changes with every search) and answers of the fallback index (they carry its notice).
The query log is written on every search, cached or not (search.services.log_query).
"""

import hashlib
import time

from django.core.cache import cache
from django.db import transaction
from django.utils import translation

from core import generations
from sites.page_cache import GROUP_KEY, group_generation

from .dictionary import VERSION_KEY as DICTIONARY_KEY
from .dictionary import dictionary_version

INDEX_KEY = "search:index-generation"
CLUSTER_WRITE_KEY = "search:index-cluster-written"
# The counters a result's key is built from.
KEY_GENERATIONS = (INDEX_KEY, GROUP_KEY, DICTIONARY_KEY)
SECONDS = 60  # bounds what a burst of one query keeps; correctness comes from the key, never from the timeout
# Elasticsearch shows a write to searches after its next refresh (every second by default), not when the write
# returns: for this long after a write to the cluster no result is stored, so none is kept from before it showed.
CLUSTER_VISIBLE_SECONDS = 5


def index_generation():
    return generations.read(INDEX_KEY)


def _bump():
    generations.bump(INDEX_KEY)


def bump_index_generation(*, cluster=False):
    """The index changed: now (this request reads its own write) and once its transaction commits (another
    worker may have cached the old rows in between). ``cluster``: a write to Elasticsearch, which searches see
    only after its next refresh (CLUSTER_VISIBLE_SECONDS)."""
    if cluster:
        cache.set(CLUSTER_WRITE_KEY, time.time(), CLUSTER_VISIBLE_SECONDS)
    _bump()
    transaction.on_commit(_bump)


def result_key(text: str, backend: str, **params) -> str:
    parts = [text, backend, *(f"{name}={params[name]!r}" for name in sorted(params))]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:40]
    with generations.prefetched(*KEY_GENERATIONS):  # one round trip (none inside the search page's own)
        index, group, words = index_generation(), group_generation(), dictionary_version()
    return f"search:results:{index}:{group}:{words}:{digest}"


def fragment_key(key: str, name: str) -> str:
    """A piece of the page rendered from the results under ``key`` only (so it follows them), per language."""
    return f"{key}:{name}:{translation.get_language()}"


def fragment(key: str | None, name: str, build) -> str:
    """``build()``'s HTML, kept with the results under ``key`` (None: results not kept, so neither is this)."""
    if key is None:
        return build()
    fkey = fragment_key(key, name)
    html = cache.get(fkey)
    if html is None:
        html = build()
        cache.set(fkey, html, SECONDS)
    return html


def get(key: str):
    return cache.get(key)


def put(key: str, results) -> bool:
    """Keep ``results`` under ``key``; False when they may not be kept (a cluster write not yet visible)."""
    if results.backend != "database":
        written = cache.get(CLUSTER_WRITE_KEY)
        if written is not None and time.time() - written < CLUSTER_VISIBLE_SECONDS:
            return False
    cache.set(key, results, SECONDS)
    return True
