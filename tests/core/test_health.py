"""/healthz (liveness) and /readyz (readiness) for the load balancer (core/health.py)."""

import os
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from core import health

pytestmark = pytest.mark.django_db

SECRET_DETAILS = ("db1.internal", "hunter2", "127.0.0.1:9", "Traceback")


@pytest.fixture
def client():
    return Client()


def test_healthz_answers_without_any_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert response["Content-Type"] == "application/json"


def test_readyz_reports_every_check(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert list(body["checks"]) == ["database", "cache", "elasticsearch", "tasks"]
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"
    # The suite's settings use the database index (no ELASTICSEARCH_URL for the app itself).
    assert body["checks"]["elasticsearch"]["status"] == "skipped"
    assert all(isinstance(check["duration_ms"], float) for check in body["checks"].values())
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probe_by_address_is_not_refused_for_its_host(client, settings, path):
    """A load balancer probes each app server by address; ALLOWED_HOSTS would answer 400."""
    settings.ALLOWED_HOSTS = ["www.zhuzhou.gov.cn"]
    assert client.get("/", HTTP_HOST="10.0.1.11:8000").status_code == 400
    assert client.get(path, HTTP_HOST="10.0.1.11:8000").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probe_over_plain_http_is_not_redirected(client, settings, path):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/", HTTP_HOST="zhuzhou.localhost").status_code == 301
    assert client.get(path, HTTP_HOST="zhuzhou.localhost").status_code == 200


def test_probe_is_not_refused_by_the_input_guard(client):
    assert client.get("/search/?q=%01").status_code == 400
    assert client.get("/readyz?probe=%01").status_code == 200


def test_readyz_is_never_served_from_the_page_cache(client, settings, monkeypatch):
    settings.PAGE_CACHE_SECONDS = 300
    assert client.get("/readyz").status_code == 200
    monkeypatch.setitem(health.CHECKS, "database", _raise(OperationalError("down")))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert "X-Page-Cache" not in response


def _raise(exc):
    def check():
        raise exc

    return check


def test_database_down_is_503_without_internal_details(client, monkeypatch, caplog):
    error = OperationalError('connection to server at "db1.internal" failed: password "hunter2" refused')
    monkeypatch.setitem(health.CHECKS, "database", _raise(error))
    response = client.get("/readyz")
    assert response.status_code == 503
    # Logged once, as a warning with the reason, for the operator; not again as a 503 error by Django.
    [warning] = [r for r in caplog.records if r.name == "govsites.health"]
    assert warning.levelname == "WARNING" and warning.exc_info[1] is error
    assert not [r for r in caplog.records if r.name == "django.request"]
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["database"]["status"] == "fail"
    assert body["checks"]["cache"]["status"] == "ok"
    text = response.content.decode()
    assert not any(detail in text for detail in SECRET_DETAILS)


def test_cache_that_loses_writes_is_a_failure(client, monkeypatch):
    """django-redis with IGNORE_EXCEPTIONS turns a Redis outage into silent misses."""
    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "fail"


def test_ignored_check_is_reported_but_not_503(client, settings, monkeypatch):
    settings.READYZ_IGNORE = ["cache"]
    monkeypatch.setattr(health.cache, "get", lambda *args, **kwargs: None)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["cache"]["status"] == "fail"


def test_unreachable_elasticsearch_fails_without_naming_it(client, settings):
    settings.SEARCH_ELASTICSEARCH_URL = "http://127.0.0.1:9"  # discard port: connection refused at once
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["elasticsearch"]["status"] == "fail"
    assert "127.0.0.1" not in response.content.decode()


def test_reachable_elasticsearch_is_ok(client, settings):
    url = getattr(settings, "SEARCH_TEST_ELASTICSEARCH_URL", "")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI is set, so the Elasticsearch readiness check must run: set ELASTICSEARCH_URL")
        pytest.skip("Elasticsearch not configured: set ELASTICSEARCH_URL")
    settings.SEARCH_ELASTICSEARCH_URL = url
    response = client.get("/readyz")
    assert response.json()["checks"]["elasticsearch"]["status"] == "ok"


def test_task_queue_is_skipped_without_a_queued_backend(client, monkeypatch):
    real = apps.is_installed
    monkeypatch.setattr(apps, "is_installed", lambda name: False if name == "django_tasks_db" else real(name))
    assert client.get("/readyz").json()["checks"]["tasks"] == {
        "status": "skipped",
        "duration_ms": pytest.approx(0, abs=50),
    }


needs_task_db = pytest.mark.skipif(
    not apps.is_installed("django_tasks_db"), reason="django-tasks-db is not installed on this branch"
)


def _task(**fields):
    model = apps.get_model("django_tasks_database", "DBTaskResult")
    defaults = {"status": "READY", "args_kwargs": {}, "task_path": "x.y", "backend_name": "default"}
    defaults.setdefault("run_after", health.NO_RUN_AFTER)
    task = model.objects.create(**{**defaults, **fields})
    model.objects.filter(pk=task.pk).update(enqueued_at=fields.get("enqueued_at", timezone.now()))
    return task


@needs_task_db
def test_task_queue_age_turns_readiness_off(client, settings):
    settings.READYZ_TASK_MAX_AGE_MINUTES = 10
    now = timezone.now()
    _task(enqueued_at=now - timedelta(minutes=3))
    _task(status="SUCCESSFUL", enqueued_at=now - timedelta(hours=5))
    _task(enqueued_at=now - timedelta(hours=5), run_after=now + timedelta(hours=1))  # not due yet
    tasks = client.get("/readyz").json()["checks"]["tasks"]
    assert tasks["status"] == "ok"
    assert 170 <= tasks["oldest_due_seconds"] <= 190
    _task(enqueued_at=now - timedelta(hours=2), run_after=now - timedelta(minutes=11))  # due 11 minutes ago
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["tasks"]["status"] == "fail"
    assert 650 <= response.json()["checks"]["tasks"]["oldest_due_seconds"] <= 670


def test_probes_answer_before_host_validation_input_guard_and_page_cache():
    order = settings.MIDDLEWARE
    assert order[0] == "core.requestlog.RequestIdMiddleware"
    probes = order.index("core.health.HealthCheckMiddleware")
    assert probes < order.index("django.middleware.common.CommonMiddleware")
    assert probes < order.index("core.middleware.InputGuardMiddleware")
    assert probes < order.index("sites.page_cache.SitePageCacheMiddleware")
    assert probes > order.index("core.csp.SiteCSPMiddleware")


def test_probes_carry_the_security_headers(client):
    response = client.get("/readyz")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
