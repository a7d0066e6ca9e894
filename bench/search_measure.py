"""The Django side of bench/search_bench.py: load synthetic documents into the search index and time indexing and
queries through the search app's own functions. Imported after django.setup()."""

import datetime
import os
import random
import statistics
import time
from contextlib import contextmanager

from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from search_corpus import Generator

from search.backends import database_backend
from search.backends.elastic import ElasticsearchBackend
from search.documents import tokens_of
from search.enums import DocType, Scope, Sort
from search.models import SearchDocument
from search.services import index_page, rebuild_elasticsearch, reindex_database, search
from sites.enums import SiteKind
from sites.models import SiteProfile

BATCH = 1000
KIND_WEIGHTS = {SiteKind.CITY: 12, SiteKind.DISTRICT: 4, SiteKind.DEPARTMENT: 2}  # others 1
MODELS = {
    DocType.DISCLOSURE: "openinfo.disclosuredocumentpage",
    DocType.QA: "interaction.question",
    DocType.PAGE: "home.standardpage",
}


def percentile(values, q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def load() -> float:
    return os.getloadavg()[0]


@contextmanager
def elasticsearch(url: str | None):
    """Search and index with Elasticsearch at ``url`` (None: the database index alone)."""
    with override_settings(SEARCH_ELASTICSEARCH_URL=url or ""):
        yield


# -- indexing at the demo size -------------------------------------------------------------------------------


def demo_indexing(es_url: str | None, sample: int) -> dict:
    """search_reindex's two halves on the demo group, and index_page() — what runs on every publish — on a
    sample of demo pages, with and without Elasticsearch."""
    out = {"load_before": load()}
    started = time.perf_counter()
    count = reindex_database()
    out["reindex_database"] = {"docs": count, "seconds": time.perf_counter() - started}
    if es_url:
        with elasticsearch(es_url):
            started = time.perf_counter()
            rebuild_elasticsearch()
            out["rebuild_elasticsearch"] = {"docs": count, "seconds": time.perf_counter() - started}
    pages = [
        int(k.split(":")[1])
        for k in SearchDocument.objects.filter(key__startswith="page:").values_list("key", flat=True)
    ]
    pages = random.Random(1).sample(sorted(pages), min(sample, len(pages)))
    for label, url in (("index_page_database", None), ("index_page_elasticsearch", es_url)):
        if label.endswith("elasticsearch") and not url:
            continue
        with elasticsearch(url):
            started = time.perf_counter()
            for pk in pages:
                index_page(pk)
            out[label] = {"docs": len(pages), "seconds": time.perf_counter() - started}
    out["load_after"] = load()
    return out


def publish_pages(portal, generator: Generator, count: int) -> dict:
    """What a real page costs: create an article as a draft and publish it (revision, Wagtail's own search
    index, our index_page through the post_save task), database index only. Why synthetic documents are rows."""
    from home.models import ArticlePage, ColumnPage

    column = ColumnPage.objects.child_of(portal.site.root_page).order_by("path").first()
    started = time.perf_counter()
    with override_settings(SEARCH_AUTO_INDEX=True), elasticsearch(None):
        for i in range(count):
            synthetic = generator.make(10_000_000 + i)
            page = column.add_child(
                instance=ArticlePage(
                    title=synthetic.title,
                    slug=f"bench-publish-{i}",
                    live=False,
                    body=[("paragraph", f"<p>{synthetic.body}</p>")],
                )
            )
            page.save_revision().publish()
    seconds = time.perf_counter() - started
    indexed = SearchDocument.objects.filter(title__in=[generator.make(10_000_000 + i).title for i in range(count)])
    return {"docs": count, "seconds": seconds, "indexed": indexed.count()}


# -- synthetic documents -------------------------------------------------------------------------------------


class Loader:
    """Adds synthetic documents to the database index: segmented by search.documents.tokens_of (the function
    every real document goes through), rows bulk-inserted, full-text rows written by DatabaseBackend.index."""

    def __init__(self, generator: Generator):
        self.generator = generator
        profiles = list(SiteProfile.objects.select_related("site__root_page").order_by("pk"))
        by_pk = {p.pk: p for p in profiles}
        self.sites = [(p, self._lineage(p, by_pk)) for p in profiles]
        self.weights = [KIND_WEIGHTS.get(p.kind, 1) for p in profiles]
        self.prefixes = sorted({p.short_name for p in profiles if p.short_name})
        disclosure = SearchDocument.objects.filter(doc_type=DocType.DISCLOSURE).exclude(category="")
        self.facets = list(disclosure.values_list("category", "subject").distinct()) or [("", "")]
        self.next_number = SearchDocument.objects.filter(key__startswith="bench:").count()
        self.today = timezone.localdate()
        self.seconds = {"segment": 0.0, "rows": 0.0, "fulltext": 0.0}
        self.loaded = 0

    @staticmethod
    def _lineage(profile, by_pk) -> str:
        chain, node = [], profile
        while node is not None and len(chain) < 20:
            chain.append(node.pk)
            node = by_pk.get(node.parent_id)
        return "/" + "/".join(str(pk) for pk in reversed(chain)) + "/"

    def _document(self, number: int) -> SearchDocument:
        synthetic = self.generator.make(number, self.prefixes)
        rng = random.Random(number)
        profile, lineage = rng.choices(self.sites, self.weights)[0]
        category, subject = rng.choice(self.facets) if synthetic.doc_type == DocType.DISCLOSURE else ("", "")
        started = time.perf_counter()
        tokens = tokens_of(synthetic.title, synthetic.body)
        self.seconds["segment"] += time.perf_counter() - started
        return SearchDocument(
            key=f"bench:{number}",
            doc_type=synthetic.doc_type,
            model=MODELS.get(synthetic.doc_type, "home.articlepage"),
            site=profile,
            site_lineage=lineage,
            path=f"/bench/{number}/",
            title=synthetic.title[:255],
            body=synthetic.body,
            date=self.today - datetime.timedelta(days=rng.randrange(365 * 12)),
            category=category,
            subject=subject,
            **tokens,
        )

    def grow_to(self, total: int, progress=None):
        target = total - SearchDocument.objects.count()
        database = database_backend()
        while target > 0:
            size = min(BATCH, target)
            docs = [self._document(self.next_number + i) for i in range(size)]
            with transaction.atomic():
                started = time.perf_counter()
                docs = SearchDocument.objects.bulk_create(docs)
                middle = time.perf_counter()
                if docs and docs[0].pk is None:  # a database without RETURNING: read the ids back
                    ids = dict(SearchDocument.objects.filter(key__in=[d.key for d in docs]).values_list("key", "pk"))
                    for doc in docs:
                        doc.pk = ids[doc.key]
                database.index(docs)
                ended = time.perf_counter()
            self.seconds["rows"] += middle - started
            self.seconds["fulltext"] += ended - middle
            self.next_number += size
            self.loaded += size
            target -= size
            if progress:
                progress(size)
        if connection.vendor == "postgresql":
            # What autovacuum does after a bulk load, done now so the planner does not work from empty statistics.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def drop_es(es_url: str):
    with elasticsearch(es_url):
        ElasticsearchBackend().drop()


def rebuild_es(es_url: str) -> dict:
    """`search_reindex --elasticsearch-only`: the whole database index into a new index, bulk, alias swap."""
    with elasticsearch(es_url):
        count = SearchDocument.objects.count()
        started = time.perf_counter()
        name = rebuild_elasticsearch()
        seconds = time.perf_counter() - started
        backend = ElasticsearchBackend()
        stats = backend.es.indices.stats(index=name, metric="store,docs")["indices"][name]["primaries"]
    return {
        "docs": count,
        "seconds": seconds,
        "store_bytes": stats["store"]["size_in_bytes"],
        "es_docs": stats["docs"]["count"],
    }


# -- queries ---------------------------------------------------------------------------------------------------


def variants(portal) -> dict:
    """The same query with no filter on the whole group, on the portal's own site, and with filters."""
    today = timezone.localdate()
    return {
        "group": {"site": portal, "scope": Scope.GROUP},
        "site": {"site": portal, "scope": Scope.SITE},
        "filtered": {
            "site": portal,
            "scope": Scope.GROUP,
            "types": [DocType.NEWS],
            "date_from": today - datetime.timedelta(days=730),
            "sort": Sort.DATE,
        },
    }


def baseline(repeat: int) -> list[float]:
    """A trivial query through the same ORM and database: one SearchDocument by primary key."""
    pks = list(SearchDocument.objects.order_by("?").values_list("pk", flat=True)[: max(repeat, 1)])
    times = []
    for pk in pks:
        started = time.perf_counter()
        SearchDocument.objects.filter(pk=pk).first()
        times.append(time.perf_counter() - started)
    return times


def time_queries(queries, portal, es_url: str | None, repeat: int, warmup: int = 2) -> dict:
    """p50/p95 of services.search (parse, backend, facets, highlighting, and "did you mean" when there are few
    hits) per query and variant, plus the hit count as a check that both backends answer alike. ``warmup``
    untimed passes over every cell first (a freshly rebuilt Elasticsearch index and the JVM need them)."""
    out = {}
    cells = [(variant, kwargs, text) for variant, kwargs in variants(portal).items() for text in queries]
    with elasticsearch(es_url):
        for _ in range(warmup):
            for _variant, kwargs, text in cells:
                results = search(text, **kwargs)
                if results.degraded:
                    raise SystemExit(f"Elasticsearch did not answer {text!r}: {results.notice}")
        for variant, kwargs, text in cells:
            results = search(text, **kwargs)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                search(text, **kwargs)
                times.append(time.perf_counter() - started)
            out[f"{variant}|{text}"] = {
                "p50": percentile(times, 0.5),
                "p95": percentile(times, 0.95),
                "mean": statistics.fmean(times),
                "hits": results.total,
                "backend": results.backend,
                "suggestion": results.suggestion,
            }
    return out
