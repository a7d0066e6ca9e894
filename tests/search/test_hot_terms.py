"""Who can write 热门搜索 (issue 10, finding 5): distinct clients per term per day, burst clients ignored, only
words shown, no addresses stored. The group's hide/pin rules are in test_hot_rules.py."""

import datetime
import importlib

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.utils import timezone

from search import querylog
from search.hot import hot_terms, presentable
from search.models import DictionaryTerm, QueryLog, QueryLogClient
from search.query import parse
from search.services import log_query
from search.suggest import clear_vocabulary, complete, vocabulary
from tests.conftest import clear_cache, site_client

pytestmark = pytest.mark.django_db

API = "/api/v1/search/"
HOT = "/api/v1/search/hot/"


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    clear_vocabulary()
    yield
    clear_vocabulary()


@pytest.fixture
def no_burst_limit(settings):
    settings.SEARCH_LOG_MAX_PER_MINUTE = 10_000
    settings.SEARCH_LOG_MAX_PER_DAY = 10_000


def api_search(q, remote, host="zhuzhou.localhost", **headers):
    return Client(HTTP_HOST=host, REMOTE_ADDR=remote, **headers).get(API, {"q": q})


def hot(site):
    """The group's hot terms now (they are cached for five minutes: forget the cached answer first)."""
    clear_cache()
    return [(t.query, t.count) for t in hot_terms(site)]


# Distinct clients --------------------------------------------------------------------------------------------


def test_one_client_repeating_a_query_100_times_does_not_make_it_hot(corpus, group, no_burst_limit):
    for _ in range(100):
        assert api_search("社会保险", "198.51.100.7").status_code == 200
    row = QueryLog.objects.get(query="社会保险")
    assert (row.count, row.clients, row.site_id) == (100, 1, group.zhuzhou.pk)
    assert hot(group.zhuzhou) == []
    # Four more people (five in all, SEARCH_LOG_MIN_CLIENTS) searching on the page make it a trend.
    for n in range(1, 5):
        client = Client(HTTP_HOST="hetang.localhost", REMOTE_ADDR=f"203.0.113.{n}")
        assert client.get("/search/", {"q": "社会保险", "scope": "group"}).status_code == 200
    assert hot(group.zhuzhou) == [("社会保险", 5)]
    assert [i["query"] for i in Client().get(HOT, {"site": "hetang"}).json()["items"]] == ["社会保险"]


def test_the_threshold_counts_distinct_clients(group, settings):
    def search_by(clients, network):
        for n in range(clients):
            log_query(parse("光网城市"), hits=2, site_id=group.hetang.pk, client=f"{network}.{n}")

    search_by(4, "198.51.100")
    assert hot(group.zhuzhou) == []
    search_by(4, "198.51.100")  # the same four again, the same day: no new clients
    assert QueryLog.objects.get(query="光网城市").clients == 4 and hot(group.zhuzhou) == []
    search_by(1, "192.0.2")
    assert hot(group.zhuzhou) == [("光网城市", 5)]
    settings.SEARCH_LOG_MIN_CLIENTS = 6
    clear_vocabulary()
    assert hot_terms(group.zhuzhou, days=7) == []


def test_a_client_counts_once_a_day_across_the_sites_of_the_platform(group):
    for site in (group.zhuzhou, group.hetang, group.changde):
        log_query(parse("公积金提取"), hits=1, site_id=site.pk, client="198.51.100.7")
    rows = dict(QueryLog.objects.filter(query="公积金提取").values_list("site__slug", "clients"))
    assert rows == {"zhuzhou": 1, "hetang": 0, "changde": 0}
    assert QueryLog.objects.filter(query="公积金提取").values_list("count", flat=True).distinct().get() == 1


