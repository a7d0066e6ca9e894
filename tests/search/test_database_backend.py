"""The database index's own query plan (search/backends/database.py): what the shared class in test_search.py
cannot see — how often a search evaluates the full-text match, and the date order's rank among documents of the
same date when they straddle a page boundary."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.backends import SearchRequest, database_backend
from search.documents import tokens_of
from search.enums import DocType, Scope, Sort
from search.models import SearchDocument
from search.query import parse

pytestmark = pytest.mark.django_db

NEWEST = datetime.date(2026, 3, 2)
OLDER = datetime.date(2026, 3, 1)


def document(profile, number, title, body, date, doc_type=DocType.NEWS):
    doc = SearchDocument.objects.create(
        key=f"test:{number}",
        doc_type=doc_type,
        model="home.articlepage",
        site=profile,
        site_lineage=f"/{profile.pk}/",
        path=f"/test/{number}/",
        title=title,
        body=body,
        date=date,
        **tokens_of(title, body),
    )
    database_backend().index([doc])
    return doc


@pytest.fixture
def dated(group):
    """Nine documents mentioning 光伏发电 on two dates and undated. Created body-only first, so that their primary
    keys would put them before the title matches if the rank did not order documents of the same date."""
    zz = group.zhuzhou
    docs = [document(zz, n, f"工作动态{n}", "推进光伏发电项目建设。", NEWEST) for n in range(3)]
    docs += [document(zz, n, f"光伏发电项目开工{n}", "光伏发电项目开工。", NEWEST) for n in range(3, 5)]
    docs += [document(zz, 5, "会议纪要", "研究光伏发电。", OLDER)]
    docs += [document(zz, 6, "光伏发电并网", "光伏发电并网。", OLDER, doc_type=DocType.NOTICE)]
    docs += [document(zz, 7, "办事指南", "光伏发电备案。", None, doc_type=DocType.PAGE)]
    docs += [document(zz, 8, "光伏发电备案指南", "光伏发电备案。", None, doc_type=DocType.PAGE)]
    return docs


def request(group, text="光伏发电", **kwargs):
    zz = group.zhuzhou
    return SearchRequest(query=parse(text), site_id=zz.pk, root_site_id=zz.pk, scope=Scope.SITE, **kwargs)


def matching(queries) -> list[str]:
    """The statements that evaluate the full-text match (SQLite: FTS5 MATCH; PostgreSQL: the match function)."""
    return [q["sql"] for q in queries if "search_fts MATCH" in q["sql"] or "search_fulltext_matches" in q["sql"]]


def run(group, text="光伏发电", **kwargs):
    return database_backend().search(request(group, text, **kwargs))


def test_date_order_ranks_documents_of_one_date_across_pages(dated, group):
    whole = run(group, sort=Sort.DATE, per_page=50)
    keys = [hit.key for hit in whole.hits]
    assert [hit.date for hit in whole.hits] == [NEWEST] * 5 + [OLDER] * 2 + [None] * 2
    # Within a date, better matches first: the two title matches of the newest date lead.
    assert set(keys[:2]) == {"test:3", "test:4"} and keys[5] == "test:6" and keys[7] == "test:8"
    assert all(a.score >= b.score for a, b in itertools.pairwise(whole.hits) if a.date == b.date)
    for per_page in (2, 3, 4, 5):
        last = -(-len(keys) // per_page)
        pages = [run(group, sort=Sort.DATE, per_page=per_page, page=page) for page in range(1, last + 1)]
        assert [hit.key for page in pages for hit in page.hits] == keys, per_page


def test_facets_and_total_from_one_evaluation_of_the_match(dated, group):
    with CaptureQueriesContext(connection) as queries:
        results = run(group, types=[DocType.NEWS], per_page=2)
    assert results.total == 6 and len(results.hits) == 2
    # The facets ignore the type filter; the total applies it.
    assert dict(results.facets["doc_type"]) == {DocType.NEWS: 6, DocType.NOTICE: 1, DocType.PAGE: 2}
    assert dict(results.facets["site"]) == {group.zhuzhou.pk: 9}
    assert len(matching(queries)) == 2, matching(queries)  # the GROUP BY and the ranked page (there were six)


def test_no_match_stops_after_the_counts(dated, group):
    nothing = request(group, text="航天发射")
    with CaptureQueriesContext(connection) as queries:
        results = database_backend().search(nothing)
    assert results.total == 0 and results.hits == [] and results.facets["doc_type"] == []
    assert len(matching(queries)) == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's two match functions")
def test_postgresql_common_word_plan_gives_the_same_answers(dated, group, monkeypatch):
    from search.backends.fulltext import PostgresStore

    def answers():
        with CaptureQueriesContext(connection) as queries:
            by_date = run(group, sort=Sort.DATE, per_page=3, page=2)
            by_rank = run(group, sites=[group.zhuzhou.pk], per_page=50)
        hits = [(h.key, h.score) for r in (by_date, by_rank) for h in r.hits]
        return (hits, by_rank.total, by_rank.facets), " ".join(q["sql"] for q in queries)

    rare, sql = answers()
    assert "search_fulltext_matches(" in sql and "search_fulltext_matches_many" not in sql
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_fulltext")  # the estimate needs statistics
    monkeypatch.setattr(PostgresStore, "COMMON", 0.0)  # every word common
    common, sql = answers()
    assert "search_fulltext_matches_many(" in sql
    assert common == rare
