"""Issue 15 item 4: the 网站地图 mirrors the site's real section tree."""

import pytest
from bs4 import BeautifulSoup

from demo.factories.home import ArticlePageFactory, column_of
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def sitemap_sections(profile) -> dict[str, list[str]]:
    response = site_client(profile).get("/sitemap/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        section.h2.get_text(strip=True): [a.get_text(strip=True) for a in section.select("li a")]
        for section in soup.select("section.sitemap-group")
    }


def test_every_top_level_section_is_listed_with_its_own_children(group):
    ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="一篇要闻不该出现在网站地图")
    sections = sitemap_sections(group.zhuzhou)
    nav = [
        a.get_text(strip=True)
        for a in BeautifulSoup(site_client(group.zhuzhou).get("/").content, "html.parser").select(".nav-list a")
    ]
    assert [title for title in nav if title != "首页"] == [title for title in sections if title in nav]
    assert {"政府信息公开指南", "法定主动公开内容", "依申请公开"} <= set(sections["政府信息公开"])
    assert sections["互动交流"] and all(title not in sections["办事服务"] for title in sections["政府信息公开"])
    assert all("一篇要闻" not in title for children in sections.values() for title in children)


def test_every_site_kind_lists_every_nav_section(group):
    for profile in group.all.values():
        home = BeautifulSoup(site_client(profile).get("/").content, "html.parser")
        nav = {a.get_text(strip=True) for a in home.select(".nav-list a")} - {"首页"}
        assert nav, profile.slug
        assert nav <= set(sitemap_sections(profile)), (profile.slug, nav - set(sitemap_sections(profile)))
