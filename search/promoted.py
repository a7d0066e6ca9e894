"""Which promoted results (置顶推荐) a query shows.

A pin's term matches when it would find the visitor's query as if the query were a document: every word of
the term must be among the query's index tokens, through any of its alternatives (the same segmentation,
sub-words, bigrams and synonyms as a search). So a pin on 社保 shows for 社保卡怎么办理 and for 社会保险缴费
(a synonym), a pin on 电子政务 for dzzw (the query's pinyin names the dictionary word), but a pin on
社保卡办理 does not show for a bare 社保.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from .models import PromotedResult
from .query import ParsedQuery, parse
from .segment import index_tokens

MAX_SHOWN = 5


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


def promotions_for(query: ParsedQuery, profile, request=None, *, absolute=False) -> list[Promotion]:
    """The pins matching ``query`` on ``profile``'s search, as links (relative on this site unless
    ``absolute``); a pinned page that is no longer live or public is skipped."""
    if query.is_empty:
        return []
    tokens = query_tokens(query)
    shown = []
    for pin in candidates(profile):
        if not any(term_matches(term, tokens) for term in pin.term_list()):
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
