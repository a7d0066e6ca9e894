"""Generation counters in the shared cache: what every cache in the project is keyed by to be invalidated.

A cached value stores the generation it was computed under and is used only while that number is unchanged; a
change bumps the counter instead of finding and deleting entries. Production's cache is Redis, so one process's
bump reaches every worker on every app server.
"""

import time

from django.core.cache import cache


def _clock() -> int:
    # A missing (never set, or evicted) counter starts from the clock, never from 1, so that an entry stored under
    # an earlier life of the counter cannot become valid again.
    return time.time_ns() // 1000


def read(key: str) -> int:
    """The counter's value, created when missing (a value stored under None would never match again)."""
    value = cache.get(key)
    if value is None:
        cache.add(key, _clock(), timeout=None)  # a counter never expires (an eviction restarts it from the clock)
        value = cache.get(key)
    return value


def bump(key: str) -> None:
    """Invalidate everything stored under the counter's current value."""
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, _clock(), timeout=None)
