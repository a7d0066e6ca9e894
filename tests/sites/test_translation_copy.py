"""The modeltranslation "copy from the other language" helper: CSRF-checked, edit permission, 4xx for bad input."""

import json

import pytest
from django.test import Client

from demo.factories.home import ArticlePageFactory
from home.models import ColumnPage
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def article(group):
    column = ColumnPage.objects.descendant_of(group.hetang.site.root_page).get(slug="tzgg")
    return ArticlePageFactory(parent=column, title="通知")


def url(page_id):
    return f"/admin/pages/{page_id}/edit/copy_translation_content/"


def valid(body_field):
    return {
        "origin_field_name": f"{body_field}_zh_hans",
        "target_field_name": f"{body_field}_en",
        "serializedOriginField": json.dumps([{"name": f"{body_field}_zh_hans-count", "value": "0"}]),
    }


def test_an_editor_copies_within_their_own_page(group, editor, article):
    field = next(f.name for f in article._meta.fields if f.name.endswith("_zh_hans") and "body" in f.name)[:-8]
    response = site_client(group.hetang, editor("hetang")).post(url(article.pk), valid(field), **XHR)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    "change",
    [
        {"method": "get"},
        {"xhr": False},
        {"data": {"target_field_name": "title"}},
        {"data": {"target_field_name": "no_such_field"}},
        {"data": {"serializedOriginField": "not json"}},
        {"data": {"serializedOriginField": json.dumps({"a": 1})}},
    ],
)
def test_bad_requests_are_4xx_not_500(group, editor, article, change):
    client = site_client(group.hetang, editor("hetang"))
    field = next(f.name for f in article._meta.fields if f.name.endswith("_zh_hans") and "body" in f.name)[:-8]
    data = {**valid(field), **change.get("data", {})}
    headers = XHR if change.get("xhr", True) else {}
    response = (
        client.get(url(article.pk)) if change.get("method") == "get" else client.post(url(article.pk), data, **headers)
    )
    assert 400 <= response.status_code < 500


def test_other_sites_and_missing_pages_are_404_and_csrf_is_checked(group, editor, article):
    assert site_client(group.changde, editor("changde")).post(url(article.pk), {}, **XHR).status_code == 404
    assert site_client(group.hetang, editor("hetang")).post(url(999_999), {}, **XHR).status_code == 404
    strict = Client(enforce_csrf_checks=True, HTTP_HOST=group.hetang.site.hostname)
    strict.force_login(editor("hetang"))
    assert strict.post(url(article.pk), {}, **XHR).status_code == 403
