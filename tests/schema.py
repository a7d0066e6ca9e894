"""The SQLite test database without running the migrations (issue 11 item 8: suite speed).

Migrating an empty SQLite database takes ~19 s per test worker, almost all of it Django re-rendering the migration
state of Wagtail's 100 ``wagtailcore`` migrations and ours; creating the tables from the models takes ~1 s. So the
default ``make test`` (SQLite) builds its test databases from the models, then adds here what only migrations create:

- the full-text tables the models do not describe: Wagtail's ``wagtailsearch_indexentry_fts`` (an FTS5 table with
  its triggers, which ``syncdb`` would create as a plain table) and our ``search_fts``;
- the rows Wagtail's data migrations leave once ``sites/0003`` has removed its single-site ones: the default locale,
  the page tree's root and the collection tree's root;
- the permissions of the groups our ``post_migrate`` handlers set up (``post_migrate`` is sent again once every
  app's permissions exist, as after ``migrate``).

The migrations themselves are still run wherever they matter: CI runs the whole suite on PostgreSQL with them
(``DATABASE_URL``), ``make lint`` checks that the models and migrations agree (``makemigrations --check``), and
``TEST_MIGRATIONS=1 make test`` runs the SQLite suite on migrated databases.
"""

import importlib
import os
import uuid

from django.conf import settings
from django.core.management.sql import emit_post_migrate_signal
from django.db import connection, migrations


def use_migrations() -> bool:
    return connection.vendor != "sqlite" or os.environ.get("TEST_MIGRATIONS") == "1"


def complete_unmigrated_schema() -> None:
    _wagtail_search_fts()
    from search.backends.fulltext import create_tables

    with connection.schema_editor() as editor:
        create_tables(editor)
    _wagtail_initial_rows()
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)


def _wagtail_search_fts() -> None:
    """Replace the plain table ``syncdb`` made for Wagtail's SQLiteFTSIndexEntry with the FTS5 table and triggers
    of the migration that creates it (run from that migration's own SQL)."""
    migration = importlib.import_module("wagtail.search.migrations.0006_customise_indexentry").Migration
    statements = [
        operation.sql
        for wrapper in migration.operations
        if isinstance(wrapper, migrations.SeparateDatabaseAndState)
        for operation in wrapper.database_operations
        if isinstance(operation, migrations.RunSQL)
    ]
    if not statements:  # SQLite without FTS5: Wagtail falls back to its plain search, as after migrate
        return
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS wagtailsearch_indexentry_fts")
        for statement in statements:
            cursor.execute(statement)


def _wagtail_initial_rows() -> None:
    """What wagtailcore's data migrations leave after sites/0003: the default locale and the two tree roots, written
    as those migrations write them (historical models: no translated columns, no Page.save logic)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    locale = Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    page_type = ContentType.objects.get_for_model(Page)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailcore_page (path, depth, numchild, title, draft_title, slug, live,"
            " has_unpublished_changes, url_path, seo_title, show_in_menus, search_description, expired,"
            " content_type_id, locked, locale_id, translation_key)"
            " VALUES ('0001', 1, 0, 'Root', 'Root', 'root', 1, 0, '/', '', 0, '', 0, %s, 0, %s, %s)",
            [page_type.pk, locale.pk, uuid.uuid4().hex],
        )
    Collection.objects.create(name="Root", path="0001", depth=1, numchild=0)
