"""Browser tests: the machine's Chromium (Debian package `chromium`) driven by Playwright against a live server.
Playwright never downloads a browser here (CHROMIUM_PATH or `chromium` on PATH). Without Chromium the tests skip
on a laptop and fail under CI, which installs it (.ci/run).

The server answers on the test's own database connection, inside the test's transaction (`app_server`): the
browser sees the session's base group (tests/conftest.py) and whatever the test adds, and everything is rolled back
after the test like any other database test. Nothing is flushed or rebuilt per test, and requests never overlap:
the server takes one request at a time and the test's own queries wait for the one in flight (servers.py).
"""

import os
import shutil

import pytest

from tests.browser.servers import SharedConnectionServer

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
    # the loop is not ours to protect (the live server answers in its own threads either way).
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def _shared_connection_server():
    server = SharedConnectionServer()
    yield server
    server.stop()


@pytest.fixture
def app_server(_shared_connection_server, db, monkeypatch):
    """The live server, answering on this test's database connections (after ``db`` has opened its transaction).
    Not named ``live_server``: pytest-django would make such a test transactional (flush after each test)."""
    from django.db import connections

    shared = {conn.alias: conn for conn in connections.all()}
    for conn in shared.values():
        # The request threads' request_started/finished signals would close the connection (and with it the
        # test's transaction on PostgreSQL); the test's own connection is not theirs to close.
        monkeypatch.setattr(conn, "close_if_unusable_or_obsolete", lambda: None)
    with _shared_connection_server.serving(shared):
        yield _shared_connection_server


@pytest.fixture
def page(browser, app_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()
