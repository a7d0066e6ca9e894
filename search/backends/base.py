"""What a backend is asked and what it answers; the same for the database and Elasticsearch.

Semantics both implement (and the shared test class checks):
* the query's groups are all required; a group matches through any of its alternatives;
* ``scope`` and the date range restrict the candidate set (query level);
* the facet filters (type, site, category, subject) restrict the hits only: facet counts are computed over
  the query without them, so a visitor sees how many results each other choice would give (Elasticsearch's
  ``post_filter`` pattern);
* relevance order is the backend's own ranking (BM25 in both, weights title > pinyin > body), ties and the
  date sort by date, newest first.
"""

import datetime
import math
from dataclasses import dataclass, field

from ..enums import Scope, Sort
from ..query import ParsedQuery

FACETS = ("doc_type", "site", "category", "subject")
MAX_WINDOW = 10000  # Elasticsearch's default index.max_result_window; the database backend keeps the same cap


@dataclass
class SearchRequest:
    query: ParsedQuery
    site_id: int | None = None  # the current site (for scope)
    scope: str = Scope.SITE
    root_site_id: int | None = None  # the current site's top ancestor (whole-group scope)
    sites: list[int] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = Sort.RELEVANCE
    page: int = 1
    per_page: int = 10

    def scope_site(self) -> int | None:
        """The site whose lineage every result must contain (None = no restriction)."""
        if self.scope == Scope.GROUP:
            return self.root_site_id
        return self.site_id

    def clamp_page(self, total: int) -> int:
        last = max(1, math.ceil(min(total, MAX_WINDOW) / self.per_page))
        return min(max(1, self.page), last)


@dataclass
class SearchResults:
    total: int = 0
    page: int = 1
    per_page: int = 10
    hits: list = field(default_factory=list)  # SearchDocument instances, with .score
    facets: dict = field(default_factory=dict)  # facet → [(value, count)], count descending
    backend: str = ""
    degraded: bool = False
    notice: str = ""
    suggestion: str = ""  # "did you mean": a corrected query that finds more (search/suggest.py), or ""
    cache_key: str | None = None  # the key these results are kept under (search/result_cache.py), or None

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(min(self.total, MAX_WINDOW) / self.per_page))


class SearchUnavailable(Exception):
    """The backend cannot answer now (Elasticsearch down, index missing): the caller falls back."""


class IndexUnavailable(Exception):
    """An index update could not reach Elasticsearch (down, or marked down a moment ago). Transient: the task that
    raised it is retried with backoff (core.tasks.retry_on); the database index is already up to date."""
