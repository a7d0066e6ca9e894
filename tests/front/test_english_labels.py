"""Issue 15 item 6: labels stored as data (the 主题分类, the statutory disclosure categories of 条例 Arts. 20–21 and
the 信息类别 filter, openinfo/data/*.toml) and the search box's example are English on the /en/ mirror, and no
Chinese is left in the filter forms' labels and options except proper names marked lang="zh-Hans"."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.catalogue import categories, subject_entries, subjects
from openinfo.models import DisclosureCategoryPage
from tests.conftest import site_client
from tests.front.test_english_chrome import CJK, chinese
from tests.search.conftest import corpus  # noqa: F401  (the search corpus fixture)

pytestmark = pytest.mark.django_db

FORMS = ("form.catalogue-filters", "form.search-filters", ".search-facets")


def options(html: str, select_id: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [o.get_text(strip=True) for o in soup.select(f"#{select_id} option")]


def test_every_label_in_the_data_has_an_english_name():
    assert [c.code for c in categories() if not c.name_en.strip()] == []
    assert [s.name for s in subject_entries() if not s.name_en.strip()] == []
    assert len(subjects()) == 22


def test_english_disclosure_catalogue_filters_are_english(group):
    html = site_client(group.zhuzhou).get("/en/zfxxgk/").content.decode()
    assert chinese(html, FORMS) == set()
    assert "Administrative regulations, rules and normative documents" in options(html, "catalogue-category")
    assert "General government affairs" in options(html, "catalogue-subject")
    # The values sent stay the stored codes and Chinese names, so a filtered English page finds the same documents.
    soup = BeautifulSoup(html, "html.parser")
    assert soup.select_one('#catalogue-subject option[value="综合政务"]').get_text() == "General government affairs"
    # The 法定主动公开内容 grid names the category columns, which have no English title, by their category.
    grid = [a.get_text() for a in soup.select(".statutory-grid a")]
    assert "Budgets and final accounts" in grid and not any(CJK.search(text) for text in grid)


def test_an_english_column_title_of_the_editor_wins(group):
    column = DisclosureCategoryPage.objects.descendant_of(group.zhuzhou.site.root_page).get(category="a20-07")
    column.title_en = "Budgets"
    column.save_revision().publish()
    soup = BeautifulSoup(site_client(group.zhuzhou).get("/en/zfxxgk/").content, "html.parser")
    assert "Budgets" in [a.get_text() for a in soup.select(".statutory-grid a")]


def test_group_catalogue_site_names_without_english_are_marked_chinese(group):
    soup = BeautifulSoup(site_client(group.zhuzhou).get("/en/zfxxgk/group/").content, "html.parser")
    names = {o.get_text(): o.get("lang") for o in soup.select("#catalogue-site option[value!='']")}
    assert names["荷塘区人民政府"] == "zh-Hans"  # a proper name with no English form (WCAG 2.1 SC 3.1.2)
    assert chinese(str(soup), FORMS) == set()


@pytest.mark.usefixtures("corpus")
def test_english_search_page_filters_facets_and_hits_are_english(settings, group):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    query = {"q": "电子政务", "scope": "children"}
    html = site_client(group.zhuzhou).get("/en/search/", query).content.decode()
    assert chinese(html, FORMS) == set()
    soup = BeautifulSoup(html, "html.parser")
    assert "General government affairs (1)" in options(html, "search-subject")
    assert "Administrative regulations, rules and normative documents (1)" in options(html, "search-category")
    facet = [a.get_text(" ", strip=True) for a in soup.select(".search-facets a")]
    assert any(text.startswith("General government affairs") for text in facet), facet
    categories_shown = {s.get_text() for s in soup.select(".hit-category")}
    assert categories_shown == {"Administrative regulations, rules and normative documents"}
    # Content is indexed in Chinese: the English example is the pinyin the search also accepts.
    assert soup.select_one("#search-q")["placeholder"] == "Keywords or pinyin, e.g. shebao banli"


@pytest.mark.usefixtures("corpus")
def test_chinese_pages_keep_their_chinese_labels(settings, group):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    client = site_client(group.zhuzhou)
    html = client.get("/zfxxgk/").content.decode()
    assert "行政法规、规章和规范性文件" in options(html, "catalogue-category")
    assert "综合政务" in options(html, "catalogue-subject")
    html = client.get("/search/", {"q": "电子政务", "scope": "children"}).content.decode()
    assert "综合政务（1）" in options(html, "search-subject")
    soup = BeautifulSoup(html, "html.parser")
    assert "行政法规、规章和规范性文件" in {s.get_text() for s in soup.select(".hit-category")}
    assert soup.select_one("#search-q")["placeholder"] == "请输入关键词，如：社保 办理"


def test_english_document_and_column_pages_show_english_labels(group):
    column = category_page(group.zhuzhou, "a20-07")
    column.title_en = "Budgets and final accounts"
    column = publish(column)
    document = publish(
        DisclosureDocumentPageFactory(
            parent=column, title="2024年市级预算", title_en="Municipal budget 2024", subject="财政、金融、审计"
        )
    )
    client = site_client(group.zhuzhou)
    with translation.override("zh-hans"):
        column_path, document_path = column.relative_url(column.get_site()), document.relative_url(document.get_site())
    response = client.get(f"/en{document_path}")
    assert response.status_code == 200, (document_path, response.get("Location"))
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.select_one('[data-meta="subject"]').get_text() == "Finance, banking and auditing"
    assert soup.select_one('[data-meta="category"]').get_text() == "Budgets and final accounts"
    basis = BeautifulSoup(client.get(f"/en{column_path}").content, "html.parser").select_one(".legal-basis")
    assert basis.get_text() == (
        "Legal basis: Article 20(7) of the Regulations of the PRC on Government Information Disclosure: "
        "“Budgets and final accounts”"
    )
    # The Chinese pages as before.
    soup = BeautifulSoup(client.get(document_path).content, "html.parser")
    assert soup.select_one('[data-meta="subject"]').get_text() == "财政、金融、审计"
    assert soup.select_one('[data-meta="category"]').get_text() == "财政预算、决算信息"
    basis = BeautifulSoup(client.get(column_path).content, "html.parser").select_one(".legal-basis")
    assert basis.get_text() == "公开依据：《中华人民共和国政府信息公开条例》第二十条第（七）项“财政预算、决算信息”"


@pytest.mark.usefixtures("corpus")
def test_english_search_site_names_without_english_are_marked_chinese(settings, group):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    html = site_client(group.zhuzhou).get("/en/search/", {"q": "光网", "scope": "children"}).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    option = soup.select_one('#search-site option[value="hetang"]')
    assert option["lang"] == "zh-Hans" and option.get_text().startswith("荷塘区")
    assert soup.select_one('.facet-tree a[href$="site=hetang"] span[lang="zh-Hans"]').get_text() == "荷塘区人民政府"
    assert chinese(html, FORMS) == set()
    # In Chinese no marking.
    html = site_client(group.zhuzhou).get("/search/", {"q": "光网", "scope": "children"}).content.decode()
    assert not BeautifulSoup(html, "html.parser").select(".search-filters [lang], .search-facets [lang]")


def test_english_column_side_navigation_lists_columns_in_english(group):
    column = publish(_titled(category_page(group.zhuzhou, "a20-07"), "Budgets"))
    with translation.override("zh-hans"):
        path = column.relative_url(column.get_site())
    soup = BeautifulSoup(site_client(group.zhuzhou).get(f"/en{path}").content, "html.parser")
    nav = [a.get_text() for a in soup.select(".sidebar .side-nav a")]
    assert "Budgets" in nav and "Budgets and final accounts" not in nav  # the editor's own title
    assert "Administrative regulations, rules and normative documents" in nav
    assert not any(CJK.search(text) for text in nav)
    assert soup.select_one(".side-nav a.active").get_text() == "Budgets"
    # In Chinese, the columns' titles.
    soup = BeautifulSoup(site_client(group.zhuzhou).get(path).content, "html.parser")
    assert "行政法规、规章和规范性文件" in [a.get_text() for a in soup.select(".sidebar .side-nav a")]


def _titled(page, title_en):
    page.title_en = title_en
    return page
