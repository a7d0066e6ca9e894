"""Public API of the inspection results: schema entries, filters, 400s and 404s, downloads, and that nothing but
published facts leaves (no draft title, no editor's name, no admin link)."""

import io
import json

import pytest
from django.test import Client
from openpyxl import load_workbook
from wagtail.models import Page

from evaluation import services
from evaluation.enums import Severity

from .content import article, column, noon
from .fake import DAY1, PlannedCheck, finding, planned  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("planned")
SITES = "/api/v1/evaluation/sites/"


def api():
    return Client(HTTP_HOST="zhuzhou.localhost")


@pytest.fixture
def run(group):
    """荷塘区: a veto on a live article (its extra naming the publisher), a warning on a page since unpublished (its
    title a draft's), a site-level warning; 大坪社区 an advisory; 市发改委 a veto."""
    live = article(column(group.hetang), noon(DAY1), title="荷塘区公开的文章")
    hidden = article(column(group.hetang), noon(DAY1), title="已发布")
    PlannedCheck.plan = {
        "hetang": [
            finding(
                "link",
                Severity.VETO,
                title="荷塘区公开的文章：链接失效",
                page_id=live.pk,
                url="http://hetang.localhost/x/",
                edit_url=f"/admin/pages/{live.pk}/edit/",
                extra={"publisher": "editor-hetang", "publisher_name": "张三丰"},
            ),
            finding("draft", Severity.WARNING, title="草稿标题不应公开", page_id=hidden.pk),
            finding("site:blank", Severity.WARNING, title="空白栏目3个"),
        ],
        "hetang-daping": [finding("a", Severity.ADVISORY)],
        "zhuzhou-fgw": [finding("svc", Severity.VETO)],
    }
    result = services.inspect(list(group.all.values()), ["planned"], today=DAY1)
    Page.objects.filter(pk=hidden.pk).update(live=False)  # unpublished after the run
    return result


def rows(response) -> dict:
    assert response.status_code == 200, response.content
    return {row["slug"]: row for row in response.json()["results"]}


def test_list_has_one_row_per_site_with_counts_index_and_last_run(run):
    found = rows(api().get(SITES))
    assert len(found) == 7
    hetang = found["hetang"]
    assert (hetang["veto"], hetang["warning"], hetang["advisory"], hetang["health_index"]) == (1, 2, 0, 59)
    assert hetang["checks"]["planned"] == {"veto": 1, "warning": 2, "advisory": 0}
    assert hetang["last_run"] == run.pk and hetang["parent"] == "zhuzhou"
    assert found["hetang-daping"]["health_index"] == 100  # advisory findings never count
    assert list(found)[:2] == ["hetang", "zhuzhou-fgw"]  # veto risks first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "village"}, {"hetang-daping"}),
        ({"parent": "hetang"}, {"hetang-yuetang", "hetang-daping"}),
        ({"severity": "veto"}, {"hetang", "zhuzhou-fgw"}),
        ({"parent": "zhuzhou", "severity": "advisory"}, {"hetang-daping"}),
    ],
)
def test_list_filters(run, query, expected):
    assert set(rows(api().get(SITES, query))) == expected


def test_check_filter(group):
    # A real check: the API's schema lists the checks registered when it is built (at start-up, every one).
    services.inspect([group.hetang], ["homepage"], today=DAY1)  # its home page shows nothing: a veto
    assert set(rows(api().get(SITES, {"check": "homepage"}))) == {"hetang"}
    assert set(rows(api().get(SITES, {"check": "homepage", "severity": "advisory"}))) == set()
    assert set(rows(api().get(SITES, {"check": "columns"}))) == set()


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("kind=planet", "kind", "取值无效"),
        ("severity=fatal", "severity", "严重程度的取值无效"),
        ("check=nosuch", "check", "检查项的取值无效"),
        ("parent=nosuch", "parent", "未知的上级网站"),
        ("format=pdf", "format", "格式的取值无效"),
        ("kind=city&kind=district", "kind", "只能给出一个值"),
        ("kind=", "kind", "不能为空"),
        ("parent=" + "x" * 65, "parent", "不能超过64个字符"),
    ],
)
def test_bad_parameters_are_400_with_chinese_field_messages(run, query, field, message):
    response = api().get(f"{SITES}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "请求参数有误"
    assert message in body["errors"][field]


def test_unknown_site_is_404_in_chinese(run):
    response = api().get(f"{SITES}nosuch/")
    assert response.status_code == 404
    assert response.json() == {"message": "未找到该网站", "errors": {}}


def test_detail_shows_published_facts_only(run):
    response = api().get(f"{SITES}hetang/")
    assert response.status_code == 200
    body = response.json()
    assert [f["title"] for f in body["findings"]] == ["荷塘区公开的文章：链接失效", "空白栏目3个"]  # veto first
    assert body["findings"][0]["url"] == "http://hetang.localhost/x/"
    assert body["withheld"] == 1  # the finding about the page no longer live
    text = response.content.decode()
    for secret in ("草稿标题", "张三丰", "editor-hetang", "/admin/", "extra", "edit_url"):
        assert secret not in text
    for fmt in ("json", "csv"):
        assert "草稿标题" not in api().get(SITES, {"format": fmt}).content.decode("utf-8-sig")


def test_downloads_hold_the_filtered_rows(run):
    response = api().get(SITES, {"format": "xlsx", "parent": "hetang"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["网站健康"]
    assert sorted(row[1] for row in list(sheet.values)[1:]) == ["hetang-daping", "hetang-yuetang"]
    csv = api().get(SITES, {"format": "csv", "severity": "veto"}).content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("排名,站点标识,站点名称,网站类型,上级网站,健康指数")
    assert sorted(line.split(",")[1] for line in csv[1:]) == ["hetang", "zhuzhou-fgw"]


def test_schema_lists_both_endpoints_with_their_parameters_and_errors(db):
    schema = json.loads(api().get("/api/v1/openapi.json").content)
    listing = schema["paths"]["/api/v1/evaluation/sites/"]["get"]
    params = {p["name"]: p for p in listing["parameters"]}
    assert set(params) == {"parent", "kind", "severity", "check", "format"}
    assert json.dumps(params["severity"]["schema"]).count("veto") == 1
    assert {"400", "404"} <= set(listing["responses"])
    assert {"text/csv", "application/json"} <= set(listing["responses"]["200"]["content"])
    detail = schema["paths"]["/api/v1/evaluation/sites/{slug}/"]["get"]
    assert {"200", "400", "404"} <= set(detail["responses"])
    finding_schema = schema["components"]["schemas"]["FindingOut"]["properties"]
    assert "edit_url" not in finding_schema and "extra" not in finding_schema
