"""The public search page (/search/ on every site): scopes, filters with facet counts, escaped highlights, the
fallback notice, friendly answers to bad input, the English mirror, query logging and the page cache. The
searching tests run on both backends (the ``backend`` fixture)."""

import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import Site

from search.models import QueryLog
from tests.conftest import site_client

from .conftest import article, committed
from .promoted_fixtures import pins_fixture  # noqa: F401  (the ``pins`` fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(corpus, backend):
    """``page(profile, **params)`` → the search page's HTML, searched on the backend under test."""
    backend.sync()

    def get(profile, path="/search/", status=200, **params):
        response = site_client(profile).get(path, params)
        assert response.status_code == status, response.status_code
        return response.content.decode()

    return get


def result_titles(html) -> list[str]:
    if 'class="search-results"' not in html:
        return []
    block = html.split('class="search-results"', 1)[1].split("</ol>", 1)[0]
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'<h3 class="search-hit-title"><a [^>]*>(.*?)</a>', block)]


def count_line(html) -> str:
    match = re.search(r'<p class="search-count" role="status" aria-live="polite">(.*?)</p>', html, re.S)
    return match.group(1) if match else ""


def scope_options(html) -> list[str]:
    return re.findall(r'name="scope" value="(\w+)"', html)


class TestSearchPage:
    @pytest.fixture
    def corpus(self, class_corpus):
        """Built once for the class: its tests only read it (tests/search/conftest.py, class_corpus)."""
        return class_corpus

    def test_scopes_offered_and_applied(self, page, group):
        zz, ht = group.zhuzhou, group.hetang
        # A top-level portal: itself or the whole group; a district portal adds its own subtree; a department
        # without sites below it searches itself only.
        assert scope_options(page(zz)) == ["site", "group"]
        assert scope_options(page(ht)) == ["site", "children", "group"]
        assert scope_options(page(group.all["zhuzhou-fgw"])) == ["site"]
        assert scope_options(page(group.all["hetang-yuetang"])) == ["site", "children"]

        assert result_titles(page(zz, q="光网城市")) == ["株洲市人民政府关于印发智慧株洲建设方案的通知"]
        group_wide = page(zz, q="光网城市", scope="group")
        assert set(result_titles(group_wide)) == {
            "荷塘区光网城市建设提速",
            "株洲市人民政府关于印发智慧株洲建设方案的通知",
        }
        assert 'value="group" checked' in group_wide
        assert "常德市电子政务工作会议召开" not in page(ht, q="电子政务", scope="group")
        assert result_titles(page(ht, q="光网城市", scope="children")) == ["荷塘区光网城市建设提速"]

    def test_filters_and_facet_counts(self, page, group):
        zz, ht = group.zhuzhou, group.hetang
        html = page(zz, q="光网城市", scope="group")
        assert "找到与“光网城市”相关的结果 2 条" in count_line(html)
        # Counts next to the type tabs, the site facet and the select options.
        assert re.search(r'type=news">新闻 <span class="facet-count">1</span>', html)
        assert re.search(r'type=disclosure">公开信息 <span class="facet-count">1</span>', html)
        assert '<option value="hetang">荷塘区人民政府（1）</option>' in html
        assert re.search(r'site=hetang">荷塘区人民政府 <span class="facet-count">1</span>', html)
        # The site facet is the group's tree: the district under the city portal, with the total below it.
        tree = (
            r'site=zhuzhou">株洲市人民政府 <span class="facet-count">1</span></a>'
            r'\s*<details class="facet-children" open>'
            r'\s*<summary>下级站点 1 个，共 1 条</summary>\s*<ul[^>]*>\s*<li>\s*<a href="[^"]*site=hetang"'
        )
        assert re.search(tree, html)
        assert '<optgroup label="区县门户"><option value="hetang">荷塘区人民政府（1）</option>' in html
        assert "综合政务（1）" in html
        # Every type is offered in the select with its count; only types with results get a tab.
        assert '<option value="service">办事（0）</option>' in html and "type=service" not in html

        narrowed = page(zz, q="光网城市", scope="group", site="hetang")
        assert result_titles(narrowed) == ["荷塘区光网城市建设提速"]
        # The facet keeps offering the other site with its count, and the chosen one can be removed.
        assert re.search(r'site=zhuzhou">株洲市人民政府 <span class="facet-count">1</span>', narrowed)
        assert re.search(r'<a href="\?q=[^"]*scope=group" aria-current="true"', narrowed)

        only = page(zz, q="光网城市", scope="group", type="disclosure", category="a20-01", subject="综合政务")
        assert result_titles(only) == ["株洲市人民政府关于印发智慧株洲建设方案的通知"]
        assert "株政发〔2026〕3号" in only
        assert result_titles(page(zz, q="光网城市", scope="group", type="qa")) == []

        decree = timezone.localdate().replace(month=1, day=1)
        assert result_titles(page(ht, q="光网城市", scope="group", **{"from": decree.isoformat()})) != []
        assert result_titles(page(ht, q="光网城市", scope="group", to="2000-01-01")) == []

    def test_service_guides_get_the_service_tab(self, page, group):
        html = page(group.zhuzhou, q="自行车")
        assert re.search(r'type=service">办事 <span class="facet-count">1</span>', html)
        assert result_titles(html) == ["公共自行车租车卡办理"]
        assert 'data-type="service"' in html and 'href="/bsfw/' in html
        assert result_titles(page(group.zhuzhou, q="自行车", type="service")) == ["公共自行车租车卡办理"]

    def test_sort_by_date_and_links_keep_the_query(self, page, group):
        html = page(group.zhuzhou, q="建设", scope="group", sort="date")
        assert '<option value="date" selected>' in html
        dates = re.findall(r'<time datetime="([\d-]+)"', html.split('class="search-results"', 1)[1])
        assert len(dates) >= 3 and dates == sorted(dates, reverse=True)
        assert re.search(r'href="\?q=%E5%BB%BA%E8%AE%BE&amp;scope=group&amp;sort=date&amp;type=news"', html)

    def test_highlights_are_escaped(self, page, group, backend):
        with committed():
            article(group.zhuzhou, "zwyw", '电子政务 1<2 & 3>2 "通报"', "x &lt; y 电子政务 &amp; &lt;外网&gt;", 0)
        backend.refresh()
        html = page(group.zhuzhou, q="电子政务 通报")
        assert "<mark>电子政务</mark> 1&lt;2 &amp; 3&gt;2 &quot;<mark>通报</mark>&quot;" in html
        assert "x &lt; y <mark>电子政务</mark> &amp; &lt;外网&gt;" in html  # the body's text, escaped again
        # What the visitor typed comes back escaped: in the box, the title and the "no results" line.
        typed = page(group.zhuzhou, q='<script>alert("x")</script>')
        assert "<script>alert" not in typed
        assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in typed
        assert "未找到与“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;”相关的结果" in count_line(typed)

    def test_promoted_results_on_top_marked_recommended(self, page, group, pins):
        html = page(group.zhuzhou, q="社保")
        promoted = html.index('class="search-promoted"')
        assert promoted < html.index('class="search-results"')
        block = html[promoted : html.index("</ul>", promoted)]
        assert block.count('<span class="promoted-label">推荐</span>') == 2
        assert 'href="https://zwfw.example.gov.cn/sbk"' in block and "在线申领社保卡" in block
        assert "停用的推荐" not in html and "过期的推荐" not in html
        assert 'class="search-promoted"' not in page(group.changde, q="社保")

    @pytest.mark.parametrize(
        ("params", "status"),
        [
            ({"q": "电" * 1000}, 200),
            ({"q": 'title:(a OR b) AND "x" ~1 * ? [1 TO 2] {a} / ^ ! \\ || && -c +d <e> ='}, 200),
            ({"q": "😀🎉"}, 200),
            ({"q": "\\"}, 200),
            ({"q": "'; DROP TABLE search_searchdocument; --"}, 200),
            ({"q": "电子政务", "page": "9999"}, 200),
            ({"q": "电子政务", "page": "-1"}, 400),
            ({"q": "电子政务", "page": "999999"}, 400),
            ({"q": "电子政务", "page": "abc"}, 400),
            ({"q": "电子政务", "page": "²"}, 400),
            ({"q": "电子政务", "from": "2026-05-01", "to": "2026-01-01"}, 400),
            ({"q": "电子政务", "from": "2026-13-45", "to": "昨天"}, 400),
            ({"q": "电子政务", "scope": "universe", "sort": "random", "type": "video", "site": "nowhere"}, 400),
            ({"q": "电子政务", "category": "x" * 500, "subject": "不存在"}, 400),
            ({"q": ""}, 200),
            ({"q": "   "}, 200),
        ],
    )
    def test_bad_input_gets_a_friendly_page(self, page, group, params, status):
        """Refused parameters are explained on the page, which answers 400 (core.params.report)."""
        html = page(group.zhuzhou, status=status, **params)
        assert "站内搜索" in html

    def test_bad_input_is_explained(self, page, group):
        long = page(group.zhuzhou, q="电子政务" + "测" * 1000)
        assert "检索词较长，已按前 50 个字检索。" in long
        assert "没有可检索的汉字、字母或数字" in page(group.zhuzhou, q="😀 ！？")
        assert "请输入检索词。" in page(group.zhuzhou, q="  ")
        dates = page(group.zhuzhou, status=400, q="电子政务", **{"from": "2026-05-01", "to": "2026-01-01"})
        assert "结束日期不能早于开始日期" in dates and result_titles(dates)  # searched without the range
        odd = page(group.zhuzhou, status=400, q="电子政务", scope="universe", type="video", site="changde", sort="x")
        for message in (
            "检索范围的取值无效",
            "未知的内容类型：video",
            "不在当前检索范围内：changde",
            "排序方式的取值无效",
        ):
            assert message in odd
        assert "我市推进电子政务外网扩容升级" in result_titles(odd)
        last = page(group.zhuzhou, q="电子政务", page="9999")
        assert result_titles(last) and 'aria-current="page">1<' in last
        repeated = site_client(group.zhuzhou).get("/search/?q=电子政务&q=社保")
        assert repeated.status_code == 400 and "只能给出一个值" in repeated.content.decode()

    def test_no_results_suggests_what_to_try(self, page, group):
        html = page(group.all["zhuzhou-fgw"], q="电子政务", type="news")
        assert "未找到与“电子政务”相关的结果" in count_line(html)
        assert "清除筛选条件" in html
        html = page(group.hetang, q="智慧株洲")
        assert 'scope=group">在“全部网站”范围内检索' in html

    def test_did_you_mean_links_to_the_corrected_query(self, page, group):
        html = page(group.hetang, q="光网城事", type="news")
        href = re.search(r'您是不是要找：<a href="\?([^"]+)">光网城市</a>', html).group(1)
        assert parse_qs(unescape(href)) == {"q": ["光网城市"], "type": ["news"]}  # the filters are kept
        assert "data-suggestion" not in page(group.hetang, q="光网城市")

    def test_query_log_counts_first_pages_only(self, page, group):
        page(group.zhuzhou, q="电子政务")
        page(group.zhuzhou, q="电子政务", page="2")
        page(group.zhuzhou, q="😀")
        page(group.zhuzhou)
        assert list(QueryLog.objects.values_list("query", "count")) == [("电子政务", 1)]


