"""Search and indexing entry points used by views, the API, tasks and commands."""

import functools
import itertools
import logging

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page

from core.tasks import enqueue_on_commit

from . import querylog, result_cache
from .backends import (
    IndexUnavailable,
    SearchRequest,
    SearchResults,
    SearchUnavailable,
    database_backend,
    elasticsearch_backend,
    elasticsearch_configured,
)
from .backends.elastic import ERRORS as ES_ERRORS
from .backends.elastic import UNREACHABLE as ES_UNREACHABLE
from .documents import (
    PAGE_MODELS,
    SiteMap,
    page_document,
    page_key,
    question_document,
    question_key,
    searchable_pages,
)
from .enums import Scope, Sort
from .highlight import mark, snippet
from .models import QueryLog, SearchDocument
from .query import ParsedQuery, parse, title_pinyin
from .suggest import FEW_HITS, did_you_mean
from .terms import term_text

logger = logging.getLogger(__name__)

FALLBACK_NOTICE = "全文检索服务暂时不可用，以下结果来自备用检索，排序和覆盖范围可能略有不同。"


# -- searching ---------------------------------------------------------------------------------------------


def run_search(request: SearchRequest, *, suggest: bool = True) -> SearchResults:
    """Search with the configured backend; if Elasticsearch cannot answer, the database answers and says so.
    A query with few or no results gets ``results.suggestion`` ("did you mean", search/suggest.py)."""
    results = _answer(request)
    if suggest and results.total <= FEW_HITS:
        results.suggestion = did_you_mean(request, results.total, lambda r: _answer(r).total)
    return results


def _answer(request: SearchRequest) -> SearchResults:
    es = elasticsearch_backend()
    if es is not None:
        try:
            return es.search(request)
        except SearchUnavailable as exc:
            logger.warning("search fell back to the database index: %s", exc)
            results = database_backend().search(request)
            results.degraded = True
            results.notice = FALLBACK_NOTICE
            return results
    return database_backend().search(request)


def log_query(query: ParsedQuery, hits: int, site_id: int | None = None, *, client: str):
    """Count one search (per normalised query, day and site searched from) for hot terms, suggestions and "did
    you mean": ``count`` every search, ``clients`` each client (``core.clients.client_key``) once per query and
    day. A burst client is not counted at all (search/querylog.py)."""
    if not client:
        raise ValueError("log_query needs the client key (core.clients.client_key(request))")
    # NFKC can lengthen a text (㍻ → 平成): cut to the column so PostgreSQL never refuses the row.
    text = term_text(query.text)[: QueryLog._meta.get_field("query").max_length].rstrip()
    if query.is_empty or not text:
        return
    today = timezone.localdate()
    if not querylog.admitted(client, today):
        return
    if querylog.can_count_in_one_statement(site_id):
        full, initials = _query_pinyin(text)
        querylog.count_search(client, text, today, site_id, hits, full[:200], initials[:64])
        return
    new_client = int(querylog.first_today(client, text, today))
    rows = QueryLog.objects.filter(query=text, day=today, site_id=site_id)
    changes = {"count": F("count") + 1, "clients": F("clients") + new_client, "hits": hits}
    if rows.update(**changes):
        return
    full, initials = title_pinyin(text)
    defaults = {"count": 1, "clients": new_client, "hits": hits, "pinyin": full[:200], "initials": initials[:64]}
    _row, created = QueryLog.objects.get_or_create(query=text, day=today, site_id=site_id, defaults=defaults)
    if not created:  # another request created the row meanwhile
        rows.update(**changes)


@functools.lru_cache(maxsize=1024)
def _query_pinyin(text: str) -> tuple[str, str]:
    return title_pinyin(text)  # pypinyin alone: the same text always has the same pinyin


def search(
    text,
    *,
    site=None,
    scope=Scope.SITE,
    sites=(),
    types=(),
    categories=(),
    subjects=(),
    date_from=None,
    date_to=None,
    sort=Sort.RELEVANCE,
    page=1,
    per_page=10,
    log=False,
    client=None,
    cached=False,
) -> SearchResults:
    """Parse ``text``, search from ``site`` (a SiteProfile) in ``scope``, and decorate the hits with an escaped,
    highlighted title and snippet. ``log``: count the search in the query log as ``client``'s (the caller's
    ``core.clients.client_key(request)``). ``cached``: reuse (and keep) results that found enough for a minute,
    until the index changes (search/result_cache.py)."""
    key = None
    if cached:
        filters = {"sites": list(sites), "types": list(types), "categories": list(categories)}
        filters.update(subjects=list(subjects), date_from=date_from, date_to=date_to, sort=sort)
        backend = "elasticsearch" if elasticsearch_configured() else "database"
        site_pk = site.pk if site is not None else None
        key = result_cache.result_key(text, backend, site=site_pk, scope=scope, page=page, per_page=per_page, **filters)
    results = result_cache.get(key) if key else None
    if results is None:
        results = _search(
            text, site, scope, sites, types, categories, subjects, date_from, date_to, sort, page, per_page
        )
        kept = key and not results.degraded and results.total > FEW_HITS and result_cache.put(key, results)
        key = key if kept else None
    results.cache_key = key  # set when these results are kept: pieces rendered from them alone may be too
    if log:
        log_query(results.query, results.total, site.pk if site is not None else None, client=client)
    return results


