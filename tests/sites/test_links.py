import pytest
from django.test import RequestFactory
from django.utils import translation

from demo.factories.home import ArticlePageFactory, column_of
from sites.links import local_page_url

pytestmark = pytest.mark.django_db


def test_local_urls_match_wagtails_for_every_language_and_fall_back_across_sites(group):
    article = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), slug="guangwang")
    request = RequestFactory().get("/", HTTP_HOST="hetang.localhost")
    assert local_page_url(article, request) == "/gzdt/guangwang/" == article.get_url(request)
    assert local_page_url(group.hetang.site.root_page, request) == "/"
    with translation.override("en"):
        # Without an English version its /en/ address would only redirect: linked in Chinese (issue 15).
        assert local_page_url(article, request) == "/gzdt/guangwang/"
    article.title_en = "Fibre network"
    article.save()
    with translation.override("en"):
        assert local_page_url(article, request) == "/en/gzdt/guangwang/" == article.get_url(request)
    other = column_of(group.zhuzhou, "zwyw")
    assert local_page_url(other, request) == "http://zhuzhou.localhost/zwyw/" == other.get_url(request)
