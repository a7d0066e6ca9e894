"""The /en/ mirror: served only for pages with an English translation on sites that enable English."""

import pytest
from django.urls import reverse
from django.utils import translation

from demo.factories.home import ArticlePageFactory, column_of
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def rel(page) -> str:
    """Site-relative Chinese URL (``page.url`` is absolute when several sites exist, and the language a
    previous request activated would otherwise prefix it)."""
    with translation.override("zh-hans"):
        return page.relative_url(page.get_site())


def test_translated_pages_are_served_in_english(group):
    client = site_client(group.zhuzhou)
    response = client.get("/en/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zhuzhou Municipal People's Government" in html or "Zhuzhou Municipal People&#x27;s Government" in html
    assert 'lang="en"' in html
    column = column_of(group.zhuzhou, "zwyw")
    assert column.title_en == "News"
    response = client.get(f"/en{rel(column)}")
    assert response.status_code == 200
    assert "News" in response.content.decode()


def test_untranslated_page_redirects_to_chinese(group):
    client = site_client(group.zhuzhou)
    article = ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="仅中文文章")
    response = client.get(f"/en{rel(article)}")
    assert response.status_code == 302
    assert response["Location"] == rel(article)
    assert client.get(response["Location"]).status_code == 200
    untranslated_column = column_of(group.zhuzhou, "qxdt")
    assert client.get(f"/en{rel(untranslated_column)}")["Location"] == rel(untranslated_column)


def test_translated_article_in_english(group):
    article = ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="株洲启动4G商用", slug="4g")
    article.title_en = "Zhuzhou launches commercial 4G"
    article.save()
    response = site_client(group.zhuzhou).get(f"/en{rel(article)}")
    assert response.status_code == 200
    assert "Zhuzhou launches commercial 4G" in response.content.decode()


def test_site_without_english_redirects_everything(group):
    column = column_of(group.hetang, "gzdt")
    column.title_en = "News"
    column.save()
    client = site_client(group.hetang)
    assert client.get("/en/")["Location"] == "/"
    assert client.get(f"/en{rel(column)}")["Location"] == rel(column)


def test_unknown_english_path_is_404(group):
    assert site_client(group.zhuzhou).get("/en/no-such-page/").status_code == 404


def test_admin_defaults_to_simplified_chinese(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'lang="zh-hans"' in html
    assert "控制面板" in html and "跳到主要内容" in html  # Wagtail's own zh-hans strings


def test_english_lists_and_nav_show_only_translated_pages(group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    column = column_of(group.zhuzhou, "zwyw")
    ArticlePageFactory(parent=column, title="只有中文的要闻")
    translated = ArticlePageFactory(parent=column, title="株洲启动4G商用", slug="4g-en")
    translated.title_en = "Zhuzhou launches commercial 4G"
    translated.save()
    client = site_client(group.zhuzhou)
    for url in ("/en/", f"/en{rel(column)}"):
        html = client.get(url).content.decode()
        assert "Zhuzhou launches commercial 4G" in html
        assert "只有中文的要闻" not in html and "株洲启动4G商用" not in html
        assert "区县动态" not in html  # untranslated column: not in the English nav or home
    assert "只有中文的要闻" in client.get("/").content.decode()
    client.get("/en/")
    with CaptureQueriesContext(connection) as english:
        client.get("/en/")
    with CaptureQueriesContext(connection) as chinese:
        client.get("/")
    assert len(english) <= len(chinese)  # no per-item queries for the English titles


def test_english_mirror_chrome_is_in_english(group):
    client = site_client(group.zhuzhou)
    english = client.get("/en/").content.decode()
    assert ">Home<" in english and "Site map" in english and "Website ID" in english
    chinese = client.get("/").content.decode()
    assert ">首页<" in chinese and "网站地图" in chinese and "网站标识码" in chinese
