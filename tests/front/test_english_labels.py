"""Issue 15 item 6: labels stored as data (the 主题分类, the statutory disclosure categories of 条例 Arts. 20–21 and
the 信息类别 filter, openinfo/data/*.toml) and the search box's example are English on the /en/ mirror, and no
Chinese is left in the filter forms' labels and options except proper names marked lang="zh-Hans"."""

import pytest
from bs4 import BeautifulSoup

from openinfo.catalogue import categories, subject_entries, subjects
from tests.conftest import site_client
from tests.front.test_english_chrome import chinese

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


def test_english_search_page_filters_are_english(group):
    html = site_client(group.zhuzhou).get("/en/search/", {"q": "株洲"}).content.decode()
    assert chinese(html, FORMS) == set()
    assert "General government affairs" in " ".join(options(html, "search-subject"))
    placeholder = BeautifulSoup(html, "html.parser").select_one("#search-q")["placeholder"]
    assert placeholder == "Keywords or pinyin, e.g. shebao banli"


def test_chinese_pages_keep_their_chinese_labels(group):
    client = site_client(group.zhuzhou)
    html = client.get("/zfxxgk/").content.decode()
    assert "行政法规、规章和规范性文件" in options(html, "catalogue-category")
    assert "综合政务" in options(html, "catalogue-subject")
    html = client.get("/search/", {"q": "株洲"}).content.decode()
    assert any(o.startswith("综合政务") for o in options(html, "search-subject"))
    assert BeautifulSoup(html, "html.parser").select_one("#search-q")["placeholder"] == "请输入关键词，如：社保 办理"
