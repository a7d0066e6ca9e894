"""The database's full-text table next to SearchDocument, one implementation per database.

* SQLite: an FTS5 table ``search_fts(title, body, pinyin)`` whose rowid is the document id. Its default
  ``unicode61`` tokenizer splits on spaces, which is all the pre-segmented text needs; ranking is ``bm25``.
* PostgreSQL: ``search_fulltext(doc_id, vector)`` with a GIN index (no foreign key, see create_tables); the
  vector is ``to_tsvector('simple', …)`` of the token strings, weighted title A, pinyin B, body C; queries are
  ``plainto_tsquery('simple', token)`` combined with & and | through Django's SearchQuery, ranked with
  ``ts_rank``.
* Anything else: ``LIKE '%token%'`` over the token strings (slow, unranked, substring rather than token).

Both tables are created by migration 0002 for the database in use (see ``create_tables``).
"""

from django.db import connection, models
from django.db.models import Q
from django.db.models.expressions import RawSQL

from ..query import ParsedQuery, safe_tokens


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

    def match(self, queryset, query: ParsedQuery, rank=False):
        expression = self.expression(query)
        if not rank:
            # Counts and facets: the MATCH runs once as a subquery. Joined instead, SQLite walks the site_id,
            # doc_type or date index first and re-runs the MATCH for every row of it (one FTS5 lookup each):
            # 0.1 s per count for a portal's own site at 20,000 documents against 0.02 s for the whole group
            # (bench/search_bench.py).
            return queryset.extra(
                where=["search_searchdocument.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s)"],
                params=[expression],
            )
        # bm25() needs the join; it is lower for better matches, negated so every store ranks "higher is better".
        queryset = queryset.extra(
            tables=["search_fts"],
            where=["search_fts.rowid = search_searchdocument.id", "search_fts MATCH %s"],
            params=[expression],
        )
        return queryset.annotate(rank=RawSQL("-bm25(search_fts, 10.0, 1.0, 4.0)", ()))


class PostgresStore:
    name = "postgresql-tsvector"
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
    def tsquery(query: ParsedQuery):
        from django.contrib.postgres.search import SearchQuery

        combined = None
        for group in query.groups:
            either = None
            for alt in group.alternatives:
                both = None
                for token in safe_tokens(alt):
                    term = SearchQuery(token, config="simple", search_type="plain")
                    both = term if both is None else both & term
                if both is not None:
                    either = both if either is None else either | both
            if either is not None:
                combined = either if combined is None else combined & either
        return combined

    def match(self, queryset, query: ParsedQuery, rank=False):
        from django.contrib.postgres.search import SearchRank

        tsquery = self.tsquery(query)
        queryset = queryset.filter(fulltext__vector=tsquery)
        if rank:
            queryset = queryset.annotate(rank=SearchRank(models.F("fulltext__vector"), tsquery))
        return queryset


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

    def match(self, queryset, query: ParsedQuery, rank=False):
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
        if rank:
            queryset = queryset.annotate(rank=models.Value(0.0, output_field=models.FloatField()))
        return queryset


def store():
    vendor = connection.vendor
    if vendor == "sqlite":
        return Fts5Store()
    if vendor == "postgresql":
        return PostgresStore()
    return LikeStore()
