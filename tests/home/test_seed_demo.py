"""The demo group: required sites, content drawn from the seed documents, deterministic, idempotent.

The whole group is seeded once, by the command, in tests/evaluation/test_demo_truth.py (with the demo's truth tests,
sharing the seed): every site of the data files comes up with its hostname, editor and articles. Everything else
(services, disclosure, messages, idempotence, the delete guard) is checked here on a reduced group seeded once for
one test class.
"""

import datetime
import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Page, Site

from demo.home import codes, content, data
from demo.home.seeder import DemoSeeder, SeedReport, site_rng
from demo.home.villages import seed_villages
from demo.signals import demo_site_seeded
from home.models import ArticlePage, ServiceGuidePage
from interaction.models import Question
from openinfo.models import DisclosureDocumentPage
from sites.blueprint import load_blueprint
from sites.models import SiteProfile
from sites.permissions import step_groups
from sites.services import SiteProvisioner
from sites.validators import validate_credit_code, validate_site_code
from tests.conftest import EDITOR_PASSWORD

# What the demo fixtures seed under: neither our search index (tested in tests/search) nor Wagtail's admin-search
# index (the seed's bulk flush skips backends without AUTO_UPDATE) nor the background tasks every page save
# enqueues — the admin-search entry and the reference index, run inline by the test settings' ImmediateBackend;
# the dummy backend only records them. Together ~45 % of a seed.
SEEDING = {
    "SEARCH_AUTO_INDEX": False,
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}},
    "WAGTAILSEARCH_BACKENDS": {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}},
}

# The two source documents the demo was written from, carried by the project (demo/seeds/).
SEEDS = Path(__file__).resolve().parents[2] / "demo" / "seeds"
ZHUZHOU_DISTRICTS = {"hetang", "lusong", "shifeng", "tianyuan", "lukou", "liling", "youxian", "chaling", "yanling"}
CHANGDE_DISTRICTS = {"wuling", "dingcheng", "anxiang", "hanshou", "lixian", "linli", "taoyuan", "shimen", "jinshi"}


def test_demo_group_has_the_required_sites_with_valid_identifiers():
    sites = {entry.slug: entry for entry in data.all_sites()}
    assert sites["zhuzhou"].kind == "city" and sites["zhuzhou"].is_default
    assert sites["changde"].kind == "city" and not sites["changde"].is_default
    for slug in ZHUZHOU_DISTRICTS:
        assert (sites[slug].kind, sites[slug].parent) == ("district", "zhuzhou")
    for slug in CHANGDE_DISTRICTS:
        assert (sites[slug].kind, sites[slug].parent) == ("district", "changde")
    zhuzhou_departments = [e for e in sites.values() if e.kind == "department" and e.parent == "zhuzhou"]
    assert len(zhuzhou_departments) >= 12
    assert all(e.slug.startswith("zhuzhou-") for e in zhuzhou_departments)
    assert {"zhuzhou-fgw", "zhuzhou-czj", "zhuzhou-daj"} <= sites.keys()
    assert any(e.kind == "topic" and "湘江综合治理与保护" in e.name for e in sites.values())
    assert any(e.kind == "department" and e.parent == "changde" for e in sites.values())
    for entry in sites.values():
        validate_credit_code(codes.org_code(entry.region, entry.serial))
        validate_site_code(codes.site_code(entry.region, entry.serial))


@pytest.mark.parametrize(
    ("city", "seed_file"),
    [("zhuzhou", "zhuzhou-2015-smart-city-egov-report.txt"), ("changde", "changde-2016-smart-city-work-points.txt")],
)
def test_department_names_come_from_the_seed_documents(city, seed_file):
    text = (SEEDS / seed_file).read_text(encoding="utf-8")
    departments = [e for e in data.all_sites() if e.kind == "department" and e.parent == city]

    # The seeds name departments by short form (市发改委, 档案局, “公安、城管、交通” …): each demo department's
    # short name, without 市 and its organ suffix, must occur in the document.
    def core(short_name):
        return re.sub(r"(运输)?(局|委|办|中心)$", "", short_name.removeprefix("市"))

    missing = [e.short_name for e in departments if core(e.short_name) not in text]
    assert departments and not missing


