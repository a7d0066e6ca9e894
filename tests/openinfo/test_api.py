"""Public disclosure API: filters, URL-safe 索引号, bad parameters → 400 with field errors, OpenAPI."""

import datetime

import pytest

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.enums import DocumentGenre, Validity
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
D = datetime.date
URL = "/api/v1/openinfo/documents/"


@pytest.fixture
def documents(group):
    hetang_policy = category_page(group.hetang, "a20-01")
    fgw_budget = category_page(group.all["zhuzhou-fgw"], "a20-07")
    policy = publish(
        DisclosureDocumentPageFactory(
            parent=hetang_policy,
            title="荷塘区推进光网城市建设实施方案",
            genre=DocumentGenre.NORMATIVE,
            document_number="荷政发〔2026〕2号",
            subject="城乡建设、环境保护",
            keywords="光网,光纤入户",
        )
    )
    reading = publish(
        DisclosureDocumentPageFactory(
            parent=hetang_policy, title="《实施方案》政策解读", genre=DocumentGenre.INTERPRETATION, interprets=policy
        )
    )
    old = publish(
        DisclosureDocumentPageFactory(
            parent=hetang_policy,
            title="2024年旧文件",
            written_on=D(2024, 5, 6),
            published_on=D(2024, 5, 8),
            validity=Validity.REPEALED,
            invalid_from=D(2025, 1, 1),
        )
    )
    budget = publish(
        DisclosureDocumentPageFactory(parent=fgw_budget, title="市发改委2026年部门预算", subject="财政、金融、审计")
    )
    DisclosureDocumentPageFactory(parent=hetang_policy, title="未发布草稿")
    return {"policy": policy, "reading": reading, "old": old, "budget": budget}


def get(client, **params):
    return client.get(URL, params)


def titles(response):
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_list_filters_and_newest_first(group, documents):
    client = site_client(group.zhuzhou)
    assert set(titles(get(client))) == {
        "荷塘区推进光网城市建设实施方案",
        "《实施方案》政策解读",
        "2024年旧文件",
        "市发改委2026年部门预算",
    }
    assert titles(get(client))[-1] == "2024年旧文件"
    assert set(titles(get(client, site="zhuzhou-fgw"))) == {"市发改委2026年部门预算"}
    assert titles(get(client, category="a20-07")) == ["市发改委2026年部门预算"]
    assert titles(get(client, subject="城乡建设、环境保护")) == ["荷塘区推进光网城市建设实施方案"]
    assert titles(get(client, year="2024")) == ["2024年旧文件"]
    assert titles(get(client, validity="repealed")) == ["2024年旧文件"]
    assert titles(get(client, q="光纤入户")) == ["荷塘区推进光网城市建设实施方案"]  # keyword
    assert titles(get(client, q="荷政发〔2026〕2号")) == ["荷塘区推进光网城市建设实施方案"]  # 文号
    page = get(client, page_size="1", page="2").json()
    assert (page["count"], page["pages"], page["page"], len(page["results"])) == (4, 4, 2, 1)
    assert get(client, page="999").json()["results"] == []


def test_detail_by_url_safe_index_number_with_two_way_links(group, documents):
    client = site_client(group.zhuzhou)
    policy, reading = documents["policy"], documents["reading"]
    safe = policy.index_number.replace("/", "-")
    data = client.get(f"{URL}{safe}").json()
    assert data["index_number"] == policy.index_number and data["id"] == safe
    assert data["document_number"] == "荷政发〔2026〕2号" and data["category_name"] == "行政法规、规章和规范性文件"
    assert data["publisher"] == "荷塘区人民政府" and data["site"] == "hetang"
    assert data["interpretations"] == [reading.index_number]
    assert data["url"].startswith("http://hetang.localhost/zfxxgk/fdzdgknr/a20-01/")
    reading_data = client.get(f"{URL}{reading.index_number.replace('/', '-')}").json()
    assert reading_data["interprets"] == policy.index_number
    assert client.get(f"{URL}11430200000000001X-2026-99999").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "abc"}, "year"),
        ({"category": "zzz"}, "category"),
        ({"validity": "maybe"}, "validity"),
        ({"subject": "火星"}, "subject"),
        ({"site": "nowhere"}, "site"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "²"}, "page"),  # str.isdigit() accepts superscripts that int() refuses
        ({"year": "２０２６"}, "year"),
        ({"page_size": "1000"}, "page_size"),
    ],
)
def test_bad_parameters_are_400_with_field_errors(group, params, field):
    response = get(site_client(group.zhuzhou), **params)
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "请求参数有误" and field in body["errors"]


def test_openapi_schema_documents_the_endpoints(group):
    schema = site_client(group.zhuzhou).get("/api/v1/openapi.json").json()
    assert "/api/v1/openinfo/documents/" in schema["paths"]
    assert "/api/v1/openinfo/documents/{document_id}" in schema["paths"]
    stats = schema["paths"]["/api/v1/openinfo/stats/"]["get"]
    assert {p["name"] for p in stats["parameters"]} >= {"site", "year", "format"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/openinfo/documents/"]["get"]["parameters"]}
    assert {"site", "category", "subject", "year", "validity", "q", "page"} <= parameters
