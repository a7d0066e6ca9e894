"""The demo app is development-only (issue 11): production never installs it, and no production module imports it
or the factory libraries (dev dependencies), at module level or inside a function."""

import ast
from pathlib import Path

import pytest

from tests.core.test_settings import run_production, valid_env

ROOT = Path(__file__).resolve().parents[1]
PRODUCTION_APPS = ["config", "core", "sites", "home", "openinfo", "interaction", "search", "evaluation", "syndication"]
DEV_ONLY = {"demo", "factory", "wagtail_factories"}


def imported_modules(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module


def test_no_production_module_imports_the_demo_app_or_the_factory_libraries():
    files = [path for app in PRODUCTION_APPS for path in sorted((ROOT / app).rglob("*.py"))]
    assert len(files) > 200  # every module of the production apps, migrations included
    offending = [
        f"{path.relative_to(ROOT)}: {module}"
        for path in files
        for module in imported_modules(path)
        if module.split(".")[0] in DEV_ONLY
    ]
    assert offending == []


def test_nothing_the_demo_moved_out_is_left_in_the_production_apps():
    leftovers = [
        path.relative_to(ROOT)
        for app in PRODUCTION_APPS
        for path in (ROOT / app).rglob("*")
        if path.name in {"factories.py", "demo", "seed_demo.py", "demo_urls.py", "signals.py"}
    ]
    assert leftovers == []


IMPORT_EVERYTHING = """
import importlib, pkgutil, sys


class RefuseDevOnly:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"demo", "factory", "wagtail_factories"}:
            raise ImportError(f"dev-only module imported in production: {name}")


sys.meta_path.insert(0, RefuseDevOnly())
import django

django.setup()
from django.conf import settings

count = 0
for app in %r:
    package = importlib.import_module(app)
    for info in pkgutil.walk_packages(package.__path__, app + "."):
        if not info.name.startswith("config.settings."):
            importlib.import_module(info.name)
            count += 1
print([app for app in settings.INSTALLED_APPS if app.split(".")[0] in {"demo", "factory", "wagtail_factories"}])
print(count > 200)
"""


@pytest.mark.slow
def test_every_production_module_imports_with_the_demo_app_and_factories_absent(tmp_path):
    result = run_production(["-c", IMPORT_EVERYTHING % PRODUCTION_APPS], valid_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "True"]


def test_seed_demo_does_not_exist_under_production_settings(tmp_path):
    result = run_production(["manage.py", "seed_demo"], valid_env(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "Unknown command: 'seed_demo'"


def test_seed_demo_refuses_where_the_settings_do_not_allow_demo_data(settings):
    """Defence in depth: a settings module that installs the app without opting in (DEMO_SEED_ALLOWED) still
    gets no demo accounts with the published password."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEMO_SEED_ALLOWED = False
    with pytest.raises(CommandError) as refused:
        call_command("seed_demo")
    assert str(refused.value) == "seed_demo 只能在开发或测试环境运行：当前设置不允许生成演示数据（DEMO_SEED_ALLOWED）"
