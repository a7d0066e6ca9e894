"""Production settings fail closed."""

import os
import subprocess
import sys

import pytest

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"


def run_production(**env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=base, check=False)


@pytest.mark.parametrize("env", [{}, {"SECRET_KEY": "x" * 50}, {"ALLOWED_HOSTS": "www.zhuzhou.gov.cn"}])
def test_production_refuses_to_start_without_secret_and_hosts(env):
    result = run_production(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_debug_off_when_configured():
    result = run_production(SECRET_KEY="x" * 50, ALLOWED_HOSTS=".zhuzhou.gov.cn,.changde.gov.cn", DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['.zhuzhou.gov.cn', '.changde.gov.cn']"
