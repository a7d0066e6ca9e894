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

from sites.page_cache import group_generation

from .dictionary import dictionary_version

INDEX_KEY = "search:index-generation"
CLUSTER_WRITE_KEY = "search:index-cluster-written"
SECONDS = 60  # bounds what a burst of one query keeps; correctness comes from the key, never from the timeout
# Elasticsearch shows a write to searches after its next refresh (every second by default), not when the write
# returns: for this long after a write to the cluster no result is stored, so none is kept from before it showed.
CLUSTER_VISIBLE_SECONDS = 5


def index_generation():
    value = cache.get(INDEX_KEY)
    if value is None:
        # Start from the clock, never from 1: an entry of an earlier life of the counter never becomes valid.
        cache.add(INDEX_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(INDEX_KEY)
    return value


def _bump():
    try:
        cache.incr(INDEX_KEY)
    except ValueError:
        cache.add(INDEX_KEY, time.time_ns() // 1000, timeout=None)


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
    gens = f"{index_generation()}:{group_generation()}:{dictionary_version()}"
    return f"search:results:{gens}:{digest}"


def get(key: str):
    return cache.get(key)


def put(key: str, results) -> None:
    if results.backend != "database":
        written = cache.get(CLUSTER_WRITE_KEY)
        if written is not None and time.time() - written < CLUSTER_VISIBLE_SECONDS:
            return
    cache.set(key, results, SECONDS)
