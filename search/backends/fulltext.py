"""The database's full-text table next to SearchDocument, one implementation per database.

* SQLite: an FTS5 table ``search_fts(title, body, pinyin)`` whose rowid is the document id. Its default
  ``unicode61`` tokenizer splits on spaces, which is all the pre-segmented text needs; ranking is ``bm25``.
* PostgreSQL: ``search_fulltext(doc_id, vector)`` with a GIN index (no foreign key, see create_tables); the
  vector is ``to_tsvector('simple', …)`` of the token strings, weighted title A, pinyin B, body C; queries are
  ``plainto_tsquery('simple', token)`` combined with && and ||, matched through the GIN index by the functions
  ``search_fulltext_matches`` / ``…_many`` (see create_functions) and ranked with ``ts_rank``.
* Anything else: ``LIKE '%token%'`` over the token strings (slow, unranked, substring rather than token).

Both tables are created by migration 0002 for the database in use (see ``create_tables``), the PostgreSQL
functions by migration 0006.

A store adds the match to SQL the backend writes around the candidate rows (``FROM (…) d``, see
backends/database.py) through a ``Source``: joins, a WHERE condition and the rank expression.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from ..query import ParsedQuery, safe_tokens


@dataclass
class Source:
    """What a store adds to ``SELECT … FROM (candidate rows) d``: joins, a condition and, when ranking, the rank
    expression (higher is better). Each part carries its own parameters."""

    joins: str = ""
    join_params: list = field(default_factory=list)
    where: str = ""
    where_params: list = field(default_factory=list)
    rank: str = "0.0"
    rank_params: list = field(default_factory=list)


def create_tables(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(title, body, pinyin)")
    elif vendor == "postgresql":
        # No foreign key: Django's flush (TransactionTestCase, `manage.py flush`) truncates the managed tables
        # only and PostgreSQL refuses to truncate a referenced table. Rows go with their document through the
        # SearchDocument post_delete handler; `prune()` removes any left behind.
        schema_editor.execute(
            "CREATE TABLE IF NOT EXISTS search_fulltext (doc_id bigint PRIMARY KEY, vector tsvector NOT NULL)"
        )
        schema_editor.execute("CREATE INDEX IF NOT EXISTS search_fulltext_vector ON search_fulltext USING gin(vector)")


# The planner cannot see what testing a row of search_fulltext costs: each vector (~8 KB for 750 characters of
# text) is stored out of line and fetched for every row a sequential scan tests (5–10 µs), while the GIN index
# answers the same query exactly from its posting lists without reading a vector (~0.5 µs a match). Costing only
# the main table's few pages, the planner chose the scan for common words and, depending on its statistics, for
# rare ones too (bench/search_bench.py at 30,000 documents: 12345, 3,308 hits, 1.1 s; 航天发射, no hit, 0.9 s).
# The functions hold the match and switch the scan off for their own query only (a SET clause applies while the
# function runs, and keeps it from being inlined), so the rest of the caller's plan is the planner's as usual.
# Their ROWS is all it knows of their size: 1000 lets it join a rare word's few matches row by row through
# primary keys; for a common word (PostgresStore.function) 100,000 makes it hash them against the candidates
# instead, which at 100,000 documents halves a search of one site for 电子政务 (90,000 matches).
MATCH_FUNCTIONS = {
    "search_fulltext_matches": 1000,
    "search_fulltext_matches_many": 100000,
}
MATCH_FUNCTION = """
CREATE OR REPLACE FUNCTION {name}(query tsquery) RETURNS SETOF bigint
    LANGUAGE sql STABLE ROWS {rows} SET enable_seqscan = off
    AS $$ SELECT doc_id FROM search_fulltext WHERE vector @@ query $$
