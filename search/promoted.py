"""Which promoted results (置顶推荐) a query shows.

A pin's term matches when it would find the visitor's query as if the query were a document: every word of
the term must be among the query's index tokens, through any of its alternatives (the same segmentation,
sub-words, bigrams and synonyms as a search). So a pin on 社保 shows for 社保卡怎么办理 and for 社会保险缴费
(a synonym), a pin on 电子政务 for dzzw (the query's pinyin names the dictionary word), but a pin on
社保卡办理 does not show for a bare 社保.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from core import generations

from .dictionary import dictionary_version
from .models import PromotedResult
from .query import ParsedQuery, parse
from .segment import index_tokens

MAX_SHOWN = 5
VERSION_KEY = "search:promoted-version"
CACHE_SECONDS = 300


@dataclass
class Promotion:
    title: str
    url: str
    description: str
    pin: PromotedResult


def query_tokens(query: ParsedQuery) -> set[str]:
    # The highlight list adds the query's synonyms and the Chinese words its pinyin spells.
    return set(index_tokens(" ".join([query.text, *query.highlight])))


def term_matches(term: str, tokens: set[str]) -> bool:
    parsed = parse(term)
    return not parsed.is_empty and all(any(set(alt) <= tokens for alt in group.alternatives) for group in parsed.groups)


def candidates(profile):
    """Current pins of ``profile`` and the ones for every site, in display order."""
    today = timezone.localdate()
    own = Q(site__isnull=True) if profile is None else Q(site__isnull=True) | Q(site=profile)
    return (
        PromotedResult.objects.filter(own, enabled=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .select_related("page")
        .order_by("sort_order", "pk")
    )


def promoted_version() -> int:
    """Bumped whenever a pin is saved or deleted (signal_handlers), so every worker's cached terms follow."""
    return generations.read(VERSION_KEY)


def bump_promoted_version():
    generations.bump(VERSION_KEY)


def _term_groups(term: str):
    """``term`` parsed as term_matches parses it: per word, its alternatives as token sets (None: no words)."""
    parsed = parse(term)
    if parsed.is_empty:
        return None
    return [[frozenset(alt) for alt in group.alternatives] for group in parsed.groups]


def _groups_match(groups, tokens: set[str]) -> bool:
    return groups is not None and all(any(alt <= tokens for alt in group) for group in groups)


def pin_terms(profile) -> list[tuple[int, list]]:
    """(pk, parsed terms) of ``profile``'s current pins in display order, cached per pin version, dictionary
    version and day (a pin expires at the end of its day): the page reads and re-parses no pin unless the
    query matches one (issue 11)."""
    today = timezone.localdate()
    key = f"search:promoted:{getattr(profile, 'pk', 'all')}:{promoted_version()}:{dictionary_version()}:{today}"
    found = cache.get(key)
    if found is None:
        found = [(pin.pk, [_term_groups(t) for t in pin.term_list()]) for pin in candidates(profile)]
        cache.set(key, found, CACHE_SECONDS)
    return found


def promotions_for(query: ParsedQuery, profile, request=None, *, absolute=False) -> list[Promotion]:
    """The pins matching ``query`` on ``profile``'s search, as links (relative on this site unless
    ``absolute``); a pinned page that is no longer live or public is skipped."""
    if query.is_empty:
        return []
    pins = pin_terms(profile)
    if not pins:
        return []
    tokens = query_tokens(query)
    matched = [pk for pk, terms in pins if any(_groups_match(groups, tokens) for groups in terms)]
    if not matched:
        return []
    rows = PromotedResult.objects.select_related("page").in_bulk(matched)
    shown = []
    for pk in matched:
        pin = rows.get(pk)
        if pin is None or not pin.is_current() or pin.site_id not in (None, getattr(profile, "pk", None)):
            continue
        if pin.page_id:
            page = pin.page
            if not page.live or page.get_view_restrictions().exists():
                continue
            url = page.get_full_url(request) if absolute else page.get_url(request)
            description = pin.description or page.search_description
        else:
            url, description = pin.url, pin.description
        if not url:
            continue
        shown.append(Promotion(title=pin.display_title, url=url, description=description, pin=pin))
        if len(shown) == MAX_SHOWN:
            break
    return shown
