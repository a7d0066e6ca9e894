"""The public statistics page (/hdjl/stats/) against the hand-built messages in stats_data (exact figures)."""

import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.conftest import site_client

from . import stats_data

pytestmark = pytest.mark.django_db
URL = "/hdjl/stats/"


@pytest.fixture
def messages(group):
    return stats_data.build(group)


def page(profile, status=200, **params):
    response = site_client(profile).get(URL, params)
    assert response.status_code == status, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def figures(html) -> dict[str, str]:
    return {dd["data-figure"]: dd.get_text(strip=True) for dd in html.select("[data-total] dd")}


def table(html, table_id) -> dict[str, list[str]]:
    """Rows by their first cell: {"株洲市人民政府": ["4", "2", …]}."""
    rows = html.select(f"#{table_id} tbody tr, #{table_id} tfoot tr")
    return {row.th.get_text(strip=True): [td.get_text(strip=True) for td in row.find_all("td")] for row in rows}


def test_portal_year_figures_tables_and_chart_data(group, messages):
    html = page(group.zhuzhou, year="2026")
    assert html.h1.get_text(strip=True) == "2026年留言办理统计"
    assert figures(html) == {
        "received": "5",
        "answered": "3",
        "on_time_rate": "66.7%",
        "mean_reply_days": "8.7",
        "median_reply_days": "10",
        "overdue_open": "1",
        "satisfied_rate": "66.7%",
    }
    # 受理 已答复 不予受理 办理中 按期答复率 中位数 超期未答复 满意率
    assert table(html, "stats-table-sites") == {
        "株洲市人民政府": ["4", "2", "1", "1", "50.0%", "12", "1", "50.0%"],
        "荷塘区人民政府": ["1", "1", "0", "0", "100.0%", "2", "0", "100.0%"],
        "荷塘区月塘街道办事处": ["0", "0", "0", "0", "—", "—", "0", "—"],
        "株洲市发展和改革委员会": ["0", "0", "0", "0", "—", "—", "0", "—"],
        "合计": ["5", "3", "1", "1", "66.7%", "10", "1", "66.7%"],
    }
    assert table(html, "stats-table-units") == {
        "株洲市人民政府": ["2", "0", "1", "1", "—", "—", "1", "—"],
        "荷塘区人民政府": ["2", "2", "0", "0", "50.0%", "8", "0", "50.0%"],
        "株洲市发展和改革委员会": ["1", "1", "0", "0", "100.0%", "10", "0", "100.0%"],
    }
    monthly = table(html, "stats-table-monthly")  # months as columns, then the year
    assert monthly == {
        "受理": ["0", "1", "4", "0", "0", "0", "0", "0", "0", "0", "0", "0", "5"],
        "已答复": ["0", "1", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", "3"],
    }
    assert [th.get_text(strip=True) for th in html.select("#stats-table-monthly thead th")][:2] == ["1月", "2月"]
    assert table(html, "stats-table-satisfaction") == {
        "满意": ["1"],
        "基本满意": ["1"],
        "不满意": ["1"],
        "满意率（满意＋基本满意）": ["66.7%"],
    }
    chart = json.loads(html.find(id="interaction-stats-data").string)
    assert chart["received"][:4] == [0, 1, 4, 0] and chart["answered"][:4] == [0, 1, 2, 0]
    assert chart["satisfaction"] == [
        {"name": "满意", "value": 1},
        {"name": "基本满意", "value": 1},
        {"name": "不满意", "value": 1},
    ]
    # Charts stay hidden until the script draws them; the tables above carry the same figures without it.
    assert html.find(id="stats-chart-monthly").has_attr("hidden")
    assert html.find(id="stats-chart-satisfaction")["aria-hidden"] == "true"
    assert html.find("script", src=lambda src: src and "vendor/echarts/echarts.min.js" in src)


def test_one_month(group, messages):
    html = page(group.zhuzhou, year="2026", month="3")
    assert html.h1.get_text(strip=True) == "2026年3月留言办理统计"
    assert figures(html)["received"] == "4" and figures(html)["median_reply_days"] == "8"
    assert table(html, "stats-table-sites")["株洲市人民政府"] == ["3", "1", "1", "1", "0.0%", "14", "1", "0.0%"]
    assert html.select_one("#stats-table-monthly th.is-current")["data-month"] == "3"
    assert table(html, "stats-table-monthly")["受理"][2] == "4"
    assert html.select_one("#stats-month option[selected]")["value"] == "3"


def test_a_site_below_the_portal_shows_only_its_own_figures(group, messages):
    html = page(group.hetang, year="2026")
    assert list(table(html, "stats-table-sites")) == ["荷塘区人民政府", "荷塘区月塘街道办事处", "合计"]
    # The 荷塘区 unit handles its own message and the one the portal transferred to it.
    assert table(html, "stats-table-units") == {"荷塘区人民政府": ["2", "2", "0", "0", "50.0%", "8", "0", "50.0%"]}
    assert figures(html)["received"] == "1"


def test_download_links_carry_the_period_and_the_site(group, messages):
    html = page(group.zhuzhou, year="2026", month="3")
    links = [a["href"] for a in html.select(".stats-downloads a")]
    assert links == [
        "/api/v1/interaction/stats/?site=zhuzhou&year=2026&month=3&format=xlsx",
        "/api/v1/interaction/stats/?site=zhuzhou&year=2026&month=3&format=csv",
        "/api/v1/interaction/stats/?site=zhuzhou&year=2026&month=3&format=json",
    ]


def test_empty_site_and_year(group):
    html = page(group.all["zhuzhou-fgw"], year="2024")
    assert figures(html)["received"] == "0" and figures(html)["on_time_rate"] == "—"
    assert table(html, "stats-table-sites") == {"株洲市发展和改革委员会": ["0", "0", "0", "0", "—", "—", "0", "—"]}
    assert html.select_one("#stats-table-units .empty").get_text(strip=True) == "统计期内暂无留言。"
    assert html.find(id="stats-chart-satisfaction") is None  # no pie without ratings; the table still shows 0s
    assert table(html, "stats-table-satisfaction")["满意"] == ["0"]


def test_default_period_is_the_current_year(group):
    stats_data.message(group.hetang, timezone.localdate())
    html = page(group.hetang)
    year = timezone.localdate().year
    assert html.h1.get_text(strip=True) == f"{year}年留言办理统计" and figures(html)["received"] == "1"
    assert html.select_one("#stats-year option[selected]")["value"] == str(year)
    assert html.select_one("#stats-month option[selected]")["value"] == ""


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"year": "abc"}, {"year"}),
        ({"year": "1999"}, {"year"}),
        ({"year": "3000"}, {"year"}),
        ({"year": "2026", "month": "13"}, {"month"}),
        ({"year": "二〇二六", "month": "-1"}, {"year", "month"}),
        ({"year": "9" * 300}, {"year"}),
    ],
)
def test_bad_period_values_get_a_chinese_message_not_an_error_page(group, params, fields):
    html = page(group.zhuzhou, status=400, **params)  # the page, with the messages and the defaults, as a 400
    errors = {li["data-error"]: li.get_text(strip=True) for li in html.select("#stats-filter-errors li")}
    assert set(errors) == fields
    assert not errors.get("year") or errors["year"].startswith("年份应为 2000–")
    assert not errors.get("month") or errors["month"] == "月份应为 1–12 之间的整数"
    assert html.h1.get_text(strip=True).endswith("留言办理统计")  # the defaults are shown instead


