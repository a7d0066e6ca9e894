"""The cached values one page needs, read in one round trip instead of one per value.

A page of the group reads about a dozen entries of the shared cache (route, private sections, navigation,
breadcrumbs, header and footer fragments, list counts and rows; sites/site_cache.py, sites/route_cache.py); on
Redis each read is a network round trip that costs more than the lookup. So the names of the entries a path read
are kept (the *manifest*, per hostname and path), and the next request for that path fetches them all with one
``get_many`` (Redis MGET) before the view runs; reads are then answered from the request. Names carry the
generations they were built under, so after a publish the prefetched names simply miss and the page rebuilds
and records its new names. Only paths with a bounded number of values get a manifest: cached page routes and
views whose URL pattern has no parameter (never a 404 or a number typed by a visitor).
"""

from django.core.cache import cache

PREFETCHED_ATTR = "_site_cache_prefetched"
USED_ATTR = "_site_cache_used"
MANIFEST_ATTR = "_site_cache_manifest"
BOUNDED_ATTR = "_site_cache_bounded_path"
MAX_KEYS = 64
SECONDS = 24 * 3600


MAX_PATH = 200
NO_MANIFEST_PREFIXES = ("/api/",)  # JSON views read no site fragments


def manifest_key(hostname: str, path: str) -> str | None:
    """None for paths that never get a manifest (long ones are typed by visitors, not pages of a site)."""
    if len(path) > MAX_PATH or path.startswith(NO_MANIFEST_PREFIXES):
        return None
    return f"site-keys:{hostname}:{path}"


def start(request, manifest: str | None, names) -> None:
    """Before the view: fetch the entries ``names`` (the manifest's list, or None) in one round trip."""
    setattr(request, MANIFEST_ATTR, (manifest, list(names or ())))
    setattr(request, USED_ATTR, [])
    if names:
        found = cache.get_many(names)
        setattr(request, PREFETCHED_ATTR, {name: found.get(name) for name in names})


def read(request, key: str):
    """The cached value of ``key`` (None when missing), from the request's prefetch when it has it."""
    if request is None:
        return cache.get(key)
    used = getattr(request, USED_ATTR, None)
    if used is not None:
        used.append(key)
    prefetched = getattr(request, PREFETCHED_ATTR, None)
    if prefetched is not None and key in prefetched:
        return prefetched[key]
    return cache.get(key)


def write(request, key: str, value, seconds: int = SECONDS) -> None:
    cache.set(key, value, seconds)
    prefetched = getattr(request, PREFETCHED_ATTR, None) if request is not None else None
    if prefetched is not None:
        prefetched[key] = value


def mark_bounded(request) -> None:
    """The request's path is one of a bounded set (a cached route, a view without URL parameters)."""
    setattr(request, BOUNDED_ATTR, True)


def finish(request, response) -> None:
    """After a 200 for a bounded path: keep the names this render read, when they differ from the manifest."""
    found = getattr(request, MANIFEST_ATTR, None)
    used = getattr(request, USED_ATTR, None)
    if found is None or found[0] is None or not used or response.status_code != 200:
        return
    if not getattr(request, BOUNDED_ATTR, False):
        return
    names = list(dict.fromkeys(used))[:MAX_KEYS]
    if names != found[1]:
        cache.set(found[0], names, SECONDS)