def test_rotating_x_forwarded_for_is_one_client_unless_it_comes_from_a_trusted_proxy(corpus, group, settings):
    for n in range(6):
        api_search("社会保险", "198.51.100.7", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    assert QueryLog.objects.get(query="社会保险").clients == 1
    settings.TRUSTED_PROXIES = ("127.0.0.1",)
    for n in range(6):
        api_search("社会保险", "127.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert QueryLog.objects.get(query="社会保险").clients == 7


def test_an_ipv6_client_is_counted_by_its_64(corpus, group):
    for host in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "2001:db8:1:2:abcd::77"):
        api_search("社会保险", host)
    api_search("社会保险", "2001:db8:1:3::1")
    assert QueryLog.objects.get(query="社会保险").clients == 2


# Burst clients -----------------------------------------------------------------------------------------------


def test_a_burst_client_stops_counting_for_the_day_but_its_searches_still_work(corpus, group, settings, monkeypatch):
    settings.SEARCH_LOG_MAX_PER_MINUTE = 10
    now = [1_000_000_020.0]  # 20 s into a minute window
    monkeypatch.setattr(querylog, "clock", lambda: now[0])
    words = ["社会保险", "电子政务", "光网城市", "公积金", "智慧株洲", "政务服务", "不动产登记", "低保", "医保", "湘江"]
    for word in words:
        api_search(word, "198.51.100.7")
    assert QueryLog.objects.filter(clients=1).count() == 10
    eleventh = api_search("营商环境", "198.51.100.7")
    assert eleventh.status_code == 200 and "total" in eleventh.json()  # answered as usual …
    assert not QueryLog.objects.filter(query="营商环境").exists()  # … but not logged
    now[0] += 600  # ten minutes later the minute counter is new, the client is still a script today
    api_search("乡村振兴", "198.51.100.7")
    assert not QueryLog.objects.filter(query="乡村振兴").exists()
    api_search("乡村振兴", "198.51.100.8")  # other clients are unaffected
    assert QueryLog.objects.get(query="乡村振兴").clients == 1


def test_a_client_over_the_daily_number_stops_counting(group, settings):
    settings.SEARCH_LOG_MAX_PER_DAY = 3
    for word in ["社保", "医保", "低保", "公积金"]:
        log_query(parse(word), hits=1, site_id=group.zhuzhou.pk, client="198.51.100.7")
    assert sorted(QueryLog.objects.values_list("query", flat=True)) == sorted(["社保", "医保", "低保"])
    log_query(parse("公积金"), hits=1, site_id=group.zhuzhou.pk, client="198.51.100.8")
    assert QueryLog.objects.get(query="公积金").clients == 1


# No addresses stored -----------------------------------------------------------------------------------------


def test_no_address_is_stored_and_markers_cannot_be_linked_across_days(group, settings):
    log_query(parse("社保"), hits=1, site_id=group.zhuzhou.pk, client="198.51.100.7")
    log_query(parse("医保"), hits=1, site_id=group.zhuzhou.pk, client="198.51.100.7")
    markers = list(QueryLogClient.objects.values_list("marker", flat=True))
    assert len(markers) == 2 and len(set(markers)) == 2 and all(len(m) == 32 for m in markers)
    stored = " ".join(str(v) for row in QueryLog.objects.values() for v in row.values()) + " ".join(markers)
    assert "198.51.100" not in stored
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    marker = querylog.search_marker("198.51.100.7", "社保", today)
    assert marker in markers
    assert querylog.search_marker("198.51.100.7", "社保", tomorrow) != marker
    assert querylog.client_token("198.51.100.7", tomorrow) != querylog.client_token("198.51.100.7", today)
    settings.SECRET_KEY = "another-secret"
    assert querylog.search_marker("198.51.100.7", "社保", today) != marker  # keyed: not recomputable without it


def test_markers_of_past_days_are_deleted(group):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    QueryLogClient.objects.create(day=yesterday, marker="0" * 32)
    log_query(parse("社保"), hits=1, site_id=group.zhuzhou.pk, client="198.51.100.7")
    assert list(QueryLogClient.objects.values_list("day", flat=True)) == [timezone.localdate()]


def test_a_query_that_nfkc_lengthens_still_fits_the_log(group):
    log_query(parse("㍻" * 50), hits=0, site_id=group.zhuzhou.pk, client="198.51.100.7")  # ㍻ → 平成
    assert QueryLog.objects.get().query == "平成" * 32


def test_log_query_needs_the_client(group):
    with pytest.raises(ValueError, match="client"):
        log_query(parse("社保"), hits=1, site_id=group.zhuzhou.pk, client="")


def test_rows_logged_before_clients_were_counted_keep_counting_as_one_client(group):
    migration = importlib.import_module("search.migrations.0007_hot_term_clients_and_rules")
    day = timezone.localdate()
    old = [QueryLog.objects.create(query=f"旧检索{n}", day=day, count=9, hits=2, site=group.hetang) for n in range(5)]
    migration.count_existing_clients(django_apps, None)
    assert {(row.count, row.clients) for row in QueryLog.objects.filter(pk__in=[o.pk for o in old])} == {(9, 1)}
    for n in range(5):  # a term searched on five days before the change is still hot after it
        QueryLog.objects.create(query="往日热词", day=day - datetime.timedelta(days=n), count=40, hits=2)
    migration.count_existing_clients(django_apps, None)
    assert [(t.query, t.count) for t in hot_terms()] == [("往日热词", 5)]


# Only words --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["电子政务", "12345热线", "12345", "社保 办理", "ＥＴＣ办理", "2024年 社保", "新冠疫苗", "5g基站"],
)
def test_words_are_presentable(db, text):
    assert presentable(text)


