"""Required footer and meta elements (政府网站发展指引, 网页设计规范) on every page type of every site kind."""

import datetime
import re

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from demo.factories.home import ArticlePageFactory, column_of
from home.enums import ColumnType
from home.models import ColumnPage, StandardPage
from tests.conftest import BASE_GROUP, site_client

pytestmark = pytest.mark.django_db

FOOTER_ELEMENTS = [
    "conac",
    "site-code",
    "sponsor",
    "organizer",
    "contact",
    "icp",
    "police",
    "error-report",
    "sitemap",
    "accessibility",
]
SLUGS = [spec.slug for spec in BASE_GROUP]
PUBLISHED = timezone.make_aware(datetime.datetime(2026, 3, 9, 9, 30))


def soup_of(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def meta(soup, name):
    tag = soup.find("meta", attrs={"name": name})
    return tag["content"] if tag is not None else None


def pages_of(profile):
    """One URL per page type (and per routable sub-page) of a site."""
    home = profile.site.root_page.specific
    column = ColumnPage.objects.child_of(home).first()
    standard = StandardPage.objects.descendant_of(home).first()
    article = ArticlePageFactory(
        parent=column, title="测试文章标题", source="市政府办公室", author="张三", publish_at=PUBLISHED
    )
    urls = {
        "home": "/",
        "column": column.url,
        "article": article.url,
        "html_sitemap": "/sitemap/",
        "accessibility": "/accessibility/",
    }
    if standard is not None:
        urls["standard"] = standard.url
    return urls, column, article


@pytest.mark.parametrize("slug", SLUGS)
def test_every_page_type_carries_site_meta_and_footer(group, slug):
    profile = group.all[slug]
    urls, _, _ = pages_of(profile)
    client = site_client(profile)
    for name, url in urls.items():
        soup = soup_of(client.get(url))
        assert meta(soup, "SiteName") == profile.org_name, (slug, name)
        assert meta(soup, "SiteDomain") == profile.site.hostname, (slug, name)
        assert meta(soup, "SiteIDCode") == profile.site_code, (slug, name)
        for element in FOOTER_ELEMENTS:
            assert soup.select_one(f'[data-footer="{element}"]') is not None, (slug, name, element)
        footer_text = " ".join(soup.select_one('[data-footer="icp"]').stripped_strings)
        assert profile.icp_number in footer_text
        assert profile.police_record_number in soup.select_one('[data-footer="police"]').get_text()
        assert "办公室" in soup.select_one('[data-footer="organizer"]').get_text()


@pytest.mark.parametrize("slug", ["zhuzhou", "hetang", "zhuzhou-fgw", "hetang-daping"])
def test_column_and_article_meta(group, slug):
    profile = group.all[slug]
    _, column, article = pages_of(profile)
    column.description, column.keywords = "栏目描述文字", "关键词一,关键词二"
    column.save()
    client = site_client(profile)
    soup = soup_of(client.get(column.url))
    assert meta(soup, "ColumnName") == column.title
    assert meta(soup, "ColumnType") == ColumnType(column.column_type).label
    assert meta(soup, "ColumnDescription") == "栏目描述文字"
    assert meta(soup, "ColumnKeywords") == "关键词一,关键词二"
    assert "测试文章标题" in soup.get_text()
    soup = soup_of(client.get(article.url))
    assert meta(soup, "ArticleTitle") == "测试文章标题"
    assert meta(soup, "PubDate") == "2026-03-09 09:30"
    assert meta(soup, "ContentSource") == "市政府办公室"
    text = soup.get_text()
    assert "市政府办公室" in text and "2026-03-09 09:30" in text and "张三" in text


def test_article_page_offers_font_sizes_and_print(group):
    _, _, article = pages_of(group.hetang)
    html = site_client(group.hetang).get(article.url).content.decode()
    for label in ("大", "中", "小", "打印"):
        assert re.search(rf">\s*{label}\s*<", html), label


def test_header_links_up_to_parent_portal_with_its_hostname(group):
    soup = soup_of(site_client(group.hetang).get("/"))
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert any(h.startswith("http://zhuzhou.localhost") for h in hrefs)
    assert "荷塘区人民政府" in soup.get_text()


def test_city_portal_home_lists_child_sites_with_their_hostnames(group):
    soup = soup_of(site_client(group.zhuzhou).get("/"))
    hrefs = [a["href"] for a in soup.find_all("a", href=True)]
    assert any(h.startswith("http://hetang.localhost") for h in hrefs)
    assert any(h.startswith("http://zhuzhou-fgw.localhost") for h in hrefs)
    assert any(h.startswith("http://zhuzhou-xiangjiang.localhost") for h in hrefs)  # 专题网站


def test_main_nav_comes_from_top_columns(group):
    soup = soup_of(site_client(group.hetang).get("/"))
    nav_text = soup.find("nav").get_text()
    for column in ColumnPage.objects.child_of(group.hetang.site.root_page).filter(show_in_menus=True):
        assert column.title in nav_text


def test_column_list_is_dated_newest_first_and_paginated(group):
    column = column_of(group.hetang, "tzgg")
    for day in range(1, 24):
        ArticlePageFactory(parent=column, title=f"通知{day:02d}", publish_at=PUBLISHED + datetime.timedelta(days=day))
    client = site_client(group.hetang)
    text = soup_of(client.get(column.url)).get_text()
    assert text.index("通知23") < text.index("通知22")
    assert "2026-04-01" in text  # 通知23's date
    assert "通知01" not in text  # 20 per page
    assert "通知01" in soup_of(client.get(column.url, {"page": 2})).get_text()
    last = client.get(column.url, {"page": "99"})  # a real page number past the end: the last page
    assert last.status_code == 200 and "通知01" in soup_of(last).get_text()
    for bad in ("abc", "-1", "0", "999999", "9223372036854775807", ["1", "2"]):
        refused = client.get(column.url, {"page": bad})  # the first page, with a notice, as a 400
        html = BeautifulSoup(refused.content, "html.parser")
        assert refused.status_code == 400 and "通知23" in html.get_text()
        assert "页码" in html.select_one('[data-error="page"]').get_text()


def test_rss_feed_per_column(group):
    column = column_of(group.hetang, "gzdt")
    ArticlePageFactory(parent=column, title="光网城市工程稳步推进", publish_at=PUBLISHED)
    response = site_client(group.hetang).get(column.url + "rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    xml = response.content.decode()
    assert "光网城市工程稳步推进" in xml and "http://hetang.localhost/" in xml


def test_sitemap_xml_lists_only_this_sites_pages(group):
    ArticlePageFactory(parent=column_of(group.hetang, "gzdt"), slug="hetang-only")
    ArticlePageFactory(parent=column_of(group.zhuzhou, "zwyw"), slug="zhuzhou-only")
    xml = site_client(group.hetang).get("/sitemap.xml").content.decode()
    assert "http://hetang.localhost/gzdt/hetang-only/" in xml
    assert "zhuzhou-only" not in xml


def test_unknown_hostname_gets_default_sites_404_not_500(group):
    client = site_client(group.zhuzhou)
    client.defaults["HTTP_HOST"] = "unknown.example.org"
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert meta(BeautifulSoup(response.content, "html.parser"), "SiteName") == "株洲市人民政府"
    assert client.get("/").status_code == 200


def test_missing_page_on_a_site_is_a_404_with_its_footer(group):
    response = site_client(group.hetang).get("/no-such-column/")
    assert response.status_code == 404
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('[data-footer="site-code"]') is not None


def test_user_text_is_escaped(group):
    article = ArticlePageFactory(
        parent=column_of(group.hetang, "gzdt"), title="<script>alert(1)</script>标题", source="<b>来源</b>"
    )
    html = site_client(group.hetang).get(article.url).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert "<b>来源</b>" not in html


def test_article_lists_its_attachments_with_links(group):
    import wagtail_factories

    from home.models import ArticleAttachment

    article = ArticlePageFactory(parent=column_of(group.hetang, "gzdt"))
    documents = []
    for i in range(3):
        document = wagtail_factories.DocumentFactory(title=f"实施方案附件{i}", collection=group.hetang.collection)
        ArticleAttachment.objects.create(page=article, document=document, sort_order=i, title="" if i else "附表一")
        documents.append(document)
    soup = soup_of(site_client(group.hetang).get(article.url))
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    text = soup.get_text()
    assert "附表一" in text and "实施方案附件1" in text and "实施方案附件2" in text
    assert all(document.url in hrefs for document in documents)


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("zhuzhou", "kinds/city/home/home_page.html"),
        ("hetang", "kinds/district/home/home_page.html"),
        ("zhuzhou-fgw", "home/home_page.html"),  # no department override: falls back to the default
    ],
)
def test_home_page_template_per_site_kind_with_fallback(group, slug, expected):
    response = site_client(group.all[slug]).get("/")
    names = [t.name for t in response.templates]
    assert names[0] == expected
    assert "home/home_page.html" in names  # kind templates extend the default
