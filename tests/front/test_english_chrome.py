"""Issue 15 item 6: under /en/ every link and hreflang to /en/… answers 200 in English (lang="en"), and the chrome
(header, toolbar, nav, breadcrumbs, side nav, pager, footer) has no Chinese except proper names, which are marked
lang="zh-Hans" (WCAG 3.1.2); site tiles are English where the site has an English name."""

import re

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from demo.factories.home import ArticlePageFactory, column_of
from sites.models import SiteProfile
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")
CHROME = ("header.site-top", "nav", "footer.site-footer", ".sidebar", ".pagination", ".skip-link")
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "data-suggest-label", "data-suggest-count")


def rel(page) -> str:
    with translation.override("zh-hans"):
        return page.relative_url(page.get_site())


@pytest.fixture
def english_article(group):
    article = ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="株洲启动4G商用", slug="4g")
    article.title_en = "Zhuzhou launches commercial 4G"
    article.summary_en = "Commercial 4G service starts in the city."
    article.body_en = [{"type": "paragraph", "value": "<p>Commercial 4G service starts.</p>"}]
    article.source_en, article.author_en = "Zhuzhou Daily", "General Office"
    article.save()
    return article


def chinese(html: str, selectors=CHROME) -> set[str]:
    """Chinese text in the given parts of the page, leaving out what is marked as Chinese (proper names)."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select('[lang="zh-Hans"], script, style'):
        tag.decompose()
    found = set()
    for selector in selectors:
        for element in soup.select(selector):
            texts = [element.get_text(" ")] + [el.get(a, "") for el in element.find_all(True) for a in ATTRIBUTES]
            for text in texts:
                found |= set(CJK.findall(text))
    return found


def english_paths(group, english_article) -> list[str]:
    return ["/en/", f"/en{rel(column_of(group.zhuzhou, 'zwyw'))}", f"/en{rel(english_article)}"]


def crawl_english(group, english_article) -> dict[str, str]:
    """The English mirror reached from the home page and a translated article, following every /en/ link and
    hreflang (side navs of 互动交流 and 政府信息公开 included): path → HTML; each answered 200 in English, never a
    redirect back to Chinese."""
    client = site_client(group.zhuzhou)
    todo, pages = english_paths(group, english_article), {}
    while todo:
        path = todo.pop()
        if path in pages:
            continue
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = ""
        if not response["Content-Type"].startswith("text/html"):
            assert "<language>en</language>" in response.content.decode(), path  # a column's RSS feed
            continue
        html = pages[path] = response.content.decode()
        assert '<html lang="en">' in html, path
        for element in BeautifulSoup(html, "html.parser").select('a[href], link[hreflang="en"]'):
            href = element["href"].replace(group.zhuzhou.site.root_url, "").split("#")[0]
            if href.startswith("/en/"):
                todo.append(href)
    return pages


def test_every_english_link_and_hreflang_answers_200_in_english(group, english_article):
    seen = crawl_english(group, english_article)
    assert {"/en/", "/en/hdjl/", "/en/zfxxgk/", "/en/sitemap/", "/en/accessibility/"} <= set(seen)


def test_untranslated_pages_are_linked_in_chinese_from_english_pages(group):
    html = site_client(group.zhuzhou).get("/en/zfxxgk/").content.decode()
    hrefs = {a["href"] for a in BeautifulSoup(html, "html.parser").select("a[href]")}
    assert "/zfxxgk/zn/" in hrefs and "/en/zfxxgk/zn/" not in hrefs  # 政府信息公开指南 has no English version


def test_english_chrome_has_no_chinese_except_marked_proper_names(group, english_article):
    client = site_client(group.zhuzhou)
    for path in english_paths(group, english_article):
        html = client.get(path).content.decode()
        assert chinese(html) == set(), path
        assert chinese(html, (".breadcrumbs",)) == set(), path
    # Whole pages of chrome only: the 网站地图 and the accessibility statement.
    for path in ("/en/sitemap/", "/en/accessibility/"):
        assert chinese(client.get(path).content.decode(), ("body",)) == set(), path


def test_welcome_line_has_its_space(group):
    html = site_client(group.changde).get("/").content.decode()
    assert "欢迎访问常德市人民政府" in html
    soup = BeautifulSoup(site_client(group.zhuzhou).get("/en/").content, "html.parser")
    assert soup.select_one(".topbar-welcome").get_text() == "Welcome to Zhuzhou Municipal People's Government"


def test_site_tiles_and_names_are_english_where_the_site_has_an_english_name(group):
    SiteProfile.objects.filter(pk=group.hetang.pk).update(org_name_en="Hetang District People's Government")
    html = site_client(group.zhuzhou).get("/en/").content.decode()
    soup = BeautifulSoup(html, "html.parser")
    tiles = {a["data-child-site"]: a for a in soup.select("[data-child-site]")}
    assert tiles["hetang"].get_text(strip=True) == "Hetang District People's Government"
    # A site with no English name keeps its Chinese name, marked as Chinese.
    other = tiles["zhuzhou-fgw"]
    assert other.select_one('span[lang="zh-Hans"]').get_text() == "市发改委"
    # In Chinese nothing changes.
    soup = BeautifulSoup(site_client(group.zhuzhou).get("/").content, "html.parser")
    assert soup.select_one('[data-child-site="hetang"]').get_text(strip=True) == "荷塘区"
    assert not soup.select('[data-child-site] span[lang="zh-Hans"]')


def test_demo_district_and_department_sites_have_english_names():
    from demo.home.data import all_sites
    from sites.enums import SiteKind

    missing = [
        site.name
        for site in all_sites()
        if site.kind in (SiteKind.DISTRICT, SiteKind.DEPARTMENT) and not (site.name_en and site.short_name_en)
    ]
    assert missing == []  # the English portals' tiles (区县, 部门) are English


def test_chinese_content_on_english_pages_is_marked_as_chinese(group, english_article):
    """Items with no English version (documents, replies, guides, section titles) are listed as they are, in
    Chinese, marked lang="zh-Hans" (WCAG 2.1 SC 3.1.2): no unmarked Chinese anywhere in an English page's body."""
    ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), title="株洲市电子政务外网完成优化改造", slug="wlgz")
    pages = crawl_english(group, english_article)
    unmarked = {path: chinese(html, ("body",)) for path, html in pages.items() if html}
    assert len(unmarked) >= 5
    problems = {path: sorted(found) for path, found in unmarked.items() if found}
    assert problems == {}, problems
