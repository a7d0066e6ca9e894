"""Counters in fixed time windows, kept in the shared cache (Redis in production, so every app server and worker
counts together; per-process memory in development).

``hit`` counts an event and returns how many the window holds now; ``count`` only reads. A window is identified
by its start, so a counter expires by itself and two windows never share a key.
"""

import time

from django.core.cache import cache

PREFIX = "ratelimit"


def _key(name: str, window: int, now: float | None) -> str:
    start = int((time.time() if now is None else now) // window) * window
    return f"{PREFIX}:{name}:{window}:{start}"


def hit(name: str, window: int, *, amount: int = 1, now: float | None = None) -> int:
    """Count ``amount`` events under ``name`` in the current ``window`` (seconds); the new total."""
    key = _key(name, window, now)
    cache.add(key, 0, window + 60)
    try:
        total = cache.incr(key, amount)
    except ValueError:  # expired between add and incr
        cache.set(key, amount, window + 60)
        return amount
    # None: the cache is down and ignores errors (django-redis IGNORE_EXCEPTIONS). Counting goes on without it:
    # only this event counts, so limits are open until the cache is back rather than refusing every citizen.
    return amount if total is None else total


def count(name: str, window: int, *, now: float | None = None) -> int:
    return int(cache.get(_key(name, window, now)) or 0)
