"""Dashboard panels (issue 14 item 5): 我的草稿 and 我的留言（即将到期/已超期）, each confined to the user's sites."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import html

from demo.factories.home import ArticlePageFactory
from demo.factories.interaction import QuestionFactory
from home.models import ColumnPage
from sites.admin_drafts import MyDraftsPanel
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def panel(response, panel_id):
    found = html.fromstring(response.content).xpath(f'//*[@id="{panel_id}-content" or @id="{panel_id}"]')
    return found[0].text_content() if found else None


def draft(profile, user, title, live=False):
    column = ColumnPage.objects.descendant_of(profile.site.root_page).first()
    page = ArticlePageFactory(parent=column, title=title, live=live)
    page.save_revision(user=user)
    return page


def test_my_drafts_lists_the_users_own_unpublished_pages_on_their_sites(group, editor, django_user_model):
    me, colleague = editor("hetang"), django_user_model.objects.create_user("colleague-hetang")
    draft(group.hetang, me, "我的新草稿")
    published = draft(group.hetang, me, "已发布有修改", live=True)
    published.save_revision(user=me)
    draft(group.hetang, colleague, "同事的草稿")
    draft(group.zhuzhou, me, "别站的页面")  # not a page of the user's sites (cannot happen through the admin)
    done = draft(group.hetang, me, "已发布无修改")
    done.get_latest_revision().publish()

    text = panel(site_client(group.hetang, me).get("/admin/"), "my-drafts")
    assert "我的新草稿" in text and "已发布有修改" in text and "已发布，有未发布的修改" in text
    assert "同事的草稿" not in text and "别站的页面" not in text and "已发布无修改" not in text


def test_my_drafts_is_one_query_for_a_platform_admin(group, editor, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    draft(group.hetang, admin, "管理员草稿")
    with CaptureQueriesContext(connection) as ctx:
        context = MyDraftsPanel(admin).get_context_data({})
    assert [p.title for p in context["drafts"]] == ["管理员草稿"]
    assert len(ctx.captured_queries) == 1


def test_my_messages_lists_due_soon_and_overdue_messages_of_the_users_sites(group, editor):
    long_ago = timezone.now() - datetime.timedelta(days=40)
    QuestionFactory(site=group.hetang, title="早已超期的留言", received_at=long_ago)
    QuestionFactory(site=group.hetang, title="刚收到的留言")
    QuestionFactory(site=group.zhuzhou_fgw, title="别站超期的留言", received_at=long_ago)

    response = site_client(group.hetang, editor("hetang")).get("/admin/")
    text = panel(response, "my-messages-due")
    assert "早已超期的留言" in text and "已超期" in text
    assert "刚收到的留言" not in text and "别站超期的留言" not in text


def test_platform_admin_has_no_messages_panel(group, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    response = site_client(group.zhuzhou, admin).get("/admin/")
    assert response.status_code == 200 and panel(response, "my-messages-due") is None


def test_due_soon_messages_are_listed_with_their_badge(group, editor):
    from interaction.models import Question

    question = QuestionFactory(site=group.hetang, title="明天到期的留言")
    Question.objects.filter(pk=question.pk).update(due_on=timezone.localdate() + datetime.timedelta(days=1))
    response = site_client(group.hetang, editor("hetang")).get("/admin/")
    row = html.fromstring(response.content).xpath(f'//tr[@data-question="{question.pk}"]')
    assert row and "明天到期的留言" in row[0].text_content()
    assert row[0].xpath('.//*[@data-alarm="due_soon"]')[0].text_content() == "即将到期"