@pytest.mark.parametrize(
    "text",
    [
        "%",
        "%00",
        "alert",
        "alert(1)",
        "7*7",
        "<script>",
        "<script>alert(1)</script>",
        "{{7*7}}",
        "1=1",
        "' or '1'='1",
        "社保%",
        "电子政务！",
        "新冠-19",
        "c++",
        "a.b",
        "😀",
        "社保😀",
        "2024",
        "dzzw",
        "etc",
        "12345 alert",
        "javascript",
    ],
)
def test_non_words_are_never_presentable(db, text):
    assert not presentable(text)


def test_a_latin_term_is_presentable_once_the_dictionary_knows_it(db):
    assert not presentable("ETC")
    DictionaryTerm.objects.create(word="ETC", note="电子不停车收费")
    assert presentable("ETC") and presentable("etc") and presentable("ＥＴＣ")


@pytest.mark.parametrize("text", ["%", "%00", "alert", "7*7", "<script>", "alert(1)"])
def test_hostile_queries_never_become_hot_suggestions_or_corrections(group, text):
    # Logged as if 50 people searched them and each found something.
    QueryLog.objects.create(query=text, day=timezone.localdate(), count=500, clients=50, hits=3, site=group.hetang)
    assert hot_terms(group.zhuzhou) == [] and hot_terms() == []
    assert text not in vocabulary(group.zhuzhou.pk).terms and text not in vocabulary(None).terms
    assert text not in {s.text for s in complete(text[:1], group.zhuzhou)}
    assert Client().get(HOT, {"site": "zhuzhou"}).json()["items"] == []


def test_hostile_searches_through_the_page_and_api_never_become_hot(corpus, group):
    for n in range(5):  # as many clients as SEARCH_LOG_MIN_CLIENTS
        for text in ("%", "alert", "7*7", "<script>"):
            api_search(text, f"198.51.100.{n}")
            site_client(group.hetang).get("/search/", {"q": text}, REMOTE_ADDR=f"192.0.2.{n}")
    assert hot_terms(group.zhuzhou) == [] and hot_terms() == []
    html = site_client(group.zhuzhou).get("/search/").content.decode()
    assert "热门搜索" not in html
