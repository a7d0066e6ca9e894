"""The 错敏词 site scan (evaluation.checks.words): one finding per published page with hits, 严重 → warning,
others advisory; other sites and whitelisted words are not reported; queries do not grow with pages; drafts and
pages in review are scanned from their latest revision, marked, and never shown by the public API."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from demo.factories.home import ArticlePageFactory, column_of
from evaluation import services
from evaluation.checks import registry
from evaluation.enums import Severity
from evaluation.models import Finding, WordWhitelist

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


def _save_draft(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision()


def test_drafts_and_pages_in_review_are_scanned_and_marked(group, words):
    column = column_of(group.hetang, "gzdt")
    never = ArticlePageFactory(parent=column, title="草稿原题", summary="认真部署", slug="never", live=False)
    _save_draft(never, title="新草稿", summary="关于台湾政府")
    live = ArticlePageFactory(parent=column, title="已发布文章", summary="认真部署", slug="live")
    revision = _save_draft(live, title="改后的标题", summary="认真布署")
    reviewed = ArticlePageFactory(parent=column, title="送审文章", summary="认真部署", slug="reviewed")
    _save_draft(reviewed, title="送审新标题", summary="副市长张演示出席")
    workflow = group.hetang.site.root_page.get_workflow()
    workflow.start(reviewed, get_user_model().objects.get(username="editor-hetang"))

    findings = {f.key: f for f in run(group.hetang)}
    assert set(findings) == {f"page:{never.pk}:draft", f"page:{live.pk}:draft", f"page:{reviewed.pk}:draft"}
    draft = findings[f"page:{never.pk}:draft"]
    edit = reverse("wagtailadmin_pages:edit", args=[never.pk])
    assert (draft.code, draft.severity, draft.draft, draft.page_id) == ("serious", Severity.WARNING, True, never.pk)
    assert draft.title == "草稿“新草稿”有 1 处错敏词（严重 1 处）"
    assert draft.url == edit and draft.edit_url == edit  # no public address
    assert draft.extra["state"] == "草稿"
    changed = findings[f"page:{live.pk}:draft"]
    assert (changed.title, changed.severity) == ("草稿“改后的标题”有 1 处错敏词", Severity.ADVISORY)
    assert revision.pk == live.latest_revision_id
    in_review = findings[f"page:{reviewed.pk}:draft"]
    assert in_review.title == "待审“送审新标题”有 1 处错敏词（严重 1 处）" and in_review.extra["state"] == "待审"


def test_a_draft_with_the_live_text_is_reported_once(group, words):
    page = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="标题", summary="认真布署")
    _save_draft(page)  # a revision with the same text: has_unpublished_changes, nothing new to read
    assert [(f.key, f.draft) for f in run(group.hetang)] == [(f"page:{page.pk}", False)]
    _save_draft(page, summary="认真布署，台湾政府")
    found = {(f.key, f.draft) for f in run(group.hetang)}
    assert found == {(f"page:{page.pk}", False), (f"page:{page.pk}:draft", True)}


def test_draft_queries_do_not_grow_with_drafts(group, words):
    column = column_of(group.hetang, "gzdt")
    _save_draft(ArticlePageFactory(parent=column, summary="部署", live=False), summary="布署")
    ArticlePageFactory(parent=column, summary="部署")  # the live pages' query per page type is there from the start
    run(group.hetang)
    with CaptureQueriesContext(connection) as few:
        assert len(run(group.hetang)) == 1
    for n in range(6):
        page = ArticlePageFactory(parent=column, summary="部署", live=n % 2 == 0)
        _save_draft(page, summary=f"第{n}次布署")
    with CaptureQueriesContext(connection) as many:
        assert len(run(group.hetang)) == 7

    assert len(many) == len(few)


def test_draft_findings_never_leave_through_the_public_api(group, words):
    """Issue 12 item 6: published facts only, no draft titles — even when the page itself is live."""
    page = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), title="公开标题", summary="认真布署")
    _save_draft(page, title="草稿里的标题", summary="关于台湾政府")
    services.inspect([group.hetang], ["words"], today=TODAY)
    stored = {f.key: f for f in Finding.objects.current().filter(site=group.hetang)}
    assert stored[f"page:{page.pk}:draft"].draft and not stored[f"page:{page.pk}"].draft

    client = Client(HTTP_HOST="zhuzhou.localhost")
    detail = client.get("/api/v1/evaluation/sites/hetang/")
    assert detail.status_code == 200
    body = detail.json()
    assert [f["title"] for f in body["findings"]] == ["“公开标题”有 1 处错敏词"]
    assert body["withheld"] == 1 and body["warning"] == 1  # counted, not shown
    for fmt in ("json", "csv"):
        listing = client.get("/api/v1/evaluation/sites/", {"format": fmt})
        assert listing.status_code == 200 and "草稿里的标题" not in listing.content.decode()
    assert "草稿里的标题" not in detail.content.decode()
