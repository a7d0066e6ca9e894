"""GET /api/v1/search/suggest/ and /api/v1/search/hot/: answers, bad input (400, never 500), the OpenAPI schema."""

import pytest
from django.test import Client
from django.utils import timezone

from search.models import QueryLog
from search.suggest import clear_vocabulary

pytestmark = pytest.mark.django_db

SUGGEST = "/api/v1/search/suggest/"
HOT = "/api/v1/search/hot/"


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    clear_vocabulary()
    yield
    clear_vocabulary()


def test_suggestions_in_characters_pinyin_and_initials(corpus):
    client = Client()
    answer = client.get(SUGGEST, {"q": " 政务 ", "site": "zhuzhou"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["q"] == "政务" and body["site"] == "zhuzhou"
    assert {"政务服务", "政务外网"} <= {i["text"] for i in body["items"]}
    assert {"text": "我市推进电子政务外网扩容升级", "kind": "title", "pinyin": ""} in body["items"]
    dzz = client.get(SUGGEST, {"q": "dzz"}).json()["items"]
    assert {"text": "电子政务外网", "kind": "term", "pinyin": "dianzizhengwuwaiwang"} in dzz
    assert client.get(SUGGEST, {"q": "dianzizh"}).json()["items"][0]["text"] == "电子政务"
    # Titles come from the site's own group: 常德 does not see 株洲's.
    changde = client.get(SUGGEST, {"q": "光网城市", "site": "changde"}).json()["items"]
    assert all(i["kind"] == "term" for i in changde)


@pytest.mark.parametrize(
    "params, field, message",
    [
        ({}, "q", "请输入检索词"),
        ({"q": "   "}, "q", "请输入检索词"),
        ({"q": "政" * 51}, "q", "检索词不能超过50个字"),
        ({"q": "政务", "site": "nowhere"}, "site", "未知的站点"),
    ],
)
def test_bad_suggest_input_is_a_400_in_chinese(group, params, field, message):
    answer = Client().get(SUGGEST, params)
    assert answer.status_code == 400 and answer.json()["errors"] == {field: message}


@pytest.mark.parametrize("q", ["😀", '"', "\\", "title:(x) OR *", "'; DROP TABLE x; --", "%"])
def test_odd_prefixes_answer_without_error(group, q):
    answer = Client().get(SUGGEST, {"q": q})
    assert answer.status_code == 200 and len(answer.json()["items"]) <= 10


def logged(query, site, clients, hits=2, searches=None):
    QueryLog.objects.create(
        query=query, day=timezone.localdate(), count=searches or clients, clients=clients, hits=hits, site=site
    )


def test_hot_terms(group):
    logged("社保卡办理", group.zhuzhou, clients=6, hits=4)
    logged("公积金提取", group.hetang, clients=5, searches=40)
    logged("没有结果", group.zhuzhou, clients=60, hits=0)
    logged("六合彩开奖", group.zhuzhou, clients=60, hits=3)
    logged("桃花源", group.changde, clients=99, hits=5)
    logged("反复检索", group.zhuzhou, clients=1, searches=500)  # one client, many searches
    body = Client().get(HOT, {"site": "hetang", "limit": "5"}).json()
    assert body["site"] == "hetang" and body["days"] == 30
    assert [(i["query"], i["count"], i["pinned"]) for i in body["items"]] == [
        ("社保卡办理", 6, False),
        ("公积金提取", 5, False),
    ]
    assert body["items"][0]["url"].startswith("/search/?q=")
    assert [i["query"] for i in Client().get(HOT, {"limit": "1"}).json()["items"]] == ["桃花源"]  # whole platform


@pytest.mark.parametrize(
    "params, field",
    [
        ({"days": "0"}, "days"),
        ({"days": "366"}, "days"),
        ({"days": "²"}, "days"),
        ({"days": "-3"}, "days"),
        ({"limit": "21"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"site": "nowhere"}, "site"),
    ],
)
def test_bad_hot_input_is_a_400(group, params, field):
    answer = Client().get(HOT, params)
    assert answer.status_code == 400 and set(answer.json()["errors"]) == {field}


def test_in_the_openapi_schema(group):
    schema = Client().get("/api/v1/openapi.json").json()
    suggest = schema["paths"][SUGGEST]["get"]
    hot = schema["paths"][HOT]["get"]
    assert suggest["summary"] == "检索词联想（输入提示）" and hot["summary"] == "热门搜索词"
    assert suggest["tags"] == ["站内搜索"] == hot["tags"]
    assert {p["name"] for p in suggest["parameters"]} == {"q", "site"}
    assert {p["name"] for p in hot["parameters"]} == {"site", "days", "limit"}
    item = schema["components"]["schemas"]["SuggestionOut"]["properties"]
    assert set(item) == {"text", "kind", "pinyin"} and item["kind"]["description"].startswith("来源")


def test_the_header_search_box_is_wired_for_suggestions(group):
    from tests.conftest import site_client

    html = site_client(group.hetang).get("/").content.decode()
    form = html[html.index('<form class="search-form"') :]
    form = form[: form.index(">")]
    assert "data-search-suggest" in form and f'data-suggest-url="{SUGGEST}"' in form
    assert 'data-site="hetang"' in form
    assert "js/search-suggest.js" in html and "css/search-suggest.css" in html
    # Without the script the box is a plain search field: the combobox roles are added by the script only.
    assert 'role="combobox"' not in html


def test_the_suggestion_labels_follow_the_page_language(group):
    from tests.conftest import site_client

    client = site_client(group.zhuzhou)
    chinese = client.get("/search/").content.decode()
    assert 'data-suggest-label="搜索建议"' in chinese and "有{n}条搜索建议" in chinese
    english = client.get("/en/search/").content.decode()
    assert 'data-suggest-label="Search suggestions"' in english
    assert 'data-suggest-count="{n} suggestions; use the up and down arrow keys to choose one."' in english