def _search(text, site, scope, sites, types, categories, subjects, date_from, date_to, sort, page, per_page):
    query = parse(text)
    chain = site.ancestors() if site is not None else []
    request = SearchRequest(
        query=query,
        site_id=site.pk if site is not None else None,
        scope=scope,
        root_site_id=(chain[-1].pk if chain else site.pk) if site is not None else None,
        sites=list(sites),
        types=list(types),
        categories=list(categories),
        subjects=list(subjects),
        date_from=date_from,
        date_to=date_to,
        sort=sort,
        page=page,
        per_page=per_page,
    )
    results = run_search(request)
    results.query = query
    for hit in results.hits:
        hit.title_html = mark(hit.title, query.highlight)
        hit.snippet = snippet(hit.body, query.highlight)
    return results


# -- indexing ----------------------------------------------------------------------------------------------


def _write(values: dict) -> SearchDocument:
    key = values.pop("key")
    doc, _ = SearchDocument.objects.update_or_create(key=key, defaults=values)
    database_backend().index([doc])
    return doc


def _to_elasticsearch(method: str, payload):
    """Send an index update to Elasticsearch (when configured). It runs in a background task after the database
    index is written: an unreachable node raises IndexUnavailable, which the task framework retries with backoff
    (core.tasks.retry_on) — publishing itself never waits for or fails on the cluster. Any other refusal is
    logged (`manage.py search_reindex` catches up)."""
    es = elasticsearch_backend()
    if es is None:
        return
    if es.is_marked_down():
        raise IndexUnavailable(f"Elasticsearch was unreachable a moment ago; {method} postponed")
    try:
        getattr(es, method)(payload)
        result_cache.bump_index_generation(cluster=True)  # cached results of the cluster's old documents go
    except ES_UNREACHABLE as exc:
        es.mark_down(exc)
        raise IndexUnavailable(f"Elasticsearch unreachable, {method} postponed: {exc}") from exc
    except (SearchUnavailable, *ES_ERRORS) as exc:
        logger.warning("Elasticsearch %s failed (run manage.py search_reindex later): %s", method, exc)


def save_document(values: dict | None, key: str):
    """Store ``values`` as the document ``key`` everywhere, or remove ``key`` when ``values`` is None."""
    if values is None:
        remove_keys([key])
        return None
    with transaction.atomic():
        doc = _write(values)
    _to_elasticsearch("index", [doc])
    return doc


def remove_keys(keys):
    # Deleting the rows is enough: the SearchDocument post_delete handler clears the full-text row and the
    # Elasticsearch document, whichever way a row goes (here, a stale row in a reindex, a deleted site).
    SearchDocument.objects.filter(key__in=list(keys)).delete()


def document_deleted(doc: SearchDocument):
    """A SearchDocument row went (in whatever transaction): its full-text row goes with it, and the Elasticsearch
    document is removed by a task once that transaction commits (a rollback keeps both)."""
    database_backend().delete([doc.pk])
    if elasticsearch_configured():
        from .tasks import unindex_elasticsearch_task

        enqueue_on_commit(unindex_elasticsearch_task, [doc.key])


def unindex_elasticsearch(keys: list[str]):
    _to_elasticsearch("delete", list(keys))


def index_page(page_id: int, site_map: SiteMap | None = None):
    page = Page.objects.filter(pk=page_id).specific(defer=False).first()
    values = page_document(page, site_map or SiteMap.shared()) if page is not None else None
    return save_document(values, page_key(page_id))


def index_subtree(page_id: int):
    """A moved page or a changed view restriction affects the page and everything below it."""
    root = Page.objects.filter(pk=page_id).first()
    if root is None:
        return
    site_map = SiteMap.load()
    pages = (
        Page.objects.descendant_of(root, inclusive=True)
        .filter(content_type__in=_content_types())
        .values_list("pk", flat=True)
    )
    for pk in pages:
        index_page(pk, site_map)


def _content_types():
    from django.contrib.contenttypes.models import ContentType

    return [ContentType.objects.get_by_natural_key(*label.split(".")) for label in PAGE_MODELS]


def index_question(question_id: int):
    from interaction.models import Question

    question = Question.objects.filter(pk=question_id).first()
    values = question_document(question, SiteMap.shared()) if question is not None else None
    return save_document(values, question_key(question_id))


def reindex_database(progress=None) -> int:
    """Re-extract and re-segment every searchable item into the database index; drop what is gone."""
    from interaction.enums import Status
    from interaction.models import Question

    site_map = SiteMap.load()
    pages = searchable_pages()
    questions = Question.objects.filter(status=Status.PUBLISHED).select_related("site")
    total = pages.count() + questions.count()
    seen = set()
    items = itertools.chain(
        ((page_document, p) for p in pages.iterator(chunk_size=200)),
        ((question_document, q) for q in questions.iterator(chunk_size=200)),
    )
    for done, (extract, obj) in enumerate(items, start=1):
        values = extract(obj, site_map)
        if values is not None:
            seen.add(values["key"])
            with transaction.atomic():
                _write(values)
        if progress:
            progress(done, total)
    stale = set(SearchDocument.objects.values_list("key", flat=True)) - seen
    remove_keys(stale)
    database_backend().store.prune()
    return len(seen)


def rebuild_elasticsearch(progress=None) -> str | None:
    """Fill a fresh Elasticsearch index from the database index and swap the alias (no downtime)."""
    es = elasticsearch_backend()
    if es is None:
        return None
    docs = SearchDocument.objects.order_by("pk")
    try:
        return es.rebuild(docs.iterator(chunk_size=500), docs.count(), progress=progress)
    finally:
        result_cache.bump_index_generation(cluster=True)
