"""Elasticsearch 8 through ``elasticsearch.dsl`` (the DSL that ships inside the official client since 8.18).

One index holds every site's documents. Its analysis uses only what every Elasticsearch 8 node has, even
Elastic's plugin-free integ-test distribution that CI runs: the pre-segmented token fields use the built-in
``whitespace`` analyser (tokens are already lower-cased by segment.py), and the original text is kept in
``*_text`` fields analysed with ``standard`` + ``lowercase`` + ``shingle`` (CJK bigrams without a plugin) — or
with a plugin analyser (``smartcn``, ``ik_max_word``) named in SEARCH_ELASTICSEARCH_ANALYZER.

Index names carry SEARCH_INDEX_PREFIX. The alias ``<prefix>documents`` points at one concrete index
``<prefix>documents-<timestamp>``; a rebuild fills a new one and swaps the alias atomically, so searches keep
being answered from the old index until the swap. Writes go to every ``<prefix>documents-*`` index (the live
one and one being built) with external versions taken from the document's index time, so a rebuild never
overwrites a newer incremental update with an older copy.
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError, helpers
from elasticsearch.dsl import Date, Index, Keyword, Mapping, Q, Search, Text, analyzer, token_filter

from ..enums import Scope, Sort
from ..models import SearchDocument
from .base import FACETS, MAX_WINDOW, SearchRequest, SearchResults, SearchUnavailable

logger = logging.getLogger(__name__)
# Cannot reach the node (refused, timeout): skip it for DOWN_SECONDS. ApiError: it answered with an error.
UNREACHABLE = (TransportError, ConnectionError, OSError)
ERRORS = (ApiError, *UNREACHABLE)
DOWN_KEY = "search:elasticsearch-down"
DOWN_SECONDS = 30
SEGMENTED = "whitespace"
TOKEN_FIELDS = ["title^3", "pinyin^2", "body"]
FACET_FIELDS = {"doc_type": "doc_type", "site": "site", "category": "category", "subject": "subject"}

_clients: dict = {}


def client(url: str | None = None) -> Elasticsearch:
    url = url or settings.SEARCH_ELASTICSEARCH_URL
    if url not in _clients:
        _clients[url] = Elasticsearch(
            url, request_timeout=settings.SEARCH_ELASTICSEARCH_TIMEOUT, max_retries=0, retry_on_timeout=False
        )
    return _clients[url]


def raw_analyzer():
    name = getattr(settings, "SEARCH_ELASTICSEARCH_ANALYZER", "")
    if name:
        return name  # a plugin analyser installed on every node (smartcn, ik_max_word …)
    shingle = token_filter("govsites_bigrams", "shingle", min_shingle_size=2, max_shingle_size=2, output_unigrams=True)
    return analyzer("govsites_raw", tokenizer="standard", filter=["lowercase", shingle])


def mapping() -> Mapping:
    """The one explicit mapping (no dynamic fields: a stray field is an error, not a silent new mapping)."""
    raw = raw_analyzer()
    m = Mapping()
    m.meta("dynamic", "strict")
    for name in ("key", "doc_type", "model", "site", "site_lineage", "category", "subject"):
        m.field(name, Keyword())
    m.field("index_number", Keyword())  # 索引号
    m.field("document_number", Keyword())  # 文号
    m.field("path", Keyword(index=False))
    for name in ("title", "body", "pinyin"):
        m.field(name, Text(analyzer=SEGMENTED))
    for name in ("title_text", "body_text"):
        m.field(name, Text(analyzer=raw))
    m.field("date", Date())
    return m


def new_index(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=settings.SEARCH_ELASTICSEARCH_REPLICAS)
    index.mapping(mapping())
    return index


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url: str | None = None, prefix: str | None = None):
        self.url = url or settings.SEARCH_ELASTICSEARCH_URL
        self.prefix = settings.SEARCH_INDEX_PREFIX if prefix is None else prefix
        self.alias = f"{self.prefix}documents"
        self.es = client(self.url)

    # -- health ------------------------------------------------------------------------------------------

    def is_marked_down(self) -> bool:
        return bool(cache.get(f"{DOWN_KEY}:{self.url}"))

    def mark_down(self, exc):
        logger.warning("Elasticsearch at %s unavailable, using the database index: %s", self.url, exc)
        cache.set(f"{DOWN_KEY}:{self.url}", True, DOWN_SECONDS)

    def mark_up(self):
        cache.delete(f"{DOWN_KEY}:{self.url}")

    def version(self) -> str:
        # The integ-test distribution has no GET / (info) endpoint, so the nodes API tells the version.
        nodes = self.es.nodes.info(node_id="_local", filter_path="nodes.*.version")
        return next(iter(nodes["nodes"].values()))["version"]

    def health(self) -> dict:
        health = self.es.cluster.health()
        info = {"version": self.version(), "status": health["status"], "alias": self.alias, "index": None, "count": 0}
        try:
            info["index"] = next(iter(self.es.indices.get_alias(name=self.alias)))
            info["count"] = self.es.count(index=self.alias)["count"]
        except NotFoundError:
            pass
        return info

    # -- writing -----------------------------------------------------------------------------------------

    def write_targets(self) -> list[str]:
        try:
            return sorted(self.es.indices.get(index=f"{self.alias}-*", expand_wildcards="open").keys())
        except NotFoundError:
            return []

    @staticmethod
    def source(doc: SearchDocument) -> dict:
        return {
            "key": doc.key,
            "doc_type": doc.doc_type,
            "model": doc.model,
            "site": str(doc.site_id),
            "site_lineage": [p for p in doc.site_lineage.split("/") if p],
            "path": doc.path,
            "title": doc.title_tokens,
            "body": doc.body_tokens,
            "pinyin": doc.pinyin_tokens,
            "title_text": doc.title,
            "body_text": doc.body,
            "date": doc.date.isoformat() if doc.date else None,
            "category": doc.category or None,
            "subject": doc.subject or None,
            "index_number": doc.index_number or None,
            "document_number": doc.document_number or None,
        }

    @staticmethod
    def version_of(doc: SearchDocument) -> int:
        return int(doc.indexed_at.timestamp() * 1_000_000)

    def _actions(self, docs, targets):
        for doc in docs:
            for target in targets:
                yield {
                    "_index": target,
                    "_id": doc.key,
                    "_source": self.source(doc),
                    "version": self.version_of(doc),
                    "version_type": "external_gte",
                }

    def _bulk(self, actions, refresh=False):
        _ok, errors = helpers.bulk(self.es, actions, raise_on_error=False, refresh=refresh)
        # 409: an equal or newer version is already there (an update overtook a rebuild), which is fine.
        real = [e for e in errors if next(iter(e.values())).get("status") != 409]
        if real:
            raise SearchUnavailable(f"Elasticsearch rejected {len(real)} documents: {real[:3]}")

    def index(self, docs, refresh=False):
        targets = self.write_targets()
        if targets:
            self._bulk(self._actions(docs, targets), refresh=refresh)

    def delete(self, keys, refresh=False):
        targets = self.write_targets()
        version = int(time.time() * 1_000_000)
        actions = (
            {"_op_type": "delete", "_index": t, "_id": k, "version": version, "version_type": "external"}
            for k in keys
            for t in targets
        )
        _ok, errors = helpers.bulk(self.es, actions, raise_on_error=False, refresh=refresh)
        real = [e for e in errors if next(iter(e.values())).get("status") not in (404, 409)]
        if real:
            raise SearchUnavailable(f"Elasticsearch could not delete: {real[:3]}")

    def rebuild(self, documents, total: int, progress=None, chunk_size: int = 500) -> str:
        """Fill a new index from ``documents`` (an iterable of SearchDocument) and swap the alias to it."""
        name = f"{self.alias}-{time.strftime('%Y%m%d%H%M%S')}{time.time_ns() % 1_000_000:06d}"
        new_index(name).create(using=self.es)
        done, batch = 0, []
        for doc in documents:
            batch.append(doc)
            if len(batch) >= chunk_size:
                self._bulk(self._actions(batch, [name]))
                done += len(batch)
                batch = []
                if progress:
                    progress(done, total)
        if batch:
            self._bulk(self._actions(batch, [name]))
            done += len(batch)
            if progress:
                progress(done, total)
        self.es.indices.refresh(index=name)
        old = self.write_targets()
        try:
            current = list(self.es.indices.get_alias(name=self.alias))
        except NotFoundError:
            current = []
        actions = [{"remove": {"index": i, "alias": self.alias}} for i in current]
        actions.append({"add": {"index": name, "alias": self.alias}})
        self.es.indices.update_aliases(actions=actions)
        for index in old:
            if index != name:
                self.es.indices.delete(index=index, ignore_unavailable=True)
        return name

    def drop(self):
        """Delete every index of this prefix (tests and `search_reindex --drop`)."""
        for index in self.write_targets():
            self.es.indices.delete(index=index, ignore_unavailable=True)

    def refresh(self):
        self.es.indices.refresh(index=f"{self.alias}-*", allow_no_indices=True)

    # -- searching ---------------------------------------------------------------------------------------

    @staticmethod
    def compile(query) -> Q:
        groups = []
        for group in query.groups:
            alts = []
            for alt in group.alternatives:
                musts = [Q("multi_match", query=token, fields=TOKEN_FIELDS) for token in alt]
                alts.append(musts[0] if len(musts) == 1 else Q("bool", must=musts))
            groups.append(alts[0] if len(alts) == 1 else Q("bool", should=alts, minimum_should_match=1))
        return Q("bool", must=groups)

    @staticmethod
    def _filters(request: SearchRequest) -> list[Q]:
        filters = []
        if request.scope == Scope.SITE and request.site_id:
            filters.append(Q("term", site=str(request.site_id)))
        elif request.scope_site():
            filters.append(Q("term", site_lineage=str(request.scope_site())))
        if request.date_from or request.date_to:
            bounds = {}
            if request.date_from:
                bounds["gte"] = request.date_from.isoformat()
            if request.date_to:
                bounds["lte"] = request.date_to.isoformat()
            filters.append(Q("range", date=bounds))
        return filters

    @staticmethod
    def _post_filters(request: SearchRequest) -> list[Q]:
        filters = []
        for field, values in (
            ("doc_type", request.types),
            ("site", [str(s) for s in request.sites]),
            ("category", request.categories),
            ("subject", request.subjects),
        ):
            if values:
                filters.append(Q("terms", **{field: list(values)}))
        return filters

    def _search(self, request: SearchRequest, page: int) -> Search:
        query = self.compile(request.query)
        search = Search(using=self.es, index=self.alias).query(Q("bool", must=[query], filter=self._filters(request)))
        post = self._post_filters(request)
        if post:
            search = search.post_filter(Q("bool", filter=post))
        for name in FACETS:
            search.aggs.bucket(name, "terms", field=FACET_FIELDS[name], size=200)
        if request.sort == Sort.DATE:
            search = search.sort({"date": {"order": "desc", "missing": "_last"}}, "_score", {"key": "asc"})
        else:
            search = search.sort("_score", {"date": {"order": "desc", "missing": "_last"}}, {"key": "asc"})
        start = (page - 1) * request.per_page
        search = search.extra(track_total_hits=MAX_WINDOW)[start : start + request.per_page]
        return search.source(["key"])

    def search(self, request: SearchRequest) -> SearchResults:
        results = SearchResults(page=1, per_page=request.per_page, backend=self.name)
        if request.query.is_empty:
            return results
        if self.is_marked_down():
            raise SearchUnavailable("Elasticsearch was unreachable a moment ago")
        try:
            page = request.clamp_page(MAX_WINDOW)
            response = self._search(request, page).execute()
            total = response.hits.total.value
            if page > 1 and page != request.clamp_page(total):
                page = request.clamp_page(total)
                response = self._search(request, page).execute()
        except NotFoundError as exc:
            raise SearchUnavailable("the search index has not been built (manage.py search_reindex)") from exc
        except UNREACHABLE as exc:
            self.mark_down(exc)
            raise SearchUnavailable(str(exc)) from exc
        except ApiError as exc:
            raise SearchUnavailable(str(exc)) from exc
        results.total = response.hits.total.value
        results.page = page
        results.facets = {
            name: [
                (int(b.key) if name == "site" else b.key, b.doc_count)
                for b in getattr(response.aggregations, name).buckets
            ]
            for name in FACETS
        }
        scores = {hit.meta.id: hit.meta.score for hit in response.hits}
        docs = SearchDocument.objects.select_related("site__site").in_bulk(list(scores), field_name="key")
        results.hits = []
        for key, score in scores.items():
            if key in docs:
                docs[key].score = float(score or 0)
                results.hits.append(docs[key])
        return results
