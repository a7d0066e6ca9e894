"""Rendering of the disclosure section: metadata table, meta tags, JSON-LD, catalogues and their filters."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.enums import DocumentGenre, Validity
from openinfo.models import DisclosureIndexPage
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
D = datetime.date


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def rel(page):
    return page.relative_url(page.get_site())


@pytest.fixture
def policy(group):
    return publish(
        DisclosureDocumentPageFactory(
            parent=category_page(group.hetang, "a20-01"),
            title="荷塘区“光网城市”实施方案</script>",
            written_on=D(2026, 3, 2),
            published_on=D(2026, 3, 5),
            document_number="荷政发〔2026〕2号",
            genre=DocumentGenre.NORMATIVE,
            subject="城乡建设、环境保护",
            keywords="光网",
            co_publishers="荷塘区发展和改革局",
            description="内容概述文字",
        )
    )


def test_document_page_shows_every_metadata_field(group, policy):
    page = soup(site_client(group.hetang).get(rel(policy)))
    meta = {td["data-meta"]: " ".join(td.stripped_strings) for td in page.select("[data-meta]")}
    assert meta["index-number"] == policy.index_number
    assert meta["title"] == policy.title
    assert "荷塘区人民政府" in meta["publisher"] and "荷塘区发展和改革局" in meta["publisher"]
    assert (meta["written-on"], meta["published-on"]) == ("2026-03-02", "2026-03-05")
    assert meta["document-number"] == "荷政发〔2026〕2号"
    assert meta["category"] == "行政法规、规章和规范性文件" and meta["subject"] == "城乡建设、环境保护"
    assert meta["genre"] == "行政规范性文件" and meta["keywords"] == "光网"
    assert "有效" in meta["validity"] and meta["method"] == "主动公开" and meta["scope"] == "面向社会"
    assert "内容概述文字" in page.get_text()
    tags = {m["name"]: m["content"] for m in page.find_all("meta", attrs={"name": True})}
    assert tags["IndexNumber"] == policy.index_number and tags["DocumentNumber"] == "荷政发〔2026〕2号"
    assert tags["ArticleTitle"] == policy.title and tags["PubDate"].startswith("2026-03-05")
    assert tags["SiteIDCode"] == group.hetang.site_code
    ld = json.loads(page.find("script", type="application/ld+json").string)
    assert ld["identifier"] == policy.index_number and ld["name"] == policy.title
    assert ld["@type"] == "Legislation" and ld["legislationLegalForce"] == "InForce"


def test_repealed_documents_are_marked_and_interpretations_link_both_ways(group, policy):
    reading = publish(
        DisclosureDocumentPageFactory(
            parent=category_page(group.hetang, "a20-01"),
            title="《实施方案》政策解读",
            genre=DocumentGenre.INTERPRETATION,
            interprets=policy,
        )
    )
    client = site_client(group.hetang)
    policy_page = soup(client.get(rel(policy)))
    assert [a.get_text(strip=True) for a in policy_page.select(".interpretation-link")] == ["《实施方案》政策解读"]
    assert policy.title in [
        a.get_text(strip=True) for a in soup(client.get(rel(reading))).select(".interpretation-link")
    ]
    policy.validity, policy.invalid_from = Validity.REPEALED, D(2026, 6, 1)
    policy = publish(policy)
    page = soup(client.get(rel(policy)))
    assert "废止" in page.select_one('[data-meta="validity"]').get_text() and "2026-06-01" in page.get_text()


def test_site_catalogue_filters_and_bad_values(group, policy):
    publish(DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-07"), title="荷塘区2026年财政预算"))
    section = DisclosureIndexPage.objects.descendant_of(group.hetang.site.root_page).get()
    client = site_client(group.hetang)
    text = soup(client.get(rel(section))).get_text()
    assert policy.title in text and "荷塘区2026年财政预算" in text and policy.index_number in text
    text = soup(client.get(rel(section), {"category": "a20-07"})).get_text()
    assert "荷塘区2026年财政预算" in text and policy.title not in text
    response = client.get(rel(section), {"year": "²", "category": "zzz", "page": "999"})
    assert response.status_code == 400  # the catalogue, with the messages, as a 400
    bad = BeautifulSoup(response.content, "html.parser")
    alert = bad.select_one('[role="alert"]').get_text()
    assert "年份应为 1949–2100 之间的整数" in alert and "未知的信息类别" in alert
    options = [o["value"] for o in bad.select('select[name="category"] option') if o["value"]]
    assert "a21-city" in options, options
    assert "a21-township" not in options, options  # a district's own categories only


def test_group_catalogue_on_portals_only(group, policy):
    budget = publish(
        DisclosureDocumentPageFactory(
            parent=category_page(group.all["zhuzhou-fgw"], "a20-07"), title="市发改委部门预算"
        )
    )
    publish(DisclosureDocumentPageFactory(parent=category_page(group.changde, "a20-07"), title="常德市财政预算"))
    city_section = DisclosureIndexPage.objects.descendant_of(group.zhuzhou.site.root_page).get()
    client = site_client(group.zhuzhou)
    text = soup(client.get(rel(city_section) + "group/")).get_text()
    assert policy.title in text and budget.title in text and "常德市财政预算" not in text
    text = soup(client.get(rel(city_section) + "group/", {"site": "zhuzhou-fgw"})).get_text()
    assert budget.title in text and policy.title not in text
    fgw_section = DisclosureIndexPage.objects.descendant_of(group.all["zhuzhou-fgw"].site.root_page).get()
    assert site_client(group.all["zhuzhou-fgw"]).get(rel(fgw_section) + "group/").status_code == 404
