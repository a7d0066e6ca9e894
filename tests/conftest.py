"""Shared fixtures: one small website group built once per test session (every test runs in a rolled-back
transaction on top of it), plus logged-in clients for site editors."""

from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from sites.enums import ReviewScope, SiteKind
from sites.models import ReviewPolicy, SiteProfile
from sites.permissions import step_groups
from sites.services import SiteSpec, provision_site

from .schema import complete_unmigrated_schema, use_migrations

BASE_GROUP = [
    SiteSpec(
        kind=SiteKind.CITY,
        name="株洲市人民政府",
        slug="zhuzhou",
        hostname="zhuzhou.localhost",
        is_default=True,
        site_code="4302000001",
        name_en="Zhuzhou Municipal People's Government",
        languages=["zh-hans", "en"],
    ),
    SiteSpec(
        kind=SiteKind.DISTRICT,
        name="荷塘区人民政府",
        slug="hetang",
        hostname="hetang.localhost",
        parent="zhuzhou",
        site_code="4302020001",
        short_name="荷塘区",
    ),
    SiteSpec(
        kind=SiteKind.DEPARTMENT,
        name="株洲市发展和改革委员会",
        slug="zhuzhou-fgw",
        hostname="zhuzhou-fgw.localhost",
        parent="zhuzhou",
        site_code="4302000002",
        short_name="市发改委",
    ),
    SiteSpec(
        kind=SiteKind.TOWNSHIP,
        name="荷塘区月塘街道办事处",
        slug="hetang-yuetang",
        hostname="hetang-yuetang.localhost",
        parent="hetang",
    ),
    SiteSpec(
        kind=SiteKind.VILLAGE,
        name="荷塘区月塘街道大坪社区",
        slug="hetang-daping",
        hostname="hetang-daping.localhost",
        parent="hetang-yuetang",
    ),
    SiteSpec(
        kind=SiteKind.TOPIC,
        name="湘江综合治理与保护",
        slug="zhuzhou-xiangjiang",
        hostname="zhuzhou-xiangjiang.localhost",
        parent="zhuzhou",
    ),
    SiteSpec(
        kind=SiteKind.CITY, name="常德市人民政府", slug="changde", hostname="changde.localhost", site_code="4307000001"
    ),
]
EDITOR_PASSWORD = "test-pass-123"


def build_base_group():
    from demo.factories.sites import credit_code_for

    for serial, spec in enumerate(BASE_GROUP, start=1):
        spec.org_code = spec.org_code or credit_code_for(serial)
        profile = provision_site(spec).profile
        profile.icp_number = f"湘ICP备150000{serial:02d}号"
        profile.police_record_number = f"湘公网安备 430202020000{serial:02d}号"
        profile.save()
        profile.site.sitesettings.__class__.objects.filter(site=profile.site).update(
            organizer=f"{spec.name}办公室",
            address="株洲市天元区神农大道1号",
            phone="0731-12345678",
            email="webmaster@example.gov.cn",
        )
        user = get_user_model().objects.create_user(f"editor-{spec.slug}", password=EDITOR_PASSWORD)
        # In every review step's group too, so it can still do alone what the older tests expect.
        user.groups.add(profile.editor_group, profile.reviewer_group, *step_groups(profile).values())
    get_user_model().objects.create_superuser("admin", "admin@example.gov.cn", EDITOR_PASSWORD)
    # Tests publish as editor-<slug> (in its site's 编辑 and 审核 groups): the 发布审核要求 is off in the base group;
    # tests/workflow switches it on (the product's default is 所有页面类型).
    ReviewPolicy.objects.create(scope=ReviewScope.NONE)


def pytest_collection_modifyitems(config, items):
    """Run the tests marked ``slow`` first (the full demo seed, ~1.5 min): on parallel workers (make test) a long
    test begun last would leave one worker running alone at the end. The sort is stable: the rest keep their order.
    xdist's loadscope would hand out the scopes with the most tests first instead: `make test` turns that off
    (--no-loadscope-reorder)."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def django_db_use_migrations():
    """SQLite test databases are built from the models (tests/schema.py: ~1 s instead of ~19 s per worker)."""
    return use_migrations()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_use_migrations, django_db_blocker):
    from search.dictionary_seed import seed_dictionary

    with django_db_blocker.unblock():
        if not django_db_use_migrations:
            complete_unmigrated_schema()
        seed_dictionary()
        build_base_group()


def clear_cache():
    """Forget every cached value of this test process. On Redis ``cache.clear()`` flushes the whole database, the
    keys of the other pytest-xdist workers included; ``delete_pattern`` keeps to this worker's KEY_PREFIX."""
    if hasattr(cache, "delete_pattern"):
        cache.delete_pattern("*")
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache_and_language():
    # Wagtail caches site root paths; a rolled-back test must not leave its sites in the cache. A request
    # under /en/ leaves English active in the thread, which would make factories write title_en only.
    clear_cache()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    clear_cache()
    translation.activate(settings.LANGUAGE_CODE)


def base_group() -> SimpleNamespace:
    """The base group's profiles by slug: ``.hetang``, ``.all["zhuzhou-fgw"]`` (fresh objects on every call)."""
    profiles = {p.slug: p for p in SiteProfile.objects.with_site()}
    ns = SimpleNamespace(**{slug.replace("-", "_"): p for slug, p in profiles.items()})
    ns.all = profiles
    return ns


@pytest.fixture
def group(db):
    """The base group's profiles by slug: ``group.hetang``, ``group.all["zhuzhou-fgw"]``."""
    return base_group()


def site_client(profile, user=None) -> Client:
    client = Client(HTTP_HOST=profile.site.hostname)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def editor(db):
    """``editor("hetang")`` → the demo-style editor user of that site."""
    return lambda slug: get_user_model().objects.get(username=f"editor-{slug}")


# Background tasks (issue 11): the suite runs tasks at once (ImmediateBackend, config.settings.test); these run the
# real database queue and its worker instead.
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_worker(settings, monkeypatch):
    """Switch to the database task backend; the fixture's value runs ``manage.py db_worker --batch`` (every task
    that is due, then exit) and restores the signal handlers the worker installs in this process.

    The worker closes stale database connections between tasks; inside a test's transaction that would close the
    test's own connection (PostgreSQL), so it is a no-op here — as Django's test client disconnects the same
    function from the request signals."""
    import signal

    from django.core.management import call_command

    settings.TASKS = DB_TASKS
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)

    def run():
        saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
        try:
            call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", "--interval", "0", verbosity=0)
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)

    return run
