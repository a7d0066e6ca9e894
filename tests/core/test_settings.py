"""Production settings fail closed."""

import os
import subprocess
import sys

import pytest

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"


def run_production(probe=PROBE, **env):
    base = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "TRUSTED_PROXIES"}}
    base.update({"DJANGO_SETTINGS_MODULE": "config.settings.production", **env})
    return subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=base, check=False)


@pytest.mark.parametrize("env", [{}, {"SECRET_KEY": "x" * 50}, {"ALLOWED_HOSTS": "www.zhuzhou.gov.cn"}])
def test_production_refuses_to_start_without_secret_and_hosts(env):
    result = run_production(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_starts_with_debug_off_when_configured():
    result = run_production(
        SECRET_KEY="x" * 50, ALLOWED_HOSTS=".zhuzhou.gov.cn,.changde.gov.cn", DEBUG="1", TRUSTED_PROXIES="127.0.0.1"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False ['.zhuzhou.gov.cn', '.changde.gov.cn']"


VALID = {"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": ".zhuzhou.gov.cn"}


def test_production_refuses_to_start_without_an_explicit_proxy_setting():
    result = run_production(**VALID)
    assert result.returncode != 0
    assert "Environment variable TRUSTED_PROXIES is required" in result.stderr


@pytest.mark.parametrize("value", ["nginx", "10.0.0.300", " , "])
def test_production_refuses_a_proxy_setting_it_cannot_read(value):
    result = run_production(**VALID, TRUSTED_PROXIES=value)
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


@pytest.mark.parametrize(
    ("value", "expected"),
    [("none", "[]"), ("127.0.0.1, 10.0.0.0/24", "['127.0.0.1', '10.0.0.0/24']"), ("unix", "['unix']")],
)
def test_production_takes_none_or_a_list_of_proxies(value, expected):
    probe = "import django; django.setup(); from django.conf import settings; print(settings.TRUSTED_PROXIES)"
    result = run_production(probe, **VALID, TRUSTED_PROXIES=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
