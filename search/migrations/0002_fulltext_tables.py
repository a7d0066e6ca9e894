"""The database's full-text table (FTS5 on SQLite, a GIN-indexed tsvector table on PostgreSQL)."""

from django.db import migrations


def create(apps, schema_editor):
    from search.backends.fulltext import create_tables

    create_tables(schema_editor)


def drop(apps, schema_editor):
    from search.backends.fulltext import drop_tables

    drop_tables(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
