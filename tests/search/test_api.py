"""GET /api/v1/search/: documented in the OpenAPI schema, the page's filters and facets as JSON on both backends,
400 with Chinese messages per field for bad parameters, and never a 500."""

import pytest

from tests.conftest import site_client

from .conftest import article, committed
from .promoted_fixtures import pins_fixture  # noqa: F401  (the ``pins`` fixture)

pytestmark = pytest.mark.django_db
URL = "/api/v1/search/"


@pytest.fixture
def api(corpus, backend):
    """``api(profile, **params)`` → (status, JSON) from the site's host, on the backend under test."""
    backend.sync()

    def get(profile, **params):
        response = site_client(profile).get(URL, params)
        return response.status_code, response.json()

    return get


def titles(data) -> list[str]:
    return [hit["title"] for hit in data["results"]]


def test_documented_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["get"]
    assert operation["tags"] == ["站内搜索"]
    names = {p["name"] for p in operation["parameters"]}
    assert {"q", "scope", "site", "type", "from", "to", "category", "subject", "sort", "page", "page_size"} <= names
    assert all(p.get("description") for p in operation["parameters"])
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    out = schema["components"]["schemas"][ref]["properties"]
    assert {"query", "total", "page", "pages", "fallback", "notice", "promoted", "results", "facets"} <= set(out)
    hit = schema["components"]["schemas"]["HitOut"]["properties"]
    assert {"title", "title_html", "url", "site", "type", "date", "snippet"} <= set(hit)
    assert "<mark>" in hit["snippet"]["description"]


