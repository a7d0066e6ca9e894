""" "Did you mean" (on both backends), suggestions as you type and hot terms."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone

from search.enums import Scope
from search.hot import hot_terms, presentable
from search.models import DictionaryTerm, QueryLog
from search.query import parse
from search.services import log_query
from search.suggest import clear_vocabulary, complete, corrections, distance, vocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    clear_vocabulary()
    yield
    clear_vocabulary()


@pytest.fixture
def find(corpus, backend):
    backend.sync()
    return backend


def searched(query, times, hits=3, days_ago=0, site=None):
    """``times`` logged searches for ``query`` (from ``site``), each by another client, that found ``hits``
    documents."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    QueryLog.objects.create(query=query, day=day, count=times, clients=times, hits=hits, site=site)


def logged_by(clients: int, text: str, site_id: int, network: str = "198.51.100"):
    """``text`` searched once by each of ``clients`` distinct clients of ``network``."""
    for n in range(clients):
        log_query(parse(text), hits=1, site_id=site_id, client=f"{network}.{n}")


class TestDidYouMean:
    """Run on the database index and on Elasticsearch: the suggestion must find something on either."""

    @pytest.mark.parametrize(
        "typed",
        [
            "电子正务",  # homophone of one character
            "店子政务",  # homophones of another
            "电子增务",  # near sound: zeng for zheng (z/zh, n/ng mixed up)
            "电子攻务",  # a wrong character
            "dianzizhengwo",  # pinyin with a typo
            "dainzizhengwu",  # pinyin with two letters swapped
        ],
    )
    def test_homophones_and_typos(self, find, group, typed):
        results = find(typed, group.zhuzhou)
        assert results.total == 0 and results.suggestion == "电子政务"
        assert find(results.suggestion, group.zhuzhou).total == 2

    def test_a_misheard_stretch_inside_a_longer_query(self, find, group):
        results = find("店子政务外网 光往城市", group.zhuzhou)
        assert results.suggestion == "电子政务外网 光网城市"
        assert find(results.suggestion, group.zhuzhou).hits[0].title == "株洲市人民政府关于印发智慧株洲建设方案的通知"

    def test_no_suggestion_for_a_query_that_finds_enough(self, find, group):
        assert find("电子政务", group.zhuzhou).suggestion == ""
        assert find("dzzw", group.zhuzhou).suggestion == ""

    def test_only_a_suggestion_that_finds_something_in_the_same_scope(self, find, group):
        # 光网城市 is 株洲's; in 常德's group the correction would find nothing, so none is offered.
        assert find("光网城事", group.hetang).suggestion == "光网城市"
        assert find("光网城事", group.changde, scope=Scope.GROUP).suggestion == ""
        assert find("完全无关的词", group.zhuzhou).suggestion == ""

    def test_from_the_query_log(self, find, group):
        # kuorongshengji (扩容升级) is no dictionary word nor title word: only people's searches make it known.
        assert find("kuorongshenji", group.zhuzhou).suggestion == ""
        logged_by(5, "扩容升级", group.changde.pk)
        clear_vocabulary()
        assert find("kuorongshenji", group.zhuzhou).suggestion == ""  # another city's searches stay there
        for _ in range(10):  # one client searching again and again does not make a term
            log_query(parse("扩容升级"), hits=1, site_id=group.hetang.pk, client="203.0.113.9")
        clear_vocabulary()
        assert find("kuorongshenji", group.zhuzhou).suggestion == ""
        logged_by(4, "扩容升级", group.hetang.pk, "192.0.2")  # with the one above: five distinct clients
        clear_vocabulary()
        assert find("kuorongshenji", group.zhuzhou).suggestion == "扩容升级"

    def test_bad_input_gets_no_suggestion_and_no_error(self, find, group):
        for text in ("", "   ", "😀", "\\", '"', "a" * 1000, "title:(x) OR *", "'; DROP TABLE x; --"):
            assert find(text, group.zhuzhou).suggestion == "", text
        # Syntax characters and emoji around a typo are separators: the suggestion is the clean correction.
        assert find('"电子正务😀"* \\', group.zhuzhou).suggestion == "电子政务"


def test_corrections_are_deterministic_and_ranked(corpus):
    vocab = vocabulary(None)
    assert corrections("店子政务", vocab) == ["电子政务"] == corrections("店子政务", vocabulary(None))
    assert corrections("电子政务", vocab) == [] and corrections("12345", vocab) == []
    assert corrections("在线 电子正务", vocab) == ["在线 电子政务"]
    assert distance("dainzi", "dianzi", 2) == 1 and distance("abc", "xyzuvw", 2) == 3


def test_the_vocabulary_follows_the_dictionary(corpus):
    assert complete("株洲云") == []
    DictionaryTerm.objects.create(word="株洲云平台")
    # Saving a term bumps the dictionary version: the next lookup rebuilds without clear_vocabulary().
    assert [s.text for s in complete("株洲云")] == ["株洲云平台"]
    assert [s.text for s in complete("zzy")] == ["株洲云平台"]


