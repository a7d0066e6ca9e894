"""The 错敏词 site scan (evaluation.checks.words): one finding per published page with hits, 严重 → warning,
others advisory; drafts, other sites and whitelisted words are not reported; queries do not grow with pages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.factories.home import ArticlePageFactory, column_of
from evaluation.checks import registry
from evaluation.enums import Severity
from evaluation.models import WordWhitelist

from .words_helpers import leadership, sensitive, typo

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 3)


@pytest.fixture
def words(db):
    typo("布署", "部署")
    sensitive("台湾政府", correction="台湾当局")
    leadership()


def run(profile):
    return list(registry.get("words").run(profile, TODAY))


def test_check_is_registered_with_its_label():
    check = registry.get("words")
    assert (check.name, check.label, check.offline) == ("words", "错敏词", True)


def test_one_finding_per_page_with_hits_and_severity_by_level(group, words):
    column = column_of(group.hetang, "gzdt")
    serious = ArticlePageFactory(parent=column, title="关于台湾政府", summary="认真布署", slug="serious")
    ordinary = ArticlePageFactory(parent=column, title="工作动态", summary="认真布署，再布署", slug="ordinary")
    ArticlePageFactory(parent=column, title="干净的文章", summary="认真部署", slug="clean")
    ArticlePageFactory(parent=column, title="草稿", summary="台湾政府", slug="draft", live=False)
    ArticlePageFactory(parent=column_of(group.zhuzhou_fgw, "gzdt"), title="别的网站", summary="台湾政府")

    findings = {f.page_id: f for f in run(group.hetang)}
    assert set(findings) == {serious.pk, ordinary.pk}
    first = findings[serious.pk]
    assert (first.code, first.severity, first.key) == ("serious", Severity.WARNING, f"page:{serious.pk}")
    assert first.title == "“关于台湾政府”有 2 处错敏词（严重 1 处）"
    assert first.detail == "敏感词“台湾政府”，建议改为“台湾当局”；疑似错别字“布署”，应为“部署”"
    assert first.url == "http://hetang.localhost/gzdt/serious/"
    assert first.edit_url == reverse("wagtailadmin_pages:edit", args=[serious.pk])
    assert [h["text"] for h in first.extra["hits"]] == ["台湾政府", "布署"]
    second = findings[ordinary.pk]
    assert (second.code, second.severity, second.title) == ("hits", Severity.ADVISORY, "“工作动态”有 2 处错敏词")


def test_body_text_and_leader_rule_are_scanned(group, words):
    column = column_of(group.hetang, "gzdt")
    page = ArticlePageFactory(
        parent=column, title="会议", summary="", body=[("paragraph", "<p>副市长<b>张演示</b>出席会议</p>")]
    )
    [finding] = run(group.hetang)
    assert finding.page_id == page.pk and finding.severity == Severity.WARNING
    assert finding.detail == "“张演示”的职务应为市长，不是“副市长”"


def test_site_whitelist_applies_to_its_own_site_only(group, words):
    ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), summary="台湾政府")
    ArticlePageFactory(parent=column_of(group.zhuzhou_fgw, "gzdt"), summary="台湾政府")
    WordWhitelist.objects.create(site=group.hetang, word="台湾政府")
    assert run(group.hetang) == []
    assert len(run(group.zhuzhou_fgw)) == 1


def test_queries_do_not_grow_with_pages(group, words):
    column = column_of(group.hetang, "gzdt")
    ArticlePageFactory(parent=column, summary="布署")
    run(group.hetang)  # warm the automaton and the site root paths
    with CaptureQueriesContext(connection) as few:
        assert len(run(group.hetang)) == 1
    for n in range(8):
        ArticlePageFactory(parent=column, summary=f"第{n}次布署")
    with CaptureQueriesContext(connection) as many:
        assert len(run(group.hetang)) == 9
    assert len(many) == len(few)