def test_fallback_notice_when_elasticsearch_is_down(settings, corpus, group):
    settings.SEARCH_ELASTICSEARCH_URL = "http://127.0.0.1:1"  # nothing listens there: refused at once
    html = site_client(group.zhuzhou).get("/search/", {"q": "电子政务"}).content.decode()
    assert "data-fallback" in html and "全文检索服务暂时不可用" in html
    assert "我市推进电子政务外网扩容升级" in result_titles(html)


def test_english_mirror_and_sites_without_it(settings, corpus, group):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    response = site_client(group.zhuzhou).get("/en/search/", {"q": "电子政务"})
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="en">' in html
    assert 'action="/en/search/"' in html and "我市推进电子政务外网扩容升级" in result_titles(html)
    # 荷塘区 has no English mirror: the Chinese page, same query.
    response = site_client(group.hetang).get("/en/search/", {"q": "电子政务", "scope": "group"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=%E7%94%B5%E5%AD%90%E6%94%BF%E5%8A%A1&scope=group"


def test_every_site_header_points_at_its_search_page(group):
    html = site_client(group.hetang).get("/").content.decode()
    assert 'action="/search/"' in html
    assert site_client(group.hetang).get("/search/").status_code == 200


def test_a_host_without_a_site_answers_not_found(db, settings):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.update(is_default_site=False)
    assert Client(HTTP_HOST="nowhere.example").get("/search/", {"q": "电子政务"}).status_code == 404


def test_results_are_never_served_stale_from_the_page_cache(settings, corpus, group):
    settings.SEARCH_ELASTICSEARCH_URL = ""
    settings.PAGE_CACHE_SECONDS = 300
    client = site_client(group.zhuzhou)
    first = client.get("/search/", {"q": "一网通办"})
    assert "X-Page-Cache" not in first and result_titles(first.content.decode()) == []
    with committed():
        article(group.zhuzhou, "zwyw", "一网通办改革推进会", "一网通办", 0)
    again = client.get("/search/", {"q": "一网通办"})
    assert "X-Page-Cache" not in again and result_titles(again.content.decode()) == ["一网通办改革推进会"]
    # The bare form has no results to go stale and may be cached.
    assert client.get("/search/")["X-Page-Cache"] == "miss" and client.get("/search/")["X-Page-Cache"] == "hit"
