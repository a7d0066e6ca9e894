"""Per-site data and fragments in the shared cache (sites/site_cache.py): fewer queries, same page, and fresh
after every change a visitor could see. The page cache is off here (PAGE_CACHE_SECONDS=0 in tests)."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from demo.factories.home import ArticlePageFactory, column_of
from sites.models import SiteSettings
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def render(client, url="/"):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return response.content.decode(), len(queries)


def publish_article(profile, title, column="gzdt"):
    article = ArticlePageFactory(parent=column_of(profile, column), title=title, live=False)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_second_render_is_identical_with_fewer_queries(group):
    client = site_client(group.hetang)
    article = publish_article(group.hetang, "荷塘区光纤入户工程完工")
    for url in ("/", column_of(group.hetang, "gzdt").relative_url(group.hetang.site), article.relative_url(None)):
        first, first_queries = render(client, url)
        second, second_queries = render(client, url)
        assert second == first
        assert second_queries < first_queries, (url, first_queries, second_queries)
    assert render(client, "/")[1] <= 3  # routing and view restrictions only, as for Wagtail's own welcome page


def test_publish_on_the_site_shows_at_once(group):
    client = site_client(group.hetang)
    render(client)
    publish_article(group.hetang, "荷塘区公共自行车新增站点")
    assert "荷塘区公共自行车新增站点" in render(client)[0]


def test_publish_elsewhere_keeps_the_cached_data(group):
    client = site_client(group.hetang)
    render(client)
    _, cached_queries = render(client)
    publish_article(group.all["hetang-daping"], "大坪社区垃圾分类宣传进小区")
    html, queries = render(client)
    assert queries == cached_queries and "大坪社区垃圾分类宣传进小区" not in html


def test_nav_title_change_settings_and_unpublish_show_at_once(group):
    client = site_client(group.hetang)
    render(client)
    column = column_of(group.hetang, "tzgg")
    column.title = "通知公示"
    column.save_revision().publish()
    assert ">通知公示</a>" in render(client)[0]
    settings = SiteSettings.objects.get(site=group.hetang.site)
    settings.phone = "0731-28888888"
    settings.save()
    assert "0731-28888888" in render(client)[0]
    article = publish_article(group.hetang, "荷塘区春季招聘会")
    assert "荷塘区春季招聘会" in render(client)[0]
    article.unpublish()
    assert "荷塘区春季招聘会" not in render(client)[0]


def test_child_site_names_follow_profile_changes(group):
    client = site_client(group.all["zhuzhou"])
    render(client)
    profile = group.hetang
    profile.short_name = "荷塘区（新）"
    profile.save()
    assert 'data-child-site="hetang">荷塘区（新）</a>' in render(client)[0]


def test_a_fallback_host_sees_the_default_sites_changes(group):
    """Unknown hosts are served by the default site; its cached data is keyed by the site, not the host."""
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/").status_code == 200
    publish_article(group.all["zhuzhou"], "株洲市政务服务中心延时服务", column="zwyw")
    assert "株洲市政务服务中心延时服务" in client.get("/").content.decode()


def test_free_text_in_a_key_is_hashed_so_every_backend_accepts_it(group, recwarn):
    """A breadcrumb's label varies its entry (the English site map's "Site map"): a space is not valid in a
    memcached key, so Django warned on every English page; different labels still get different entries."""
    from django.core.cache.backends.base import CacheKeyWarning

    from sites.site_cache import _vary_part

    assert _vary_part((2, "zfxxgk")) == "2:zfxxgk"
    hashed = {_vary_part((2, label)) for label in ("Site map", "Site  map", "City-wide disclosure catalogue")}
    assert len(hashed) == 3 and all(" " not in part and len(part) <= 40 for part in hashed)
    assert _vary_part(("长" * 120,)) != "长" * 120
    site_client(group.zhuzhou).get("/en/sitemap/")
    assert [w for w in recwarn if issubclass(w.category, CacheKeyWarning)] == []