def test_article_plans_are_deterministic_per_seed_and_meet_the_quota():
    anchor = datetime.datetime(2026, 11, 22, tzinfo=datetime.UTC)
    for entry in data.all_sites():
        first = content.plan_articles(entry, site_rng(1, entry.slug), anchor)
        again = content.plan_articles(entry, site_rng(1, entry.slug), anchor)
        assert [(p.text.title, p.publish_at) for p in first] == [(p.text.title, p.publish_at) for p in again]
        assert len(first) >= min_articles(entry.kind), entry.slug
        assert all(anchor - datetime.timedelta(days=731) < p.publish_at < anchor for p in first)
    zhuzhou = next(e for e in data.all_sites() if e.slug == "zhuzhou")
    other_seed = content.plan_articles(zhuzhou, site_rng(2, "zhuzhou"), anchor)
    assert [p.publish_at for p in other_seed] != [
        p.publish_at for p in content.plan_articles(zhuzhou, site_rng(1, "zhuzhou"), anchor)
    ]


# One site of each kind the assertions need, seeded in the data files' order (a portal transfers some messages to
# the departments seeded after it). zhuzhou, hetang, zhuzhou-xiangjiang and changde are base-group test sites too:
# the seeder fills them as existing sites.
REDUCED = ("zhuzhou", "hetang", "lusong", "zhuzhou-dzzwb", "zhuzhou-jtj", "zhuzhou-xiangjiang", "changde")
VILLAGE = re.compile(r"[a-z]+-cun-\d{4}")


def min_articles(kind: str) -> int:
    return 20 if kind == "city" else 1 if kind == "village" else 5


def seed_reduced_group(scale: int = 1) -> SeedReport:
    """What ``DemoSeeder.run`` does, for the REDUCED sites only: the same per-site step, then the villages."""
    seeder = DemoSeeder(seed=1, scale=scale, progress=False)
    provisioner = SiteProvisioner()
    with translation.override(settings.LANGUAGE_CODE):
        seeder.report.admin_created = seeder.users.ensure_admin()
        for entry in data.all_sites():
            if entry.slug in REDUCED:
                with transaction.atomic():
                    seeder.seed_site(entry, provisioner)
        seeder.report.villages_created = seed_villages(
            scale, seeder.seed, seeder.anchor, seeder.users, seeder.notify, progress=False
        )
    return seeder.report


def collect_seeded() -> tuple[list[str], object]:
    seeded: list[str] = []

    def receiver(sender, profile, **kwargs):
        seeded.append(profile.slug)

    demo_site_seeded.connect(receiver, weak=False)
    return seeded, receiver


def assert_site_seeded(profile):
    assert profile.site.hostname == f"{profile.slug}.localhost"
    count = ArticlePage.objects.live().descendant_of(profile.site.root_page).count()
    assert count >= min_articles(profile.kind), profile.slug
    assert_demo_logins(profile)


def assert_demo_logins(profile):
    """editor-<slug> writes; one login per review step of the kind (<role>-<slug>), in that step's group and the
    编辑组 (demo/home/users.py). The base group's editors (tests/conftest.py) are in every group."""
    users = get_user_model().objects
    editor = users.get(username=f"editor-{profile.slug}")
    assert profile.editor_group in editor.groups.all()
    if not editor.check_password(EDITOR_PASSWORD):
        assert set(editor.groups.all()) == {profile.editor_group}
    groups = step_groups(profile)
    assert list(groups) == [step.name for step in load_blueprint(profile.kind).workflow]
    for step in load_blueprint(profile.kind).workflow:
        login = users.get(username=f"{step.role}-{profile.slug}")
        assert set(login.groups.all()) == {profile.editor_group, groups[step.name]}, login.username
    assert groups[step.name] == profile.reviewer_group  # the last step signs


