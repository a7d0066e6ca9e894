"""Production passes `manage.py check --deploy` with no warning at all, and sends HSTS (one year, subdomains,
preload by default; each configurable) and secure cookies. Run in a subprocess: production settings are read once
per process."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
YEAR = 365 * 24 * 3600


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "DJANGO_", "DATABASE_URL", "SECRET"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),  # 67 random characters: check --deploy wants 50+ and 5+ unique
        ALLOWED_HOSTS=".zhuzhou.gov.cn,.changde.gov.cn",
        TRUSTED_PROXIES="127.0.0.1",
        # Production's infrastructure (tests/core/test_settings.py); nothing here connects to it.
        DATABASE_URL="postgres://govsites@127.0.0.1:1/govsites",
        REDIS_URL="redis://127.0.0.1:1/0",
        PAGE_CACHE_SECONDS="0",
        TASKS_BACKEND="tests.core.task_backends.QueuedStandInBackend",
        MEDIA_ROOT=str(tmp_path / "media"),
        PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        ELASTICSEARCH_URL="http://127.0.0.1:9200",
        **extra,
    )
    return env


def run(args, env):
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)


def test_check_deploy_reports_no_issue_at_all(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


# One process for every HSTS variant: Django is set up once on the default environment; each variant's environment
# is then read by the production settings module afresh (as a new process would), and its transport settings are
# applied over the running ones for one request through the whole middleware stack.
PROBE = """
import importlib, json, os, sys
import django; django.setup()
from django.test import Client, override_settings
NAMES = ("SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_SSL_REDIRECT",
         "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE")
base = dict(os.environ)
for variant in json.loads(sys.argv[1]):
    os.environ.clear()
    os.environ.update(base, **variant)
    for name in ("config.settings.production", "config.settings.hardened", "config.settings.base"):
        sys.modules.pop(name, None)
    read = importlib.import_module("config.settings.production")
    with override_settings(**{name: getattr(read, name) for name in NAMES}):
        from django.conf import settings
        response = Client().get("/healthz", secure=True, HTTP_HOST="www.zhuzhou.gov.cn")
        print(response.status_code)
        print(response.get("Strict-Transport-Security", "-"))
        print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SECURE_SSL_REDIRECT)
        print(response["Content-Security-Policy"])
"""
HSTS = [
    ({}, f"max-age={YEAR}; includeSubDomains; preload"),
    ({"SECURE_HSTS_PRELOAD": "0"}, f"max-age={YEAR}; includeSubDomains"),
    ({"SECURE_HSTS_INCLUDE_SUBDOMAINS": "0", "SECURE_HSTS_PRELOAD": "0"}, f"max-age={YEAR}"),
    ({"SECURE_HSTS_SECONDS": "600"}, "max-age=600; includeSubDomains; preload"),
    ({"SECURE_HSTS_SECONDS": "0"}, "-"),
]


@pytest.fixture(scope="module")
def hsts_probe(tmp_path_factory):
    """The four output lines of each variant of HSTS, in HSTS order."""
    result = run(["-c", PROBE, json.dumps([env for env, _ in HSTS])], production_env(tmp_path_factory.mktemp("hsts")))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4 * len(HSTS), result.stdout
    return [lines[i : i + 4] for i in range(0, len(lines), 4)]


@pytest.mark.parametrize(("index", "hsts"), [(index, hsts) for index, (_, hsts) in enumerate(HSTS)])
def test_production_sends_hsts_by_default_and_each_part_is_configurable(hsts_probe, index, hsts):
    status, header, cookies, csp = hsts_probe[index]
    assert (status, header) == ("200", hsts)
    assert cookies == "True True True"
    assert "script-src 'self';" in csp + ";" and "unsafe-inline" not in csp
