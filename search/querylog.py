"""Who may write the query log, and how often: distinct clients, burst clients, no stored addresses.

Hot terms were writable by anyone who repeated a query (issue 10, finding 5). Now:

* **Distinct clients.** A client (``core.clients.client_key``: its address behind the trusted proxies, its /64
  for IPv6) counts at most once per query and day, platform-wide. What is remembered is a marker — HMAC-SHA256
  keyed with SECRET_KEY and the day, over the client and the query, truncated to 128 bits — stored in
  ``QueryLogClient`` until the day is over. A marker reveals neither the address nor the query; markers of
  different days or queries cannot be linked to one client (GB/T 35273 data minimisation; 等保 2.0 个人信息保护).
* **Burst clients.** A client that searches more than ``SEARCH_LOG_MAX_PER_MINUTE`` times in a minute is a
  script, not a person: it stops contributing to the log for the rest of the day; one over
  ``SEARCH_LOG_MAX_PER_DAY`` searches in a 24-hour window stops contributing for that window. Counted with
  core.ratelimit in the shared cache, under a per-day keyed hash of the client. Its searches still work.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.utils.crypto import salted_hmac

from core import ratelimit

from .models import QueryLog, QueryLogClient

MINUTE = 60
DAY = 24 * 60 * 60
clock = time.time  # the counters' clock (tests move it forward)


def max_per_minute() -> int:
    return int(getattr(settings, "SEARCH_LOG_MAX_PER_MINUTE", 10))


def max_per_day() -> int:
    return int(getattr(settings, "SEARCH_LOG_MAX_PER_DAY", 100))


def _digest(purpose: str, day, value: str) -> str:
    return salted_hmac(f"search.querylog.{purpose}:{day.isoformat()}", value, algorithm="sha256").hexdigest()


def client_token(client: str, day) -> str:
    """The client under today's key: what the burst counters are named by (no address in the cache)."""
    return _digest("client", day, client)[:16]


def search_marker(client: str, query: str, day) -> str:
    return _digest("search", day, f"{client}\n{query}")[:32]


def admitted(client: str, day) -> bool:
    """Count one search of ``client``; False when the client is over a burst limit (and so not logged)."""
    token = client_token(client, day)
    flag = f"search-log:burst:{token}"
    if cache.get(flag):
        return False
    now = clock()
    in_minute = ratelimit.hit(f"search-log:minute:{token}", MINUTE, now=now)
    in_day = ratelimit.hit(f"search-log:day:{token}", DAY, now=now)
    if in_minute > max_per_minute():
        cache.set(flag, True, DAY + MINUTE)  # the token changes at midnight, so this lasts the rest of the day
        return False
    return in_day <= max_per_day()


def first_today(client: str, query: str, day) -> bool:
    """True the first time today ``client`` searches ``query`` (anywhere on the platform)."""
    _prune(day)
    # Most searches are a client's first of that query today: insert straight away, the unique marker refuses
    # a repeat (cheaper than get_or_create's look-up first, and safe when two requests race).
    try:
        with transaction.atomic():
            QueryLogClient.objects.create(marker=search_marker(client, query, day), day=day)
    except IntegrityError:
        return False
    return True


def _prune(day):
    """Markers are only needed for their own day: delete older ones, once a day (per shared cache)."""
    if cache.add(f"search-log:pruned:{day.isoformat()}", True, 2 * DAY):
        QueryLogClient.objects.filter(day__lt=day).delete()


# PostgreSQL: the client's marker and the count in one statement (issue 11, the search page's cost). The marker
# insert yields a row only when it is new, so ``clients`` grows by one exactly for a client's first search of the
# query today; the unique (query, day, site) constraint turns a repeat into an update, atomically under races.
COUNT_SQL = """
WITH marker AS (
    INSERT INTO {clients} (day, marker) VALUES (%s, %s) ON CONFLICT (marker) DO NOTHING RETURNING 1
)
INSERT INTO {log} (query, day, site_id, count, clients, hits, pinyin, initials)
VALUES (%s, %s, %s, 1, (SELECT COUNT(*) FROM marker), %s, %s, %s)
ON CONFLICT (query, day, site_id) DO UPDATE SET
    count = {log}.count + 1, clients = {log}.clients + EXCLUDED.clients, hits = EXCLUDED.hits
"""


def can_count_in_one_statement(site_id) -> bool:
    # A NULL site is never equal to another under the unique constraint, so its rows take the two-step path.
    return site_id is not None and connection.vendor == "postgresql"


def count_search(client: str, query: str, day, site_id: int, hits: int, pinyin: str, initials: str):
    """Count one search of ``query`` from ``site_id`` in the log, and ``client`` once a day (PostgreSQL)."""
    _prune(day)
    sql = COUNT_SQL.format(clients=QueryLogClient._meta.db_table, log=QueryLog._meta.db_table)
    marker = search_marker(client, query, day)
    with connection.cursor() as cursor:
        cursor.execute(sql, [day, marker, query, day, site_id, hits, pinyin, initials])
