"""Generation counters in the shared cache: what every cache in the project is keyed by to be invalidated.

A cached value stores the generation it was computed under and is used only while that number is unchanged; a
change bumps the counter instead of finding and deleting entries. Production's cache is Redis, so one process's
bump reaches every worker on every app server.
"""

import contextlib
import contextvars
import time

from django.core.cache import cache

# Counters read ahead in one round trip for the code running inside ``prefetched`` (a view that reads several).
_prefetched: contextvars.ContextVar[dict | None] = contextvars.ContextVar("generations_prefetched", default=None)


def _clock() -> int:
    # A missing (never set, or evicted) counter starts from the clock, never from 1, so that an entry stored under
    # an earlier life of the counter cannot become valid again.
    return time.time_ns() // 1000


def read(key: str) -> int:
    """The counter's value, created when missing (a value stored under None would never match again)."""
    ahead = _prefetched.get()
    if ahead is not None and ahead.get(key) is not None:
        return ahead[key]
    value = cache.get(key)
    if value is None:
        cache.add(key, _clock(), timeout=None)  # a counter never expires (an eviction restarts it from the clock)
        value = cache.get(key)
    return value


def bump(key: str) -> None:
    """Invalidate everything stored under the counter's current value."""
    ahead = _prefetched.get()
    if ahead is not None:
        ahead.pop(key, None)  # read again after a bump, even inside ``prefetched``
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, _clock(), timeout=None)


@contextlib.contextmanager
def prefetched(*keys: str):
    """Read ``keys`` in one round trip (Redis MGET) for the code inside: each ``read`` of one of them is then
    answered from memory. For one request's worth of work — a counter bumped elsewhere meanwhile is seen by the
    next request, as it would be had the read happened a few milliseconds earlier. Nested: only the keys the
    enclosing block did not read are fetched."""
    ahead = dict(_prefetched.get() or {})
    missing = [key for key in keys if ahead.get(key) is None]
    if missing:
        ahead.update(cache.get_many(missing))
    token = _prefetched.set(ahead)
    try:
        yield
    finally:
        _prefetched.reset(token)
