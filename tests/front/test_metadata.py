"""Issue 15 item 5: robots.txt per site, the favicon, sitemap lastmod and language alternates, and links to /en/
only where an English version exists."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from demo.factories.home import ArticlePageFactory, column_of
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def rel(page) -> str:
    with translation.override("zh-hans"):
        return page.relative_url(page.get_site())


def sitemap_entries(client) -> dict[str, ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {url.find(f"{SITEMAP}loc").text: url for url in root.findall(f"{SITEMAP}url")}


def test_robots_txt_names_the_sites_own_sitemap_and_keeps_crawlers_out_of_the_admin(group):
    for profile in (group.zhuzhou, group.hetang):
        response = site_client(profile).get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/plain; charset=utf-8"
        lines = response.content.decode().splitlines()
        assert f"Sitemap: {profile.site.root_url}/sitemap.xml" in lines
        assert {"Disallow: /admin/", "Disallow: /api/", "Disallow: /search/"} <= set(lines)
        assert "Disallow: /" not in lines  # the pages themselves are meant to be found


def test_favicon_is_served_and_linked_from_every_page(group):
    client = site_client(group.hetang)
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header
    assert '<link rel="icon" href="/favicon.ico"' in client.get("/").content.decode()


def test_every_sitemap_url_has_a_lastmod_including_the_factory_made_columns(group):
    entries = sitemap_entries(site_client(group.hetang))
    assert len(entries) > 10
    missing = [loc for loc, url in entries.items() if url.find(f"{SITEMAP}lastmod") is None]
    assert missing == []
    home = entries[f"{group.hetang.site.root_url}/"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", home.find(f"{SITEMAP}lastmod").text)


def test_sitemap_alternates_only_for_pages_with_an_english_version(group):
    column = column_of(group.zhuzhou, "zwyw")  # "News" in the base group
    chinese_only = ArticlePageFactory(parent=column, title="只有中文的要闻", slug="zh-only")
    translated = ArticlePageFactory(parent=column, title="株洲启动4G商用", slug="4g-en", title_en="Zhuzhou launches 4G")
    entries = sitemap_entries(site_client(group.zhuzhou))
    root = group.zhuzhou.site.root_url

    alternates = entries[f"{root}{rel(translated)}"].findall(f"{XHTML}link")
    assert {(a.get("hreflang"), a.get("href")) for a in alternates} == {
        ("zh-Hans", f"{root}{rel(translated)}"),
        ("en", f"{root}/en{rel(translated)}"),
    }
    assert entries[f"{root}{rel(chinese_only)}"].findall(f"{XHTML}link") == []
    # A site without English has no alternates at all.
    hetang = sitemap_entries(site_client(group.hetang))
    assert all(url.findall(f"{XHTML}link") == [] for url in hetang.values())


def test_english_links_and_hreflang_only_on_pages_that_have_an_english_version(group):
    column = column_of(group.zhuzhou, "zwyw")
    chinese_only = ArticlePageFactory(parent=column, title="只有中文的要闻", slug="zh-only")
    translated = ArticlePageFactory(parent=column, title="株洲启动4G商用", slug="4g-en", title_en="Zhuzhou launches 4G")
    client = site_client(group.zhuzhou)

    html = client.get(rel(translated)).content.decode()
    assert f'hreflang="en" href="/en{rel(translated)}"' in html
    assert f'href="/en{rel(translated)}" lang="en" hreflang="en">English</a>' in html

    html = client.get(rel(chinese_only)).content.decode()
    assert 'hreflang="en"' not in html
    assert ">English</a>" not in html
    # Every /en/ link a translated page carries answers 200 in English (no redirect back to Chinese).
    for href in set(re.findall(r'href="(/en/[^"]*)"', client.get(rel(translated)).content.decode())):
        response = client.get(href)
        assert response.status_code == 200, href
        assert 'lang="en"' in response.content.decode()
