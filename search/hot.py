"""Hot terms (热门搜索) and the part of the query log that may be shown to other visitors.

The query log holds whatever people typed, so before a logged query is shown to anyone else — as a hot term, a
suggestion as you type or a "did you mean" — it must pass :func:`presentable`: it found something, enough
people searched it (one person's search for their own name or case number is not a trend), it contains
nothing that looks like personal data (a phone or ID number, an e-mail address), and no sensitive word
(``interaction.sensitive``; search sits to the right of interaction in the dependency order).

Each logged search records the site it came from; hot terms and the log's share of suggestions are those of
the site's website group (the top portal and every site below it), so 常德's visitors never see 株洲's searches.
"""

import datetime
import re
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from interaction.sensitive import screen
from sites.utils import group_profiles

from .models import QueryLog
from .segment import WORD_RE, normalize

HOT_DAYS = 30  # default window of hot terms
MAX_HOT_DAYS = 365
MAX_HOT_TERMS = 20
MAX_TERM_CHARS = 20  # a sentence pasted into the box is not a "term"
SEARCH_PAGE = "/search/"
# 7+ digits (phone, ID, case numbers), an e-mail address, or a long Latin/digit code
PERSONAL_RE = re.compile(r"\d{7,}|@|[a-z0-9]{16,}|\d{6,}[a-z]")
CACHE_SECONDS = 300


def min_count() -> int:
    """How many searches (summed over the window) a logged query needs before others may see it."""
    return int(getattr(settings, "SEARCH_LOG_MIN_COUNT", 3))


def presentable(query: str) -> bool:
    text = normalize(query).strip()
    if not text or len(text) > MAX_TERM_CHARS or not WORD_RE.search(text):
        return False
    if PERSONAL_RE.search(text.replace(" ", "")):
        return False
    return not screen(text)


@dataclass(frozen=True)
class HotTerm:
    query: str
    count: int  # searches in the window (days on which the query found something)

    @property
    def url(self) -> str:
        """The search page for this term, in the active language (/search/ or /en/search/)."""
        try:
            page = reverse("search:page")
        except NoReverseMatch:  # an installation without the search page mounted
            page = SEARCH_PAGE
        return f"{page}?{urlencode({'q': self.query})}"


def group_site_ids(profile) -> list[int] | None:
    """Every site of ``profile``'s website group (its top portal and all below), or None for the whole platform."""
    if profile is None:
        return None
    chain = profile.ancestors()
    return [p.pk for p in group_profiles(chain[-1] if chain else profile)]


def popular_queries(days: int, since: datetime.date | None = None, site_ids: list[int] | None = None):
    """(query, searches, best hit count) of the logged queries that found something in the last ``days`` days,
    most searched first, from ``site_ids`` (None: every site). Rows of days on which a query found nothing are
    not counted: a query that stopped finding anything drops out."""
    since = since or timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = QueryLog.objects.filter(day__gte=since, hits__gt=0)
    if site_ids is not None:
        rows = rows.filter(site_id__in=site_ids)
    return (
        rows.values("query")
        .annotate(searches=Sum("count"), best=Max("hits"))
        .filter(searches__gte=min_count())
        .order_by("-searches", "query")
        .values_list("query", "searches", "best")
    )


def hot_terms(site=None, *, days: int = HOT_DAYS, limit: int = 10) -> list[HotTerm]:
    """The most searched presentable queries of the last ``days`` days (``site``: a SiteProfile or None; see the
    module note). Cached for a few minutes: the header of every page may show them."""
    days = max(1, min(int(days), MAX_HOT_DAYS))
    limit = max(1, min(int(limit), MAX_HOT_TERMS))
    today = timezone.localdate()
    site_ids = group_site_ids(site)
    group_key = site_ids[0] if site_ids else "all"
    key = f"search:hot:{group_key}:{today.isoformat()}:{days}:{limit}"
    terms = cache.get(key)
    if terms is None:
        terms = []
        # Screening happens in Python, so read a few more rows than needed; a query log of a government site
        # group has a few thousand distinct queries a month at most.
        for query, searches, _best in popular_queries(days, site_ids=site_ids).iterator(chunk_size=500):
            if presentable(query):
                terms.append(HotTerm(query=query, count=searches))
                if len(terms) >= limit:
                    break
        cache.set(key, terms, CACHE_SECONDS)
    return terms