class TestComplete:
    def test_characters(self, corpus, group):
        texts = [s.text for s in complete("政务", group.zhuzhou)]
        assert {"政务服务", "政务外网"} <= set(texts) and "政务" not in texts
        titles = [s.text for s in complete("政务", group.zhuzhou) if s.kind == "title"]
        assert titles == ["我市推进电子政务外网扩容升级"]  # recent titles containing it, after the terms

    def test_pinyin_and_initials(self, corpus, group):
        assert {"电子政务", "电子政务外网"} <= {s.text for s in complete("dzz", group.zhuzhou)}
        assert complete("dzzw", group.zhuzhou)[0].text == "电子政务"  # the exact initials first
        first = complete("dianzizh", group.zhuzhou)[0]
        assert (first.text, first.pinyin) == ("电子政务", "dianzizhengwu")
        assert [s.text for s in complete("shebao")][:2] == ["社保", "社保卡"]
        assert [s.text for s in complete("1234")] == ["12345", "12345热线"]

    def test_titles_stay_in_the_site_group(self, corpus, group):
        assert "荷塘区光网城市建设提速" in {s.text for s in complete("光网城市", group.zhuzhou)}
        assert "荷塘区光网城市建设提速" not in {s.text for s in complete("光网城市", group.changde)}

    def test_popular_queries_complete_but_not_rare_empty_or_sensitive_ones(self, corpus, group):
        searched("公积金提取条件", 5, site=group.zhuzhou)
        searched("公积金提取网络赌博", 9, site=group.zhuzhou)
        searched("公积金贷款额度", 9, hits=0, site=group.zhuzhou)
        searched("公积金提取张三13800000000", 9, site=group.zhuzhou)
        searched("公积金提取方法", 1, site=group.zhuzhou)
        texts = [s.text for s in complete("公积金", group.zhuzhou)]
        assert "公积金提取条件" in texts
        for hidden in ("公积金提取网络赌博", "公积金贷款额度", "公积金提取张三13800000000", "公积金提取方法"):
            assert hidden not in texts

    def test_at_most_ten_and_nothing_for_nothing(self, corpus, group):
        for index in range(15):
            DictionaryTerm.objects.create(word=f"政务测试词{index:02d}")
        assert len(complete("政务", group.zhuzhou)) == 10
        for text in ("", "   ", "😀", "!!!"):
            assert complete(text, group.zhuzhou) == []
        assert len(complete("政" * 1000, group.zhuzhou)) <= 10


class TestHotTerms:
    def test_most_searched_presentable_queries_of_the_window(self, db):
        searched("社保卡办理", 5)
        searched("社保卡办理", 4, days_ago=3)
        searched("公积金提取", 7)
        searched("不存在的东西", 50, hits=0)  # found nothing
        searched("网络赌博举报", 30)  # a sensitive word
        searched("13800000000", 30)  # personal data
        searched("很少有人搜", 4)  # fewer clients than SEARCH_LOG_MIN_CLIENTS (5)
        searched("去年的热词", 99, days_ago=40)  # outside the 30-day window
        assert [(t.query, t.count) for t in hot_terms()] == [("社保卡办理", 9), ("公积金提取", 7)]
        assert hot_terms(days=60)[0].query == "去年的热词"
        assert [t.query for t in hot_terms(limit=1)] == ["社保卡办理"]
        assert hot_terms()[0].url == "/search/?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1%E5%8A%9E%E7%90%86"

    def test_from_real_searches(self, corpus, group):
        from search.services import search

        for n in range(5):
            search("社会保险", site=group.zhuzhou, log=True, client=f"198.51.100.{n}")
            search("没有结果的检索", site=group.zhuzhou, log=True, client=f"198.51.100.{n}")
        assert [t.query for t in hot_terms(group.zhuzhou)] == ["社会保险"]

    def test_hot_terms_stay_within_a_website_group(self, group):
        def logged(query, site, times=5):
            QueryLog.objects.create(
                query=query, day=timezone.localdate(), count=times, clients=times, hits=2, site=site
            )

        logged("光网城市", group.hetang)  # a district of 株洲
        logged("桃花源", group.changde)
        assert [t.query for t in hot_terms(group.zhuzhou)] == ["光网城市"]
        assert [t.query for t in hot_terms(group.all["zhuzhou-fgw"])] == ["光网城市"]  # the whole group, not one site
        assert [t.query for t in hot_terms(group.changde)] == ["桃花源"]
        assert {t.query for t in hot_terms()} == {"光网城市", "桃花源"}

    def test_presentable(self):
        assert presentable("电子政务") and presentable("12345热线")
        for text in ("", "   ", "😀", "x" * 21, "zsf@example.com", "430202199001011234", "代开发票"):
            assert not presentable(text), text

    def test_template_tag(self, db):
        searched("社保卡办理", 5)
        html = Template(
            "{% load search_hot %}{% hot_search_terms site_profile limit=5 as terms %}"
            "{% for t in terms %}<a href='{{ t.url }}'>{{ t.query }}</a>{% endfor %}"
        ).render(Context({"site_profile": None}))
        assert html == "<a href='/search/?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1%E5%8A%9E%E7%90%86'>社保卡办理</a>"


def test_the_search_page_lists_the_groups_hot_terms(group):
    from tests.conftest import site_client

    QueryLog.objects.create(query="光网城市", day=timezone.localdate(), count=5, clients=5, hits=2, site=group.hetang)
    QueryLog.objects.create(query="桃花源", day=timezone.localdate(), count=5, clients=5, hits=2, site=group.changde)
    page = site_client(group.zhuzhou).get("/search/").content.decode()
    assert "热门搜索" in page and "光网城市" in page and "桃花源" not in page
