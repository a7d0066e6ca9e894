"""PostgreSQL: the functions that match through the GIN index (search/backends/fulltext.py, MATCH_FUNCTIONS)."""

from django.db import migrations


def create(apps, schema_editor):
    from search.backends.fulltext import create_functions

    create_functions(schema_editor)


def drop(apps, schema_editor):
    from search.backends.fulltext import drop_functions

    drop_functions(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_querylog_site")]

    operations = [migrations.RunPython(create, drop)]
