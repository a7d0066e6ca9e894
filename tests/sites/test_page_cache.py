"""The anonymous page cache: hits skip the database, and every change visitors could see invalidates it."""

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from demo.factories.home import ArticlePageFactory, column_of
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from sites.models import SiteSettings
from tests.conftest import site_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


@pytest.fixture
def page_cache_on():
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield


def fetch(client, url="/", **params):
    response = client.get(url, params)
    return response, response.content.decode()


def publish_article(profile, title, column="gzdt"):
    article = ArticlePageFactory(parent=column_of(profile, column), title=title, live=False)
    article.save_revision().publish()
    article.refresh_from_db()  # publish() works on a copy; the in-memory page still says live=False
    return article


def test_second_anonymous_request_is_served_from_cache_without_queries(group):
    client = site_client(group.hetang)
    first, html = fetch(client)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second, cached_html = fetch(client)
    assert second["X-Page-Cache"] == "hit" and cached_html == html and len(queries) == 0
    assert second["Content-Type"].startswith("text/html")


def test_publish_unpublish_and_delete_invalidate(group):
    client = site_client(group.hetang)
    fetch(client)
    article = publish_article(group.hetang, "荷塘区光纤入户工程完工")
    response, html = fetch(client)
    assert response["X-Page-Cache"] == "miss" and "荷塘区光纤入户工程完工" in html
    article.unpublish()
    assert "荷塘区光纤入户工程完工" not in fetch(client)[1]
    other = publish_article(group.hetang, "荷塘区公共自行车新增站点")
    assert "荷塘区公共自行车新增站点" in fetch(client)[1]
    other.delete()
    assert "荷塘区公共自行车新增站点" not in fetch(client)[1]


def test_site_settings_change_invalidates(group):
    client = site_client(group.hetang)
    fetch(client)
    settings = SiteSettings.objects.get(site=group.hetang.site)
    settings.phone = "0731-28888888"
    settings.save()
    assert "0731-28888888" in fetch(client)[1]


def test_hosts_pages_and_pagination_are_distinct_entries(group):
    hetang, fgw = site_client(group.hetang), site_client(group.all["zhuzhou-fgw"])
    assert "荷塘区人民政府" in fetch(hetang)[1]
    assert "株洲市发展和改革委员会" in fetch(fgw)[1]
    assert "荷塘区人民政府" in fetch(hetang)[1]
    column_url = column_of(group.hetang, "gzdt").relative_url(group.hetang.site)
    fetch(hetang, column_url)
    assert fetch(hetang, column_url, page=2)[0]["X-Page-Cache"] == "miss"
    assert fetch(hetang, column_url, page=2)[0]["X-Page-Cache"] == "hit"


def test_editors_sessions_other_queries_and_errors_bypass_the_cache(group, editor):
    logged_in = site_client(group.hetang, editor("hetang"))
    fetch(logged_in)
    assert "X-Page-Cache" not in fetch(logged_in)[0]
    anonymous = site_client(group.hetang)
    fetch(anonymous, q="光网")
    assert "X-Page-Cache" not in fetch(anonymous, q="光网")[0]
    assert anonymous.get("/no-such-page/").status_code == 404
    assert "X-Page-Cache" not in anonymous.get("/no-such-page/")
    assert "X-Page-Cache" not in anonymous.post("/")


@override_settings(PAGE_CACHE_SECONDS=0)
def test_off_when_zero(group):
    client = site_client(group.hetang)
    fetch(client)
    assert "X-Page-Cache" not in fetch(client)[0]


def test_publish_on_a_village_keeps_the_portal_cached_and_refreshes_the_village(group):
    portal, village = site_client(group.all["zhuzhou"]), site_client(group.all["hetang-daping"])
    _, portal_html = fetch(portal)
    fetch(village)
    publish_article(group.all["hetang-daping"], "大坪社区垃圾分类宣传进小区")
    with CaptureQueriesContext(connection) as queries:
        response, html = fetch(portal)
    assert response["X-Page-Cache"] == "hit" and html == portal_html and len(queries) == 0
    response, html = fetch(village)
    assert response["X-Page-Cache"] == "miss" and "大坪社区垃圾分类宣传进小区" in html


def test_publish_on_the_portal_refreshes_the_portal_only(group):
    portal, district = site_client(group.all["zhuzhou"]), site_client(group.hetang)
    fetch(portal)
    fetch(district)
    publish_article(group.all["zhuzhou"], "株洲市政务服务中心延时服务", column="zwyw")
    response, html = fetch(portal)
    assert response["X-Page-Cache"] == "miss" and "株洲市政务服务中心延时服务" in html
    assert fetch(district)[0]["X-Page-Cache"] == "hit"


def test_a_township_publish_refreshes_the_group_catalogue_above_it_but_not_the_portal_home(group):
    """The portal's 全市政府信息公开目录 lists every site's documents; its home page lists none of a township's."""
    township = group.all["hetang-yuetang"]
    portal = site_client(group.all["zhuzhou"])
    for url in ("/", "/zfxxgk/group/"):
        fetch(portal, url)
        assert fetch(portal, url)[0]["X-Page-Cache"] == "hit"
    fetch(site_client(group.all["changde"]), "/zfxxgk/group/")
    doc = DisclosureDocumentPageFactory(parent=category_page(township, "a20-01"), title="月塘街道2026年工作要点")
    publish(doc)
    response, html = fetch(portal, "/zfxxgk/group/")
    assert response["X-Page-Cache"] == "miss" and "月塘街道2026年工作要点" in html
    assert fetch(portal, "/")[0]["X-Page-Cache"] == "hit"
    # Another city's group does not contain the township.
    assert fetch(site_client(group.all["changde"]), "/zfxxgk/group/")[0]["X-Page-Cache"] == "hit"


def test_a_site_profile_change_refreshes_every_site(group):
    """Site names appear in parents' child-site panels and children's headers: group-wide."""
    portal, district = site_client(group.all["zhuzhou"]), site_client(group.hetang)
    fetch(portal)
    fetch(district)
    profile = group.all["zhuzhou-fgw"]
    profile.org_name, profile.short_name = "株洲市发展和改革局", "市发展改革局"
    profile.save()
    response, html = fetch(portal)
    assert response["X-Page-Cache"] == "miss" and "市发展改革局" in html
    assert fetch(district)[0]["X-Page-Cache"] == "miss"


def test_a_host_that_is_not_a_site_hostname_is_not_cached(group):
    """Unknown hosts fall back to the default site; its counters are keyed by its own name, so such a copy could
    never be invalidated."""
    client = Client(HTTP_HOST="127.0.0.1")
    assert client.get("/").status_code == 200
    assert "X-Page-Cache" not in client.get("/")


@override_settings(ALLOWED_HOSTS=["hetang.localhost"])
def test_a_refused_host_gets_djangos_400_not_an_error_from_the_caches(group):
    assert Client(HTTP_HOST="evil.example").get("/").status_code == 400
    assert site_client(group.hetang).get("/").status_code == 200