@pytest.fixture(scope="class")
def reduced(django_db_setup, django_db_blocker):
    """The reduced demo group, seeded once for the class inside a transaction rolled back after its last test (each
    test still runs in its own savepoint, so one test's writes never reach the next)."""
    with django_db_blocker.unblock(), transaction.atomic():
        seeded, receiver = collect_seeded()
        try:
            with override_settings(**SEEDING):
                report = seed_reduced_group()
        finally:
            demo_site_seeded.disconnect(receiver)
        profiles = {p.slug: p for p in SiteProfile.objects.with_site()}
        yield SimpleNamespace(report=report, seeded=seeded, profiles=profiles)
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestReducedGroup:
    def test_every_site_and_village_is_seeded_with_its_editor(self, reduced):
        assert set(REDUCED) <= set(reduced.seeded)
        assert (reduced.report.sites_created, reduced.report.sites_existing) == (3, 4)  # 4 from the base group
        villages = [p for p in reduced.profiles.values() if VILLAGE.fullmatch(p.slug)]
        assert [v.parent.slug for v in villages] == ["hetang"] and villages[0].kind == "village"
        assert Site.objects.get(is_default_site=True).hostname == "zhuzhou.localhost"
        for slug in [*REDUCED, villages[0].slug]:
            assert_site_seeded(reduced.profiles[slug])
        users = get_user_model().objects
        assert users.get(username="admin").is_superuser
        # Users the seed created get DEMO_PASSWORD; existing accounts (the test fixture's) keep theirs.
        assert users.get(username="editor-lusong").check_password("govsites-demo")
        assert not users.get(username="editor-hetang").check_password("govsites-demo")

    def test_service_guides_fill_the_service_columns(self, reduced):
        # 办事指南 in the 办事服务 columns: 6–10 on each city portal, a department's own items, a district's channel.
        def guides(slug):
            return ServiceGuidePage.objects.live().descendant_of(reduced.profiles[slug].site.root_page)

        assert all(6 <= guides(city).count() <= 10 for city in ("zhuzhou", "changde"))
        assert guides("zhuzhou-dzzwb").filter(title__contains="CA数字证书").count() == 2
        assert guides("lusong").count() == 1 and not guides("zhuzhou-xiangjiang").exists()

    def test_disclosure_files_each_citys_seed_document(self, reduced):
        # Disclosure demo (openinfo receiver): each city's seed document under 规划计划, and findings to report.
        zhuzhou_report = DisclosureDocumentPage.objects.get(
            host_site=reduced.profiles["zhuzhou"], written_on__year=2015
        )
        assert zhuzhou_report.category == "a20-03" and zhuzhou_report.index_number.endswith("/2015-00001")
        assert "智慧株洲" in zhuzhou_report.title
        changde = reduced.profiles["changde"]
        assert DisclosureDocumentPage.objects.filter(host_site=changde, written_on__year=2016).exists()
        assert not DisclosureDocumentPage.objects.filter(host_site__kind__in=["village", "topic"]).exists()

    def test_messages_on_every_site_with_a_mailbox(self, reduced):
        # 政民互动 demo (interaction receiver): the portals transferred some to the departments seeded after them.
        profiles = reduced.profiles
        assert Question.objects.filter(site=profiles["changde"]).count() >= 20
        assert Question.objects.filter(site=profiles["zhuzhou"], handler=profiles["zhuzhou-jtj"]).exists()
        assert Question.objects.filter(site=profiles["lusong"]).exists()
        assert not Question.objects.filter(site__kind__in=["village", "topic"]).exists()

    def test_seeding_again_changes_nothing(self, reduced, settings):
        settings.SEARCH_AUTO_INDEX = False
        users = get_user_model().objects
        before = (Page.objects.count(), users.count(), Question.objects.count())
        again = seed_reduced_group()
        assert (again.sites_created, again.villages_created, again.articles_created, again.guides_created) == (0,) * 4
        assert (Page.objects.count(), users.count(), Question.objects.count()) == before

    def test_delete_refuses_while_a_test_site_hangs_under_the_demo(self, reduced):
        # hetang-yuetang (a test site, not demo data) hangs under the demo's 荷塘区: deleting must refuse, intact.
        pages_before = Page.objects.count()
        with pytest.raises(CommandError, match="hetang-yuetang"):
            call_command("seed_demo", "--delete", stdout=io.StringIO(), verbosity=0)
        assert Page.objects.count() == pages_before

    def test_if_empty_skips_a_database_with_sites(self, reduced):
        pages_before = Page.objects.count()
        call_command("seed_demo", "--if-empty", stdout=(out := io.StringIO()))
        assert Page.objects.count() == pages_before and "跳过" in out.getvalue()


@pytest.mark.django_db
def test_the_reduced_seed_gives_the_topic_home_its_projects(reduced):
    # 重点项目 (demo/home/data/projects.toml): in the data's order, one row linked to the site's own article.
    from demo.home.projects import project_rows
    from home.models import TopicProject

    home = reduced.profiles["zhuzhou-xiangjiang"].site.root_page
    rows = list(TopicProject.objects.filter(page_id=home.pk).order_by("sort_order"))
    assert [row.name for row in rows] == [row["name"] for row in project_rows("zhuzhou-xiangjiang")]
    linked = [row for row in rows if row.article_id]
    assert len(linked) == 1 and linked[0].article.get_site().root_page_id == home.pk
    assert not TopicProject.objects.exclude(page_id=home.pk).exists()
