"""Browser tests: the machine's Chromium (Debian package `chromium`) driven by Playwright against pytest-django's
live server. Playwright never downloads a browser here (CHROMIUM_PATH or `chromium` on PATH). Without Chromium the
tests skip on a laptop and fail under CI, which installs it (.ci/run).

The live server needs committed data (transactional tests), and pytest-django flushes the database after each of
those, so each test provisions what it uses through `live_group` instead of relying on the session's base group.
"""

import os
import shutil

import pytest

from sites.models import SiteProfile

# Flags from the machine notes: as root Chromium needs --no-sandbox; the closed network refuses its background
# connections, which only slow it down.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.path.exists(configured) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        reason = "Chromium not installed: apt-get install chromium (or set CHROMIUM_PATH)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: {reason}")
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev extra missing
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    # Playwright's sync API runs an event loop in this thread; Django then refuses ORM calls from it unless told
    # the loop is not ours to protect (the live server answers in its own thread either way).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", autouse=True)
def _serialized_contents_on_this_connection(browser, django_db_setup):
    """Hand the migration-time snapshot to the connection the tests now use. With Playwright's loop running, Django
    looks connections up in a new context and gets new connection objects, which lack the snapshot pytest-django
    took at database creation, so serialized_rollback would silently restore nothing (seen when a database test
    ran before the first browser test). Module scope: set up before the per-test database fixtures."""
    from django.db import connections

    from tests.conftest import SERIALIZED_CONTENTS

    for alias, contents in SERIALIZED_CONTENTS.items():
        connections[alias]._test_serialized_contents = contents


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def live_group(transactional_db, django_db_serialized_rollback):
    """The base website group (and the search dictionary) in committed rows the live server can read."""
    from search.dictionary_seed import seed_dictionary
    from tests.conftest import build_base_group

    seed_dictionary()
    if not SiteProfile.objects.exists():
        build_base_group()
    return {p.slug: p for p in SiteProfile.objects.with_site()}
