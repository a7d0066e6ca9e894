"""A future-dated item (发布时间/发布日期 not yet come) is in no public list and its URL answers 404; once its time
has come it appears, also in lists that were cached before (the timer refreshes the sites whose items came due)."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from home.models import ArticlePage, articles_under
from openinfo.models import DisclosureDocumentPage
from openinfo.services import documents_in
from openinfo.statistics import disclosure_statistics
from search.documents import page_key
from search.models import SearchDocument
from sites import shown_dates
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """``clock.move(delta)`` moves Django's idea of now (timezone.now) forward."""

    class Clock:
        offset = datetime.timedelta(0)

        def move(self, delta):
            self.offset += delta

    real_now = timezone.now
    c = Clock()
    monkeypatch.setattr(timezone, "now", lambda: real_now() + c.offset)
    return c


def live_article(profile, title, publish_at, column="gzdt"):
    """Live with a future 发布时间, as an import or code can leave it (the admin would schedule it instead)."""
    return ArticlePageFactory(parent=column_of(profile, column), title=title, publish_at=publish_at)


def test_future_article_is_in_no_list_and_answers_404(group, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):  # search indexing is a task enqueued on commit
        future = live_article(group.hetang, "两小时后发布的通知", soon)
        shown = live_article(group.hetang, "已发布的通知", timezone.now() - datetime.timedelta(hours=1))
    column = column_of(group.hetang, "gzdt")
    assert list(articles_under(column)) == [ArticlePage.objects.get(pk=shown.pk)]
    assert set(ArticlePage.objects.live().due().values_list("pk", flat=True)) >= {shown.pk}
    assert future.pk not in set(ArticlePage.objects.due().values_list("pk", flat=True))
    visitor = site_client(group.hetang)
    column_html = visitor.get(column.url).content.decode()
    assert "已发布的通知" in column_html and "两小时后发布的通知" not in column_html
    assert "两小时后发布的通知" not in visitor.get("/").content.decode()
    assert "两小时后发布的通知" not in visitor.get(column.url + "rss/").content.decode()
    assert visitor.get(future.url).status_code == 404
    assert visitor.get(shown.url).status_code == 200
    assert future.url not in visitor.get("/sitemap.xml").content.decode()
    assert page_key(future.pk) not in set(SearchDocument.objects.values_list("key", flat=True))
    assert page_key(shown.pk) in set(SearchDocument.objects.values_list("key", flat=True))


def test_future_disclosure_document_is_not_in_the_catalogue_api_or_statistics(group):
    column = category_page(group.hetang, "a20-01")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    future = publish(DisclosureDocumentPageFactory(parent=column, title="明日公开的文件"))
    DisclosureDocumentPage.objects.filter(pk=future.pk).update(published_on=tomorrow)
    assert future.pk not in set(documents_in().values_list("pk", flat=True))
    visitor = site_client(group.hetang)
    assert "明日公开的文件" not in visitor.get(column.url).content.decode()
    assert "明日公开的文件" not in visitor.get("/api/v1/openinfo/documents/").content.decode()
    assert visitor.get(DisclosureDocumentPage.objects.get(pk=future.pk).url).status_code == 404
    (stats,) = disclosure_statistics([group.hetang], tomorrow.year)
    assert sum(row.count for row in stats.categories) == 0  # counted once its 发布日期 has come


@override_settings(PAGE_CACHE_SECONDS=600)
def test_a_cached_list_shows_the_item_once_its_time_has_come(group, clock):
    shown_dates.release_due()  # the timer has run before
    column = column_of(group.hetang, "gzdt")
    live_article(group.hetang, "十分钟后发布的通知", timezone.now() + datetime.timedelta(minutes=10))
    visitor = site_client(group.hetang)
    first = visitor.get(column.url)
    assert first["X-Page-Cache"] == "miss" and "十分钟后发布的通知" not in first.content.decode()
    assert visitor.get(column.url)["X-Page-Cache"] == "hit"

    clock.move(datetime.timedelta(minutes=11))
    call_command("publish_scheduled", verbosity=0)  # the timer, one minute later

    response = visitor.get(column.url)
    assert response["X-Page-Cache"] == "miss" and "十分钟后发布的通知" in response.content.decode()
    assert "十分钟后发布的通知" in visitor.get("/").content.decode()


def test_related_lists_leave_out_a_future_document(group):
    """A 制度 list and a document's 政策解读 list show a linked document only once its 发布日期 has come."""
    from openinfo.enums import DocumentGenre
    from openinfo.models import DisclosureRule, DisclosureRulesPage

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    rule = publish(DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-15"), title="明日公开的制度"))
    policy = publish(DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-01"), title="已公开的政策"))
    reading = publish(
        DisclosureDocumentPageFactory(
            parent=category_page(group.hetang, "a20-01"), genre=DocumentGenre.INTERPRETATION, interprets=policy
        )
    )
    DisclosureDocumentPage.objects.filter(pk__in=[rule.pk, reading.pk]).update(published_on=tomorrow)
    rules_page = DisclosureRulesPage.objects.descendant_of(group.hetang.site.root_page).get()
    rules_page.rules.add(DisclosureRule(page=rule))
    rules_page.save()
    assert rules_page.listed_rules() == []
    assert "明日公开的制度" not in site_client(group.hetang).get("/zfxxgk/zd/").content.decode()
    assert list(policy.live_interpretations()) == []


def test_editors_preview_a_future_article(group, editor):
    future = live_article(group.hetang, "预览中的未来文章", timezone.now() + datetime.timedelta(days=1))
    revision = future.save_revision()
    client = site_client(group.hetang, editor("hetang"))
    response = client.get(reverse("wagtailadmin_pages:revisions_view", args=[future.pk, revision.pk]))
    assert response.status_code == 200 and "预览中的未来文章" in response.content.decode()
