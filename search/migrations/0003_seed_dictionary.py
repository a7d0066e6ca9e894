"""Formerly seeded the dictionary here. Seeding is now `manage.py seed_search_dictionary` (search/dictionary_seed.py):
reference data stays out of migrations, and a flushed or fresh database is seeded the same way as the calendar.
Kept, empty, so databases that applied it keep a consistent migration history."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]

    operations = []