"""


def create_functions(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, rows in MATCH_FUNCTIONS.items():
            schema_editor.execute(MATCH_FUNCTION.format(name=name, rows=rows))


def drop_functions(schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in MATCH_FUNCTIONS:
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}(tsquery)")


def drop_tables(schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_fulltext")


class Fts5Store:
    name = "sqlite-fts5"

    def upsert(self, doc):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid = %s", [doc.pk])
            cursor.execute(
                "INSERT INTO search_fts (rowid, title, body, pinyin) VALUES (%s, %s, %s, %s)",
                [doc.pk, doc.title_tokens, doc.body_tokens, doc.pinyin_tokens],
            )

    def delete(self, ids):
        ids = list(ids)
        if ids:
            with connection.cursor() as cursor:
                cursor.executemany("DELETE FROM search_fts WHERE rowid = %s", [[i] for i in ids])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts")

    def prune(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_searchdocument)")

    @staticmethod
    def expression(query: ParsedQuery) -> str:
        # Every token is only letters/digits/CJK (safe_tokens) and is quoted, so the FTS5 grammar around them
        # is ours alone.
        groups = []
        for group in query.groups:
            alts = []
            for alt in group.alternatives:
                tokens = safe_tokens(alt)
                if tokens:
                    alts.append("(" + " AND ".join(f'"{t}"' for t in tokens) + ")")
            if alts:
                groups.append("(" + " OR ".join(alts) + ")")
        return " AND ".join(groups)

    def restrict(self, queryset, query: ParsedQuery):
        return queryset

    def source(self, query: ParsedQuery, rank=False) -> Source:
        expression = self.expression(query)
        if not rank:
            # Unranked (facets, counts, the date order): the MATCH runs once as a subquery. Joined instead, SQLite
            # walks the site_id, doc_type or date index first and re-runs the MATCH for every row of it (one FTS5
            # lookup each): 0.1 s per count for a portal's own site at 20,000 documents against 0.02 s for the
            # whole group (bench/search_bench.py).
            return Source(
                where="d.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)", where_params=[expression]
            )
        # bm25() needs the join; it is lower for better matches, negated so every store ranks "higher is better".
        return Source(
            joins="JOIN search_fts ON search_fts.rowid = d.id",
            where="search_fts MATCH %s",
            where_params=[expression],
            rank="-bm25(search_fts, 10.0, 1.0, 4.0)",
        )


PLAN_SECONDS = 300  # how long PostgresStore.function's choice of plan for a query is kept


class PostgresStore:
    name = "postgresql-tsvector"
    COMMON = 0.1  # share of the documents a query must be estimated to match to count as common (see function())
    VECTOR_SQL = (
        "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B')"
        " || setweight(to_tsvector('simple', %s), 'C')"
    )

    def upsert(self, doc):
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO search_fulltext (doc_id, vector) VALUES (%s, {self.VECTOR_SQL})"
                " ON CONFLICT (doc_id) DO UPDATE SET vector = EXCLUDED.vector",
                [doc.pk, doc.title_tokens, doc.pinyin_tokens, doc.body_tokens],
            )

    def delete(self, ids):
        ids = list(ids)
        if ids:
            with connection.cursor() as cursor:
                cursor.execute("DELETE FROM search_fulltext WHERE doc_id = ANY(%s)", [ids])

    def clear(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fulltext")

    def prune(self):
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM search_fulltext f WHERE NOT EXISTS"
                " (SELECT 1 FROM search_searchdocument d WHERE d.id = f.doc_id)"
            )

    @staticmethod
    def tsquery(query: ParsedQuery) -> tuple[str, list]:
        """The query as one tsquery expression and its parameters; the same nesting as Django's SearchQuery
        combinations (left to right), so ts_rank sees the same query tree."""
        combined, params = None, []
        for group in query.groups:
            either = None
            for alt in group.alternatives:
                both = None
                for token in safe_tokens(alt):
                    params.append(token)
                    term = "plainto_tsquery('simple'::regconfig, %s)"
                    both = term if both is None else f"({both} && {term})"
                if both is not None:
                    either = both if either is None else f"({either} || {both})"
            if either is not None:
                combined = either if combined is None else f"({combined} && {either})"
        return combined or "''::tsquery", params

    def restrict(self, queryset, query: ParsedQuery):
        return queryset

    def function(self, tsquery: str, params: list) -> str:
        """The match function to join (MATCH_FUNCTIONS): ``…_many`` when the planner's own estimate of the
        match, from its statistics of the vector column, exceeds COMMON of the documents. Asked once per query
        every few minutes and kept in the shared cache (both functions return the same rows; only the plan
        differs), so a repeated query costs one cache read instead of two planning statements (issue 11)."""
        digest = hashlib.sha256(repr((tsquery, params, self.COMMON)).encode()).hexdigest()[:40]
        key = f"search:match-plan:{digest}"
        name = cache.get(key)
        if name not in MATCH_FUNCTIONS:
            name = self._estimate(tsquery, params)
            cache.set(key, name, PLAN_SECONDS)
        return name

    def _estimate(self, tsquery: str, params: list) -> str:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM search_fulltext WHERE vector @@ {tsquery}", params)
            plan = cursor.fetchone()[0]
            if isinstance(plan, str):  # a driver that does not decode json
                plan = json.loads(plan)
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = 'search_fulltext'::regclass")
            documents = cursor.fetchone()[0]  # -1 or 0 before the first ANALYZE: few, as before statistics
        many = documents > 0 and plan[0]["Plan"]["Plan Rows"] > self.COMMON * documents
        return "search_fulltext_matches_many" if many else "search_fulltext_matches"

    def source(self, query: ParsedQuery, rank=False) -> Source:
        tsquery, params = self.tsquery(query)
        # The matching ids come from the GIN index (create_functions); only ranking reads vectors, one by one for
        # the rows that pass every other condition (joined, the planner hashed the whole table first).
        joins = f"JOIN {self.function(tsquery, params)}({tsquery}) m(id) ON m.id = d.id"
        if not rank:
            return Source(joins=joins, join_params=params)
        return Source(
            joins=joins,
            join_params=params,
            rank=f"(SELECT ts_rank(f.vector, {tsquery}) FROM search_fulltext f WHERE f.doc_id = d.id)",
            rank_params=list(params),
        )


class LikeStore:
    """Portable fallback: no extra table, matches on the token strings stored in SearchDocument."""

    name = "like"

    def upsert(self, doc):
        pass

    def delete(self, ids):
        pass

    def clear(self):
        pass

    def prune(self):
        pass

    def restrict(self, queryset, query: ParsedQuery):
        for group in query.groups:
            either = Q()
            for alt in group.alternatives:
                both = Q()
                for token in safe_tokens(alt):
                    both &= (
                        Q(title_tokens__contains=token)
                        | Q(body_tokens__contains=token)
                        | Q(pinyin_tokens__contains=token)
                    )
                either |= both
            queryset = queryset.filter(either)
        return queryset

    def source(self, query: ParsedQuery, rank=False) -> Source:
        return Source()  # matched by restrict(), unranked


def store():
    vendor = connection.vendor
    if vendor == "sqlite":
        return Fts5Store()
    if vendor == "postgresql":
        return PostgresStore()
    return LikeStore()
