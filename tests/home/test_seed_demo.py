"""The demo group: required sites, content drawn from the seed documents, deterministic, idempotent."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Site

from home.demo import codes, content, data
from home.demo.seeder import site_rng
from home.models import ArticlePage
from sites.models import SiteProfile
from sites.signals import demo_site_seeded
from sites.validators import validate_credit_code, validate_site_code

# Copies of the workspace's shared/seeds/ documents, carried here so the test runs on a clean clone.
SEEDS = Path(__file__).resolve().parent / "seed_documents"
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
        assert len(first) >= (20 if entry.kind == "city" else 5), entry.slug
        assert all(anchor - datetime.timedelta(days=731) < p.publish_at < anchor for p in first)
    zhuzhou = next(e for e in data.all_sites() if e.slug == "zhuzhou")
    other_seed = content.plan_articles(zhuzhou, site_rng(2, "zhuzhou"), anchor)
    assert [p.publish_at for p in other_seed] != [
        p.publish_at for p in content.plan_articles(zhuzhou, site_rng(1, "zhuzhou"), anchor)
    ]


@pytest.mark.django_db
@pytest.mark.slow
def test_seed_demo_builds_the_group_once_and_refuses_unsafe_delete(group, settings):
    settings.SEARCH_AUTO_INDEX = False  # ~1,200 pages: site search indexing is tested in tests/search (saves ~25 %)
    seeded = []
    demo_site_seeded.connect(receiver := lambda sender, profile, **kw: seeded.append(profile.slug), weak=False)
    try:
        call_command("seed_demo", "--scale", "3", stdout=io.StringIO(), verbosity=0)
    finally:
        demo_site_seeded.disconnect(receiver)
    demo_slugs = {entry.slug for entry in data.all_sites()}
    assert demo_slugs <= set(seeded)
    profiles = {p.slug: p for p in SiteProfile.objects.with_site()}
    assert demo_slugs <= profiles.keys()
    villages = [p for p in profiles.values() if re.fullmatch(r"[a-z]+-cun-\d{4}", p.slug)]
    assert len(villages) == 3 and all(v.kind == "village" and v.parent.kind == "district" for v in villages)
    assert Site.objects.get(is_default_site=True).hostname == "zhuzhou.localhost"
    users = get_user_model().objects
    assert users.get(username="admin").is_superuser
    for slug in demo_slugs | {v.slug for v in villages}:
        profile = profiles[slug]
        assert profile.site.hostname == f"{slug}.localhost"
        count = ArticlePage.objects.live().descendant_of(profile.site.root_page).count()
        assert count >= (20 if profile.kind == "city" else 1 if profile.kind == "village" else 5), slug
        editor = users.get(username=f"editor-{slug}")
        assert set(editor.groups.all()) == {profile.editor_group, profile.reviewer_group}
    # Users the seed created get DEMO_PASSWORD; existing accounts (the test fixture's) keep theirs.
    assert users.get(username="editor-lusong").check_password("govsites-demo")

    # 办事指南 in the 办事服务 columns: 6–10 on each city portal, a department's own items, every district's channel.
    from home.models import ServiceGuidePage

    def guides(slug):
        return ServiceGuidePage.objects.live().descendant_of(profiles[slug].site.root_page)

    assert all(6 <= guides(city).count() <= 10 for city in ("zhuzhou", "changde"))
    assert guides("zhuzhou-dzzwb").filter(title__contains="CA数字证书").count() == 2
    assert guides("lusong").count() == 1 and not guides("zhuzhou-xiangjiang").exists()

    # Disclosure demo (openinfo receiver): each city's seed document under 规划计划, and findings to report.
    from openinfo.models import DisclosureDocumentPage
    from openinfo.statistics import disclosure_statistics

    zhuzhou_report = DisclosureDocumentPage.objects.get(host_site=profiles["zhuzhou"], written_on__year=2015)
    assert zhuzhou_report.category == "a20-03" and zhuzhou_report.index_number.endswith("/2015-00001")
    assert "智慧株洲" in zhuzhou_report.title
    assert DisclosureDocumentPage.objects.filter(host_site=profiles["changde"], written_on__year=2016).exists()
    assert not DisclosureDocumentPage.objects.filter(host_site__kind__in=["village", "topic"]).exists()
    stats = disclosure_statistics([p for p in profiles.values() if p.slug in demo_slugs], 2026)
    assert sum(s.late for s in stats) > 0 and sum(s.blank_count for s in stats) > 0

    # 政民互动 demo (interaction receiver): messages on every site with a mailbox; the portals transferred some
    # to the departments seeded after them.
    from interaction.models import Question

    assert Question.objects.filter(site=profiles["changde"]).count() >= 20
    assert Question.objects.filter(site=profiles["zhuzhou"], handler=profiles["zhuzhou-jtj"]).exists()
    assert Question.objects.filter(site=profiles["lusong"]).exists()
    assert not Question.objects.filter(site__kind__in=["village", "topic"]).exists()

    pages_before, users_before, questions_before = Page.objects.count(), users.count(), Question.objects.count()
    call_command("seed_demo", "--scale", "3", stdout=io.StringIO(), verbosity=0)
    assert (Page.objects.count(), users.count(), Question.objects.count()) == (
        pages_before,
        users_before,
        questions_before,
    )

    # hetang-yuetang (a test site, not demo data) hangs under the demo's 荷塘区: deleting must refuse, intact.
    with pytest.raises(CommandError):
        call_command("seed_demo", "--delete", stdout=io.StringIO(), verbosity=0)
    assert Page.objects.count() == pages_before

    call_command("seed_demo", "--if-empty", stdout=(out := io.StringIO()))
    assert Page.objects.count() == pages_before and "跳过" in out.getvalue()
