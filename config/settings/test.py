"""Test settings: fast hashing, isolated media, immediate tasks. DATABASE_URL/REDIS_URL still apply (CI)."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="govsites-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="govsites-test-static-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="govsites-test-private-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_MEDIA_ROOT}},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SITES_DEFAULT_PORT = 80
if env.get("REDIS_URL"):
    CACHES["default"]["KEY_PREFIX"] = "govsites-test"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
PAGE_CACHE_SECONDS = 0
# The suite uses the database index; the Elasticsearch tests switch to the node in ELASTICSEARCH_URL themselves
# (tests/search/), with their own index prefix.
SEARCH_TEST_ELASTICSEARCH_URL = env.get("ELASTICSEARCH_URL", "")
SEARCH_ELASTICSEARCH_URL = ""
SEARCH_INDEX_PREFIX = env.get("SEARCH_INDEX_PREFIX", "govsites_") + "test_"
SEARCH_ELASTICSEARCH_REPLICAS = 0  # tests that need the page cache turn it on with override_settings
# Staff login controls: the suite force_logins the superuser everywhere, so the two-factor requirement and
# password ageing are off; tests/core/test_two_factor.py and test_password_policy.py turn them on.
TWO_FACTOR_ENFORCE = False
PASSWORD_MAX_AGE_DAYS = 0
# Background tasks run at once, in the test process, when the transaction commits (core.tasks.enqueue_on_commit):
# tests wrap the writes whose tasks they need in django_capture_on_commit_callbacks(execute=True). The worker and
# the database queue are tested with the database backend through override_settings (tests/core/test_tasks*.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Demo app (issue 11): the demo group, seed_demo and the factories live in the dev-only app `demo`, which
# production never installs. DEMO_SEED_ALLOWED is seed_demo's own opt-in (it refuses to run without it).
INSTALLED_APPS += ["demo"]  # noqa: F405
DEMO_SEED_ALLOWED = True
DEMO_PASSWORD = env.get("DEMO_PASSWORD", "govsites-demo")
# --- end of demo app

# --- Parallel test workers (pytest-xdist, issue 11 item 8) ---
# Each worker process (PYTEST_XDIST_WORKER = gw0, gw1 …) gets its own database (pytest-django appends the worker id),
# its own Elasticsearch indices and its own cache keys, so workers never see or drop each other's data; the suite's
# per-test cache reset deletes only this worker's keys (tests/conftest.py).
TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if TEST_WORKER:
    SEARCH_INDEX_PREFIX += f"{TEST_WORKER}_"
    if env.get("REDIS_URL"):
        CACHES["default"]["KEY_PREFIX"] = f"govsites-test-{TEST_WORKER}"  # noqa: F405
