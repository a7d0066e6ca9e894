"""Autosave (issue 14 item 5): never on the add form (no page before the editor saves, so no orphan draft), still on
the edit form of an existing page."""

import pytest
from django.urls import reverse
from lxml import html

from demo.factories.home import ArticlePageFactory, column_of
from home.models import ArticlePage
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def edit_form_tag(content: bytes):
    return html.fromstring(content).get_element_by_id("page-edit-form")


def test_add_form_does_not_autosave_and_edit_form_does(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    column = column_of(group.hetang, "gzdt")
    before = ArticlePage.objects.count()
    add = client.get(reverse("wagtailadmin_pages:add", args=["home", "articlepage", column.pk])).content
    form = edit_form_tag(add)
    assert "w-autosave" not in form.get("data-controller") and "w-autosave" not in form.get("data-action")
    assert b"w-autosave-indicator" not in add  # no "已保存" / "自动保存已暂停" that would not be true
    assert ArticlePage.objects.count() == before  # opening the form created nothing

    page = ArticlePageFactory(parent=column)
    form = edit_form_tag(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content)
    assert "w-autosave" in form.get("data-controller") and form.get("data-w-autosave-interval-value")
