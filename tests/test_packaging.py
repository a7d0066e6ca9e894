"""Every project app is part of the installed distribution. Scripts run by path (``.ci/drill_snapshot.py``, the
systemd units' ``python -m`` calls from another directory) import the apps through the editable install, not through
the current directory; an app missing from ``[tool.setuptools.packages.find]`` imports in the suite (pytest puts the
checkout on ``sys.path``) and fails everywhere else — the restore drill of stop 22 failed exactly so."""

import fnmatch
import subprocess
import sys
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[1]


def project_apps() -> list[str]:
    tops = {app.split(".")[0] for app in settings.INSTALLED_APPS}
    return sorted(top for top in tops if (ROOT / top / "__init__.py").exists())


def test_every_project_app_is_listed_in_the_distribution_packages():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    apps = project_apps()
    assert {"sites", "syndication", "demo"} <= set(apps)
    missing = [app for app in apps if not any(fnmatch.fnmatch(app, pattern) for pattern in include)]
    assert missing == []


def test_every_project_app_imports_from_outside_the_checkout(tmp_path):
    apps = [*project_apps(), "config"]
    code = "import importlib, sys; [importlib.import_module(a) for a in sys.argv[1:]]; print('ok')"
    result = subprocess.run(
        [sys.executable, "-c", code, *apps],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