def test_no_personal_data_on_the_page(group, messages):
    body = site_client(group.zhuzhou).get(URL, {"year": "2026"}).content.decode()
    private = (stats_data.NAME, stats_data.PHONE, stats_data.EMAIL, stats_data.TITLE, messages.a.tracking_code)
    assert not [text for text in private if text in body]


def test_page_chrome(group, messages):
    html = page(group.zhuzhou, year="2026")
    assert html.find("meta", attrs={"name": "ColumnName"})["content"] == "统计分析"
    crumbs = [li.get_text(strip=True) for li in html.select("nav.breadcrumbs li")]
    assert crumbs == ["首页", "互动交流", "统计分析"]
    assert html.select_one("nav.breadcrumbs a[href$='/hdjl/']")
    current = html.select_one(".side-nav a[aria-current=page]")
    assert current.get_text(strip=True) == "统计分析" and current["href"].endswith("/hdjl/stats/")


def test_english_mirror_serves_the_same_figures(group, messages):
    response = site_client(group.zhuzhou).get("/en" + URL, {"year": "2026"})
    assert response.status_code == 200
    assert figures(BeautifulSoup(response.content, "html.parser"))["received"] == "5"


def test_figures_follow_every_message_change_at_once(group, messages, django_capture_on_commit_callbacks, settings):
    """Receiving, handling or deleting a message is not a publish: the page is never kept whole in the page cache,
    and the cached report is keyed by the messages' generation, so the next visitor sees the change."""
    settings.PAGE_CACHE_SECONDS = 60
    client = site_client(group.zhuzhou)
    first = client.get(URL, {"year": "2026"})
    assert "no-cache" in first["Cache-Control"] and "X-Page-Cache" not in first
    assert figures(BeautifulSoup(first.content, "html.parser"))["received"] == "5"
    with django_capture_on_commit_callbacks(execute=True):
        extra = stats_data.message(group.zhuzhou, stats_data.D(2026, 3, 5))
    assert figures(page(group.zhuzhou, year="2026"))["received"] == "6"
    with django_capture_on_commit_callbacks(execute=True):
        extra.delete()
    again = client.get(URL, {"year": "2026"})
    assert "X-Page-Cache" not in again
    assert figures(BeautifulSoup(again.content, "html.parser"))["received"] == "5"


def test_report_is_computed_once_while_nothing_changes(group, messages, django_assert_max_num_queries):
    page(group.zhuzhou, year="2026")
    with django_assert_max_num_queries(10):  # the report's grouped queries are not repeated
        page(group.zhuzhou, year="2026")
