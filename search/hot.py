"""Hot terms (热门搜索) and the part of the query log that may be shown to other visitors.

The query log holds whatever people typed, so before a logged query is shown to anyone else — as a hot term, a
suggestion as you type or a "did you mean" — it must pass :func:`presentable`: it is made of words (search/terms.py:
no punctuation, operators or symbols; Chinese, or words the dictionary knows), it contains nothing that looks like
personal data (a phone or ID number, an e-mail address) and no sensitive word (``interaction.sensitive``; search
sits to the right of interaction in the dependency order); and :func:`popular_queries` only yields it once it
found something and enough **distinct clients** searched it (one person's search for their own name or case
number is no trend, and one client repeating a query counts once a day: search/querylog.py).

Each logged search records the site it came from; hot terms and the log's share of suggestions are those of
the site's website group (the top portal and every site below it), so 常德's visitors never see 株洲's searches.
The group's staff hide terms or pin them first (``HotTermRule``, :func:`group_rules`).
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core import generations
from interaction.sensitive import screen
from sites.page_cache import group_generation
from sites.utils import group_profiles

from .dictionary import dictionary_words
from .enums import HotTermAction
from .models import HotTermRule, QueryLog
from .terms import MAX_TERM_CHARS, is_word_term, looks_personal, term_text

HOT_DAYS = 30  # default window of hot terms
MAX_HOT_DAYS = 365
MAX_HOT_TERMS = 20
SEARCH_PAGE = "/search/"
CACHE_SECONDS = 300
RULES_VERSION_KEY = "search:hot-rules-version"


def min_clients() -> int:
    """How many distinct clients (each counted once a day, summed over the window) a logged query needs before
    others may see it."""
    return int(getattr(settings, "SEARCH_LOG_MIN_CLIENTS", 5))


def presentable(query: str) -> bool:
    text = term_text(query)
    if not text or len(text) > MAX_TERM_CHARS or not is_word_term(text, dictionary_words):
        return False
    return not looks_personal(text) and not screen(text)


@dataclass(frozen=True)
class HotTerm:
    query: str
    count: int  # distinct clients in the window (each once a day), on days on which the query found something
    pinned: bool = False  # put first by the group's staff (HotTermRule)

    @property
    def url(self) -> str:
        """The search page for this term, in the active language (/search/ or /en/search/)."""
        try:
            page = reverse("search:page")
        except NoReverseMatch:  # an installation without the search page mounted
            page = SEARCH_PAGE
        return f"{page}?{urlencode({'q': self.query})}"


# -- the group's rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    hidden: frozenset[str] = frozenset()
    pinned: tuple[str, ...] = ()


def rules_version() -> int:
    """Bumped whenever a rule is saved or deleted (signal_handlers), so cached hot terms and vocabularies of
    every worker follow at once."""
    return generations.read(RULES_VERSION_KEY)


def bump_rules_version():
    generations.bump(RULES_VERSION_KEY)


def group_rules(root_site_id: int | None) -> Rules:
    """The rules of the group whose top portal is ``root_site_id``. For the whole platform (None) a term any
    group hides stays hidden, and nothing is pinned (pins are a group's choice for its own sites)."""
    rows = HotTermRule.objects.all()
    if root_site_id is not None:
        rows = rows.filter(site_id=root_site_id)
    hidden = frozenset(rows.filter(action=HotTermAction.HIDE).values_list("term", flat=True))
    pinned = ()
    if root_site_id is not None:
        pinned = tuple(
            rows.filter(action=HotTermAction.PIN).order_by("sort_order", "pk").values_list("term", flat=True)
        )
    return Rules(hidden=hidden, pinned=pinned)


# -- the log -----------------------------------------------------------------------------------------------


def group_site_ids(profile) -> list[int] | None:
    """Every site of ``profile``'s website group, its top portal first, or None for the whole platform."""
    if profile is None:
        return None
    chain = profile.ancestors()
    return [p.pk for p in group_profiles(chain[-1] if chain else profile)]


def _window(days: int, since: datetime.date | None, site_ids: list[int] | None):
    since = since or timezone.localdate() - datetime.timedelta(days=days - 1)
    rows = QueryLog.objects.filter(day__gte=since, hits__gt=0)
    return rows if site_ids is None else rows.filter(site_id__in=site_ids)


def popular_queries(days: int, since: datetime.date | None = None, site_ids: list[int] | None = None):
    """(query, clients, searches) of the logged queries that found something in the last ``days`` days and
    reached the distinct-client threshold, most clients first, from ``site_ids`` (None: every site). Rows of
    days on which a query found nothing are not counted: a query that stopped finding anything drops out."""
    return (
        _window(days, since, site_ids)
        .values("query")
        .annotate(people=Sum("clients"), searches=Sum("count"))
        .filter(people__gte=min_clients())
        .order_by("-people", "-searches", "query")
        .values_list("query", "people", "searches")
    )


def hot_terms(site=None, *, days: int = HOT_DAYS, limit: int = 10) -> list[HotTerm]:
    """The group's pinned terms, then its most searched presentable queries of the last ``days`` days that it
    does not hide (``site``: a SiteProfile or None; see the module note). Cached for a few minutes and until a
    rule changes: the search page shows them."""
    days = max(1, min(int(days), MAX_HOT_DAYS))
    limit = max(1, min(int(limit), MAX_HOT_TERMS))
    today = timezone.localdate()
    # Keyed by the site and the group generation (bumped when any site profile changes, so when a site changes
    # groups), not by its group's top portal: working out the group costs more than the cached read (issue 11).
    key = (
        f"search:hot:{getattr(site, 'pk', 'all')}:{group_generation()}:{rules_version()}:{today.isoformat()}:"
        f"{days}:{limit}"
    )
    terms = cache.get(key)
    if terms is None:
        site_ids = group_site_ids(site)
        terms = _collect(site_ids[0] if site_ids else None, site_ids, days, limit)
        cache.set(key, terms, CACHE_SECONDS)
    return terms


def _collect(root: int | None, site_ids: list[int] | None, days: int, limit: int) -> list[HotTerm]:
    rules = group_rules(root)
    pinned = rules.pinned[:limit]
    searched = _window(days, None, site_ids).filter(query__in=pinned).values("query").annotate(n=Sum("clients"))
    counts = dict(searched.values_list("query", "n")) if pinned else {}
    terms = [HotTerm(query=term, count=counts.get(term, 0), pinned=True) for term in pinned]
    skip = set(rules.hidden) | set(pinned)
    # Screening happens in Python, so read on until enough pass; a query log of a government site group has
    # a few thousand distinct queries a month at most.
    for query, people, _searches in popular_queries(days, site_ids=site_ids).iterator(chunk_size=500):
        if len(terms) >= limit:
            break
        shown = term_text(query)  # rows logged before issue 10 were only lower-cased
        if shown not in skip and presentable(shown):
            skip.add(shown)
            terms.append(HotTerm(query=shown, count=people))
    return terms