class TestSearchApi:
    @pytest.fixture
    def corpus(self, class_corpus):
        """Built once for the class: its tests only read it (tests/search/conftest.py, class_corpus)."""
        return class_corpus

    def test_results_with_links_highlights_and_facets(self, api, group):
        status, data = api(group.zhuzhou, q="光网城市", scope="group")
        assert status == 200 and data["total"] == 2 and data["fallback"] is False and data["notice"] == ""
        assert data["page"] == 1 and data["pages"] == 1 and data["page_size"] == 10
        fibre = next(h for h in data["results"] if h["site"]["slug"] == "hetang")
        assert fibre["url"].startswith("http://hetang.localhost/gzdt/")
        assert fibre["type"] == "news" and fibre["type_name"] == "新闻"
        assert fibre["title_html"] == "荷塘区<mark>光网城市</mark>建设提速"
        assert "<mark>光网城市</mark>" in fibre["snippet"]
        decree = next(h for h in data["results"] if h["type"] == "disclosure")
        assert decree["document_number"] == "株政发〔2026〕3号" and decree["category_name"]
        facets = {name: {v["value"]: v["count"] for v in values} for name, values in data["facets"].items()}
        assert facets == {
            "type": {"news": 1, "disclosure": 1},
            "site": {"zhuzhou": 1, "hetang": 1},
            "category": {"a20-01": 1},
            "subject": {"综合政务": 1},
        }

    def test_scope_and_filters(self, api, group):
        zz = group.zhuzhou
        assert titles(api(zz, q="光网城市")[1]) == ["株洲市人民政府关于印发智慧株洲建设方案的通知"]
        _, narrowed = api(zz, q="光网城市", scope="group", site="hetang")
        assert titles(narrowed) == ["荷塘区光网城市建设提速"]
        assert {v["value"]: v["selected"] for v in narrowed["facets"]["site"]} == {"zhuzhou": False, "hetang": True}
        assert narrowed["total"] == 1
        _, typed = api(zz, q="光网城市", scope="group", type=["disclosure", "qa"], subject="综合政务")
        assert titles(typed) == ["株洲市人民政府关于印发智慧株洲建设方案的通知"]
        assert api(zz, q="光网城市", scope="group", category="a20-02")[1]["total"] == 0
        assert api(zz, q="光网城市", scope="group", to="2000-12-31")[1]["total"] == 0
        assert api(zz, q="光网城市", scope="group", **{"from": "2000-01-01"})[1]["total"] == 2
        _, by_date = api(zz, q="建设", scope="group", sort="date")
        dates = [h["date"] for h in by_date["results"]]
        assert by_date["sort"] == "date" and dates == sorted(dates, reverse=True)

    def test_service_type(self, api, group):
        status, data = api(group.zhuzhou, q="公共自行车", type="service")
        assert status == 200 and titles(data) == ["公共自行车租车卡办理"]
        hit = data["results"][0]
        assert hit["type"] == "service" and hit["type_name"] == "办事" and "/bsfw/" in hit["url"]
        assert api(group.zhuzhou, q="公共自行车", type="news")[1]["total"] == 0

    def test_did_you_mean(self, api, group):
        assert api(group.hetang, q="光网城事")[1]["suggestion"] == "光网城市"
        assert api(group.hetang, q="光网城市")[1]["suggestion"] == ""

    def test_pages(self, api, group):
        _, first = api(group.zhuzhou, q="建设", scope="group", page_size="2")
        _, second = api(group.zhuzhou, q="建设", scope="group", page_size="2", page="2")
        assert first["pages"] >= 2 and second["page"] == 2
        assert not {h["url"] for h in first["results"]} & {h["url"] for h in second["results"]}
        _, beyond = api(group.zhuzhou, q="建设", scope="group", page_size="2", page="9999")
        assert beyond["page"] == beyond["pages"] and beyond["results"]

    @pytest.mark.parametrize(
        "q", ["电" * 1000, 'a:(b OR c) AND "x" ~1 * ? [1 TO 2] \\ ||', "😀🎉", "'; DROP TABLE x; --", "", "   "]
    )
    def test_odd_queries_answer_normally(self, api, group, q):
        status, data = api(group.zhuzhou, q=q, scope="group")
        assert status == 200 and data["total"] >= 0 and len(data["query"]) <= 50
        assert data["truncated"] is (len(q) > 50)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"scope": "universe"}, "scope"),
        ({"site": "changde"}, "site"),  # another group is never in scope
        ({"site": "nowhere"}, "site"),
        ({"type": "video"}, "type"),
        ({"category": "a99"}, "category"),
        ({"subject": "不存在"}, "subject"),
        ({"from": "2026-13-01"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "to"),
        ({"sort": "random"}, "sort"),
        ({"page": "-1"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "²"}, "page"),
        ({"page": "10001"}, "page"),
        ({"page": "9223372036854775807"}, "page"),
        ({"sort": ["date", "relevance"]}, "sort"),
        ({"page_size": "10", "page": ["1", "2"]}, "page"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "51"}, "page_size"),
    ],
)
def test_bad_parameters_answer_400_in_chinese(group, settings, params, field):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    response = site_client(group.zhuzhou).get(URL, {"q": "电子政务", **params})
    assert response.status_code == 400
    body = response.json()
    assert body["message"].startswith("请求参数有误") and field in body["errors"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["errors"][field])


def test_fallback_flag_when_elasticsearch_is_down(settings, corpus, group):
    settings.SEARCH_ELASTICSEARCH_URL = "http://127.0.0.1:1"
    data = site_client(group.zhuzhou).get(URL, {"q": "电子政务"}).json()
    assert data["fallback"] is True and "暂时不可用" in data["notice"]
    assert "我市推进电子政务外网扩容升级" in titles(data)


def test_promoted_results_first_page_only(settings, pins, group):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    client = site_client(group.zhuzhou)
    data = client.get(URL, {"q": "社保"}).json()
    assert [p["title"] for p in data["promoted"]] == ["关于调整社会保险缴费基数的通知", "社保卡申领服务"]
    assert data["promoted"][0]["url"].startswith("http://zhuzhou.localhost/")
    assert data["promoted"][1] == {
        "title": "社保卡申领服务",
        "url": "https://zwfw.example.gov.cn/sbk",
        "description": "在线申领社保卡",
    }
    assert data["total"] == 1  # pins are not counted among the results
    with committed():
        article(group.zhuzhou, "zwyw", "社会保险经办服务提速", "社会保险")
    second = client.get(URL, {"q": "社保", "page_size": "1", "page": "2"}).json()
    assert second["page"] == 2 and second["results"] and second["promoted"] == []
