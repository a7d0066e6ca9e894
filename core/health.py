"""Liveness and readiness probes for the load balancer (docs/deployment.md "Health checks").

``/healthz`` answers as long as the process can run Python: no database, no cache, no I/O at all.
``/readyz`` checks what this application server needs to serve the group — the database, the shared cache,
Elasticsearch when one is configured, and the task queue's age (the oldest task that is due and still waiting)
— and answers 200 when every counted check passes, 503 otherwise, with one JSON entry per check.

Both are answered by ``HealthCheckMiddleware`` right after the security-header middleware (config/settings/base.py),
so that a probe is never refused for its Host header (a load balancer probes an app server by its address), never
passes through the input guard or the page cache and is never cached; SECURE_REDIRECT_EXEMPT keeps them on plain
HTTP. The body names checks and durations only: no hostnames,
URLs, passwords or exception texts (those go to the log, for the operator).
"""

import logging
import time
import uuid
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone

logger = logging.getLogger("govsites.health")

OK, FAIL, SKIPPED = "ok", "fail", "skipped"
HEALTH_PATHS = ("/healthz", "/readyz")
CACHE_PROBE_KEY = "health:probe"
# django-tasks-db stores "run as soon as possible" as run_after = 9999-01-01 (django_tasks_db.models.get_date_max).
NO_RUN_AFTER = datetime(9999, 1, 1, tzinfo=UTC)
TASKS_APP = "django_tasks_db"


def _no_store(response: JsonResponse) -> JsonResponse:
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def healthz(request) -> JsonResponse:
    """Liveness: the process answers. Also the bare-Django baseline of the serving benchmark (bench/)."""
    return _no_store(JsonResponse({"status": OK}))


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"status": OK}


def check_cache() -> dict:
    """A write and a read of the shared cache. django-redis with IGNORE_EXCEPTIONS turns an outage into misses,
    so a value that does not come back is the failure."""
    token = uuid.uuid4().hex
    cache.set(CACHE_PROBE_KEY, token, 30)
    if cache.get(CACHE_PROBE_KEY) != token:
        return {"status": FAIL}
    return {"status": OK}


def check_elasticsearch() -> dict:
    url = getattr(settings, "SEARCH_ELASTICSEARCH_URL", "")
    if not url:
        return {"status": SKIPPED}
    from elasticsearch import Elasticsearch

    timeout = float(getattr(settings, "HEALTH_ELASTICSEARCH_TIMEOUT", 2))
    es = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)
    try:
        health = es.cluster.health(timeout=f"{int(timeout)}s")
    finally:
        es.close()
    # red: some primary shard is missing (searches may fail); yellow is normal on a single node.
    return {"status": FAIL if health.get("status") == "red" else OK}


def oldest_due_task_age(model, now: datetime) -> float | None:
    """Seconds the oldest due READY task has waited: since it was enqueued, or since its run_after passed."""
    ready = model.objects.filter(status="READY")
    asap = ready.filter(run_after__gte=NO_RUN_AFTER).order_by("enqueued_at").values_list("enqueued_at", flat=True)
    scheduled = ready.filter(run_after__lte=now).order_by("run_after").values_list("run_after", flat=True)
    due = [moment for moment in (asap.first(), scheduled.first()) if moment is not None]
    return (now - min(due)).total_seconds() if due else None


def check_task_queue() -> dict:
    if not apps.is_installed(TASKS_APP):
        return {"status": SKIPPED}
    # The app's label (django_tasks_database) differs from its module name.
    model = next(config for config in apps.get_app_configs() if config.name == TASKS_APP).get_model("DBTaskResult")
    limit = timedelta(minutes=getattr(settings, "READYZ_TASK_MAX_AGE_MINUTES", 10))
    age = oldest_due_task_age(model, timezone.now())
    result = {"status": OK, "oldest_due_seconds": None if age is None else round(age)}
    if age is not None and age > limit.total_seconds():
        result["status"] = FAIL
    return result


CHECKS = {
    "database": check_database,
    "cache": check_cache,
    "elasticsearch": check_elasticsearch,
    "tasks": check_task_queue,
}


def run_check(name: str, check) -> dict:
    started = time.perf_counter()
    try:
        result = check()
    except Exception:  # any failure of a dependency is a failed check, never a 500
        logger.warning("readiness check %s failed", name, exc_info=True)
        result = {"status": FAIL}
    result["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def readyz(request) -> JsonResponse:
    """Readiness: 503 when a check that counts fails. READYZ_IGNORE names checks that are reported but never turn
    the answer into 503 (e.g. elasticsearch, since search falls back to the database)."""
    ignored = set(getattr(settings, "READYZ_IGNORE", ()))
    checks = {name: run_check(name, check) for name, check in CHECKS.items()}
    failed = [name for name, result in checks.items() if result["status"] == FAIL and name not in ignored]
    body = {"status": FAIL if failed else OK, "checks": checks}
    response = JsonResponse(body, status=503 if failed else 200)
    # Each failed check was logged above as a warning; Django would log every 503 probe again as an error.
    response._has_been_logged = True
    return _no_store(response)


VIEWS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answer the probes before host validation, the input guard and the page cache (see the module docstring).
    GET and HEAD only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = VIEWS.get(request.path_info)
        if view is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        request.skip_access_log = True
        return view(request)
