"""The embedded backend: SearchDocument plus the database's full-text table (backends/fulltext.py).

It is the default when no Elasticsearch is configured and the fallback when Elasticsearch is down, so it is
kept up to date in every installation.
"""

from django.db.models import Count, F

from ..enums import Scope, Sort
from ..models import SearchDocument
from .base import FACETS, SearchRequest, SearchResults
from .fulltext import store


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
        return qs

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

    def facet_counts(self, matched) -> dict:
        facets = {}
        for name in FACETS:
            column = "site_id" if name == "site" else name
            rows = (
                matched.order_by()
                .exclude(**{column: ""} if column != "site_id" else {})
                .values(column)
                .annotate(n=Count("id"))
                .order_by("-n", column)
            )
            facets[name] = [(row[column], row["n"]) for row in rows]
        return facets

    def search(self, request: SearchRequest) -> SearchResults:
        results = SearchResults(page=1, per_page=request.per_page, backend=self.name)
        if request.query.is_empty:
            return results
        matched = self.store.match(self._candidates(request), request.query)
        results.facets = self.facet_counts(matched)
        hits = self._facet_filters(self.store.match(self._candidates(request), request.query, rank=True), request)
        results.total = self._facet_filters(matched, request).count()  # unranked: no bm25 join to count
        results.page = request.clamp_page(results.total)
        if request.sort == Sort.DATE:
            order = [F("date").desc(nulls_last=True), "-rank", "pk"]
        else:
            order = ["-rank", F("date").desc(nulls_last=True), "pk"]
        start = (results.page - 1) * request.per_page
        page_hits = list(hits.select_related("site__site").order_by(*order)[start : start + request.per_page])
        for doc in page_hits:
            doc.score = float(doc.rank or 0)
        results.hits = page_hits
        return results
