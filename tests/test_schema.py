"""The SQLite suite's databases are built from the models (tests/schema.py); this proves they are the migrated
schema: the same tables, columns, indexes, unique constraints, foreign keys and triggers, and the same rows Wagtail's
data migrations leave, as a database ``manage.py migrate`` builds (run here in a subprocess)."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from .schema import use_migrations

ROOT = Path(__file__).resolve().parents[1]


def describe(cursor) -> dict:
    def rows(sql):
        cursor.execute(sql)
        return cursor.fetchall()

    tables = [
        name
        for (name,) in rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        if name != "django_migrations"
    ]
    shape = {}
    for table in tables:
        columns = sorted((c[1], c[2], c[3], c[5]) for c in rows(f'PRAGMA table_info("{table}")'))
        indexes = sorted(
            (i[2], tuple(c[2] for c in rows(f'PRAGMA index_info("{i[1]}")')))
            for i in rows(f'PRAGMA index_list("{table}")')
        )
        keys = sorted((k[2], k[3], k[4], k[6]) for k in rows(f'PRAGMA foreign_key_list("{table}")'))
        shape[table] = (columns, indexes, keys)
    triggers = dict(rows("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
    named_indexes = {name for (name,) in rows("SELECT name FROM sqlite_master WHERE type = 'index'")}
    roots = (
        # The tree root's place and slug (its title is data: the site factory names it 网站群 — sites/services.py).
        rows("SELECT path, slug, url_path FROM wagtailcore_page WHERE depth = 1"),
        rows("SELECT path, name FROM wagtailcore_collection WHERE depth = 1"),
        rows("SELECT language_code FROM wagtailcore_locale"),
    )
    return {"tables": shape, "triggers": triggers, "indexes": named_indexes, "roots": roots}


@pytest.mark.slow
@pytest.mark.django_db
def test_the_suites_sqlite_database_is_the_migrated_schema(tmp_path):
    if use_migrations():
        pytest.skip("this run's test databases are migrated (PostgreSQL, or TEST_MIGRATIONS=1)")
    path = tmp_path / "migrated.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "PYTEST_XDIST_WORKER")}
    env |= {"DATABASE_URL": f"sqlite:///{path}", "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    subprocess.run(
        # --skip-checks: the system checks are `make lint`'s (manage.py check); here only the schema counts.
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0", "--skip-checks"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    with sqlite3.connect(path) as migrated:
        expected = describe(migrated.cursor())
    with connection.cursor() as cursor:
        built = describe(cursor)
    assert built["tables"].keys() == expected["tables"].keys()
    assert [t for t in expected["tables"] if built["tables"][t] != expected["tables"][t]] == []
    assert built["triggers"] == expected["triggers"] and built["indexes"] == expected["indexes"]
    assert built["roots"] == expected["roots"]
