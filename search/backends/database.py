"""The embedded backend: SearchDocument plus the database's full-text table (backends/fulltext.py).

It is the default when no Elasticsearch is configured and the fallback when Elasticsearch is down, so it is
kept up to date in every installation.

Its cost grows with the number of matching documents, so a search walks the matches as few times as it can:

1. one GROUP BY over (type, site, category, subject) of the matches, unranked — every facet count and the total
   (the facet filters applied in Python) come from it;
2. relevance order: one ranked pass over the hits for the page;
   date order: the dates of the hits up to the page, unranked, then the rank of only the documents dated within
   the page's first and last date (the rank only orders documents of the same date).

Before, each search evaluated the match six times (four facet counts, the total and the ranked page).
"""

from django.db import connection
from django.db.models import Q

from ..enums import Scope, Sort
from ..models import SearchDocument
from .base import FACETS, SearchRequest, SearchResults
from .fulltext import store

COLUMNS = ("id", "doc_type", "site_id", "category", "subject", "date")  # what the SQL below reads from `d`
GROUPED = ("doc_type", "site_id", "category", "subject")  # FACETS in column names, the GROUP BY


def _date_desc() -> str:
    # Newest first, undated last (SQLite and PostgreSQL put NULLs at opposite ends by default).
    if connection.features.supports_order_by_nulls_modifier:
        return "d.date DESC NULLS LAST"
    return "d.date IS NULL, d.date DESC"


class DatabaseBackend:
    name = "database"

    def __init__(self):
        self.store = store()

    # -- writing -----------------------------------------------------------------------------------------

    def index(self, docs):
        for doc in docs:
            self.store.upsert(doc)

    def delete(self, ids):
        self.store.delete(ids)

    # -- searching ---------------------------------------------------------------------------------------

    def _candidates(self, request: SearchRequest):
        qs = SearchDocument.objects.all()
        scope_site = request.scope_site()
        if request.scope == Scope.SITE and request.site_id:
            qs = qs.filter(site_id=request.site_id)
        elif scope_site:
            qs = qs.filter(site_lineage__contains=f"/{scope_site}/")
        if request.date_from:
            qs = qs.filter(date__gte=request.date_from)
        if request.date_to:
            qs = qs.filter(date__lte=request.date_to)
        return self.store.restrict(qs, request.query)

    @staticmethod
    def _facet_filters(qs, request: SearchRequest):
        if request.types:
            qs = qs.filter(doc_type__in=request.types)
        if request.sites:
            qs = qs.filter(site_id__in=request.sites)
        if request.categories:
            qs = qs.filter(category__in=request.categories)
        if request.subjects:
            qs = qs.filter(subject__in=request.subjects)
        return qs

    @staticmethod
    def _total(groups: list[dict], request: SearchRequest) -> int:
        """The hits among the matches: ``_facet_filters`` applied to the GROUP BY rows."""
        wanted = {
            "doc_type": set(request.types),
            "site_id": {int(s) for s in request.sites},
            "category": set(request.categories),
            "subject": set(request.subjects),
        }
        return sum(g["n"] for g in groups if all(not v or g[c] in v for c, v in wanted.items()))

    def _select(self, queryset, query, select: str, tail: str = "", tail_params=(), rank=False) -> list[tuple]:
        """``SELECT <select> FROM (<queryset's rows>) d <the match> <tail>``; ``{rank}`` in ``select`` is the
        store's rank expression. The ORM writes the candidate rows (scope, dates, facet filters), the store the
        match, which on PostgreSQL is a join the ORM cannot express (backends/fulltext.py)."""
        inner, inner_params = queryset.order_by().values(*COLUMNS).query.sql_with_params()
        source = self.store.source(query, rank=rank)
        where = f"WHERE {source.where}" if source.where else ""
        sql = f"SELECT {select.format(rank=source.rank)} FROM ({inner}) d {source.joins} {where} {tail}"
        params = [*(source.rank_params if rank else ()), *inner_params, *source.join_params, *source.where_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *tail_params])
            return cursor.fetchall()

    def _groups(self, candidates, query) -> list[dict]:
        columns = ", ".join(f"d.{c}" for c in GROUPED)
        rows = self._select(candidates, query, f"{columns}, COUNT(*)", tail=f"GROUP BY {columns}")
        return [{**dict(zip(GROUPED, row[:-1], strict=True)), "n": row[-1]} for row in rows]

    @staticmethod
    def facet_counts(groups: list[dict]) -> dict:
        """Each facet's values with their number of matches, most first (ties by value, as Elasticsearch's
        terms aggregation); empty categories and subjects are not offered."""
        facets = {}
        for name, column in zip(FACETS, GROUPED, strict=True):
            counts = {}
            for group in groups:
                value = group[column]
                if value != "" and value is not None:
                    counts[value] = counts.get(value, 0) + group["n"]
            facets[name] = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return facets

    def _ranked(self, hits, query, order: str, offset: int, limit: int) -> list[tuple]:
        """(id, rank) of ``hits`` in ``order``, rows offset … offset + limit."""
        return self._select(
            hits,
            query,
            "d.id, {rank} AS score",
            tail=f"ORDER BY {order} LIMIT %s OFFSET %s",
            tail_params=[limit, offset],
            rank=True,
        )

    def _date_page(self, hits, query, start: int, per_page: int) -> list[tuple]:
        """Newest first, the rank ordering documents of the same date: the page's dates without ranking, then
        the rank of the documents dated within them only (those of its first and last date may come from
        before or after the page)."""
        order = f"ORDER BY {_date_desc()}, d.id LIMIT %s"
        dates = [row[0] for row in self._select(hits, query, "d.date", order, [start + per_page])]
        window = dates[start:]
        if not window:
            return []
        newest, oldest = window[0], window[-1]
        before = dates.index(newest)  # hits dated after the page's first date: all on earlier pages
        if newest is None:
            within = hits.filter(date__isnull=True)
        elif oldest is None:
            within = hits.filter(Q(date__lte=newest) | Q(date__isnull=True))
        else:
            within = hits.filter(date__gte=oldest, date__lte=newest)
        return self._ranked(within, query, f"{_date_desc()}, score DESC, d.id", start - before, per_page)

    def search(self, request: SearchRequest) -> SearchResults:
        results = SearchResults(page=1, per_page=request.per_page, backend=self.name)
        if request.query.is_empty:
            return results
        candidates = self._candidates(request)
        groups = self._groups(candidates, request.query)
        results.facets = self.facet_counts(groups)
        results.total = self._total(groups, request)
        results.page = request.clamp_page(results.total)
        if not results.total:
            return results
        hits = self._facet_filters(candidates, request)
        start = (results.page - 1) * request.per_page
        if request.sort == Sort.DATE:
            ranked = self._date_page(hits, request.query, start, request.per_page)
        else:
            order = f"score DESC, {_date_desc()}, d.id"
            ranked = self._ranked(hits, request.query, order, start, request.per_page)
        docs = SearchDocument.objects.select_related("site__site").in_bulk([pk for pk, _ in ranked])
        for pk, score in ranked:
            if pk in docs:  # not deleted in between
                docs[pk].score = float(score or 0)
                results.hits.append(docs[pk])
        return results
