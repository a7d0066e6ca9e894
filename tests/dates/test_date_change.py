"""Changing a published item's shown date (发布时间/发布日期) needs a reason and is logged with who, what and why;
a future date schedules the page through Wagtail's go-live time."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from sites.shown_dates import DATE_CHANGED_ACTION
from tests.conftest import site_client

from .helpers import page_form_data

pytestmark = pytest.mark.django_db
REASON_REQUIRED = "本信息已发布，修改发布时间须填写修改原因。"


@pytest.fixture
def hetang_editor(group, editor):
    return editor("hetang")


def post_edit(group, user, page, **changes):
    client = site_client(group.hetang, user)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), page_form_data(page, user, **changes))


def published_article(group, **kwargs):
    return publish(ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), live=False, **kwargs))


def test_back_dating_a_published_article_without_a_reason_is_refused(group, hetang_editor):
    article = published_article(group, title="荷塘区召开安全生产会议")
    shown = article.publish_at
    response = post_edit(group, hetang_editor, article, publish_at="2026-01-05 10:00:00")
    assert response.status_code == 200
    assert REASON_REQUIRED in response.context["form"].errors["shown_date_reason"]
    article.refresh_from_db()
    assert article.publish_at == shown
    assert article.revisions.count() == 1  # nothing saved, not even a draft
    assert not PageLogEntry.objects.filter(page=article, action=DATE_CHANGED_ACTION).exists()


def test_a_reason_lets_the_change_through_and_logs_old_new_reason_and_user(group, hetang_editor):
    article = published_article(group, title="荷塘区召开防汛工作会议")
    old = timezone.localtime(article.publish_at).isoformat(timespec="minutes")
    response = post_edit(
        group, hetang_editor, article, publish_at="2026-01-05 10:00:00", shown_date_reason="录入时误填会议日期"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert timezone.localtime(article.publish_at).date() == datetime.date(2026, 1, 5)
    entry = PageLogEntry.objects.get(page=article, action=DATE_CHANGED_ACTION)
    assert entry.user == hetang_editor
    new = "2026-01-05T10:00+08:00"
    assert entry.data == {"field": "发布时间", "from": old, "to": new, "reason": "录入时误填会议日期"}
    assert entry.message == f"将发布时间由 {old} 改为 {new}，原因：录入时误填会议日期"


def test_unchanged_date_or_unpublished_page_needs_no_reason(group, hetang_editor):
    article = published_article(group, title="荷塘区开展义诊活动")
    assert post_edit(group, hetang_editor, article, title_zh_hans="荷塘区开展义诊进社区活动").status_code == 302
    draft = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), live=False)
    draft.save_revision()
    assert post_edit(group, hetang_editor, draft, publish_at="2026-01-05 10:00:00").status_code == 302
    assert not PageLogEntry.objects.filter(action=DATE_CHANGED_ACTION).exists()


def test_a_future_publish_at_schedules_a_new_article(group, hetang_editor):
    draft = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), live=False, title="明日发布的通知")
    draft.save_revision()
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    response = post_edit(group, hetang_editor, draft, publish_at=tomorrow.strftime("%Y-%m-%d %H:%M:00"))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert not draft.live  # scheduled: Wagtail publishes it at its go-live time
    revision = draft.revisions.get(approved_go_live_at__isnull=False)
    assert revision.approved_go_live_at == tomorrow.replace(second=0, microsecond=0)


def test_a_disclosure_documents_date_change_needs_a_reason_too(group, hetang_editor):
    document = publish(DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-01")))
    response = post_edit(group, hetang_editor, document, published_on="2026-03-20")
    assert response.status_code == 200
    assert REASON_REQUIRED in response.context["form"].errors["shown_date_reason"]
    document.refresh_from_db()
    assert document.published_on != datetime.date(2026, 3, 20) and not document.publish_date_changed

    response = post_edit(group, hetang_editor, document, published_on="2026-03-20", shown_date_reason="更正笔误")
    assert response.status_code == 302, response.content.decode()[:2000]
    document.refresh_from_db()
    assert document.published_on == datetime.date(2026, 3, 20) and document.publish_date_changed
    entry = PageLogEntry.objects.get(page=document, action=DATE_CHANGED_ACTION)
    assert entry.data["field"] == "发布日期" and entry.data["to"] == "2026-03-20" and entry.data["reason"] == "更正笔误"
    assert entry.user == hetang_editor


def test_a_scheduled_drafts_untouched_date_follows_the_go_live_time(group, hetang_editor):
    draft = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), live=False, title="下周一上线的通知")
    draft.save_revision()
    go_live = (timezone.localtime() + datetime.timedelta(days=7)).replace(hour=9, minute=0, second=0, microsecond=0)
    response = post_edit(group, hetang_editor, draft, go_live_at=go_live.strftime("%Y-%m-%d %H:%M:%S"))
    assert response.status_code == 302, response.content.decode()[:2000]
    scheduled = draft.revisions.get(approved_go_live_at__isnull=False).as_object()
    assert scheduled.publish_at == go_live  # not the day the draft was started


def test_a_shown_date_set_before_the_go_live_time_is_refused(group, hetang_editor):
    draft = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), live=False, title="倒签日期的通知")
    draft.save_revision()
    go_live = timezone.localtime() + datetime.timedelta(days=7)
    response = post_edit(
        group,
        hetang_editor,
        draft,
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M:00"),
        publish_at="2026-01-05 10:00:00",
    )
    assert response.status_code == 200
    assert response.context["form"].errors["publish_at"] == [
        "发布时间早于上线时间，上线后将显示为过去的发布时间；请改为不早于上线时间，或清空上线时间。"
    ]
    assert not draft.revisions.filter(approved_go_live_at__isnull=False).exists()


def test_the_reason_field_is_shown_only_once_the_item_has_been_published(group, hetang_editor):
    client = site_client(group.hetang, hetang_editor)
    column = column_of(group.hetang, "gzdt")
    add = client.get(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk]))
    assert add.status_code == 200 and "shown_date_reason" not in add.context["form"].fields
    draft = ArticlePageFactory(parent=column, live=False, title="从未发布的草稿")
    assert (
        "shown_date_reason"
        not in client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).context["form"].fields
    )
    article = published_article(group, title="已发布的文章")
    assert (
        "shown_date_reason" in client.get(reverse("wagtailadmin_pages:edit", args=[article.pk])).context["form"].fields
    )
