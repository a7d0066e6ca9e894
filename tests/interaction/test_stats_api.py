"""GET /api/v1/interaction/stats/ against the hand-built messages in stats_data (exact figures)."""

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.conftest import site_client

from . import stats_data

pytestmark = pytest.mark.django_db
URL = "/api/v1/interaction/stats/"


@pytest.fixture
def messages(group):
    return stats_data.build(group)


def get(group, **params):
    return site_client(group.zhuzhou).get(URL, params)


def figures(row, *names):
    return tuple(row[name] for name in names)


def test_json_for_a_portal_and_the_sites_below_it(group, messages):
    response = get(group, site="zhuzhou", year="2026")
    assert response.status_code == 200
    data = response.json()
    assert (data["site"], data["year"], data["month"]) == ("zhuzhou", 2026, None)
    assert [row["slug"] for row in data["sites"]] == ["zhuzhou", "hetang", "hetang-yuetang", "zhuzhou-fgw"]
    city, hetang, yuetang, fgw = data["sites"]
    assert figures(city, "received", "answered", "rejected", "pending", "published", "on_time", "late") == (
        4, 2, 1, 1, 1, 1, 1,
    )  # fmt: skip
    assert figures(city, "on_time_rate", "mean_reply_days", "median_reply_days", "overdue_open") == (0.5, 12, 12, 1)
    assert city["satisfaction"] == {"satisfied": 1, "mostly": 0, "unsatisfied": 1} and city["satisfied_rate"] == 0.5
    assert figures(hetang, "received", "answered", "on_time_rate", "median_reply_days", "satisfied_rate") == (
        1, 1, 1.0, 2, 1.0,
    )  # fmt: skip
    for empty in (yuetang, fgw):
        assert figures(empty, "received", "answered", "on_time_rate", "median_reply_days") == (0, 0, None, None)
    total = data["total"]
    assert (total["slug"], total["name"]) == ("", "合计")
    assert figures(total, "received", "answered", "rejected", "on_time", "late", "overdue_open") == (5, 3, 1, 2, 1, 1)
    assert figures(total, "on_time_rate", "mean_reply_days", "median_reply_days", "satisfied_rate") == (
        0.6667, 8.7, 10, 0.6667,
    )  # fmt: skip
    # By handling unit: transferred messages count for the transferee, the rest for the receiving site.
    units = {row["slug"]: row for row in data["units"]}
    assert list(units) == ["zhuzhou", "hetang", "zhuzhou-fgw"]
    assert figures(units["zhuzhou"], "received", "rejected", "pending", "overdue_open") == (2, 1, 1, 1)
    assert figures(units["hetang"], "received", "answered", "on_time", "late", "median_reply_days") == (2, 2, 1, 1, 8)
    assert figures(units["zhuzhou-fgw"], "received", "on_time_rate", "name") == (1, 1.0, "株洲市发展和改革委员会")
    months = data["months"]
    assert len(months) == 12 and months[1] == {"month": 2, "received": 1, "answered": 1}
    assert months[2] == {"month": 3, "received": 4, "answered": 2}
    assert sum(m["received"] for m in months) == total["received"]


def test_one_month(group, messages):
    data = get(group, site="zhuzhou", year="2026", month="3").json()
    assert data["month"] == 3
    city = data["sites"][0]
    assert figures(city, "received", "answered", "late", "on_time_rate", "median_reply_days") == (3, 1, 1, 0.0, 14)
    assert data["total"]["received"] == 4
    assert data["months"][1]["received"] == 1  # the monthly series always covers the whole year


def test_all_sites_by_default(group, messages):
    data = get(group, year="2026").json()
    assert data["site"] is None
    assert data["total"]["received"] == 6 and data["total"]["overdue_open"] == 2
    changde = next(row for row in data["sites"] if row["slug"] == "changde")
    assert figures(changde, "received", "pending", "overdue_open") == (1, 1, 1)


def test_a_department_and_a_site_without_messages(group, messages):
    data = get(group, site="zhuzhou-fgw", year="2026").json()
    assert [(row["slug"], row["received"]) for row in data["sites"]] == [("zhuzhou-fgw", 0)]
    assert [(row["slug"], row["received"], row["on_time"]) for row in data["units"]] == [("zhuzhou-fgw", 1, 1)]
    empty = get(group, site="hetang-yuetang", year="2025").json()
    assert empty["total"]["received"] == 0 and empty["total"]["on_time_rate"] is None
    assert empty["units"] == [] and all(m["received"] == 0 for m in empty["months"])


def test_default_year_is_the_current_one(group):
    stats_data.message(group.hetang, timezone.localdate())
    data = get(group, site="hetang").json()
    assert data["year"] == timezone.localdate().year and data["total"]["received"] == 1


def test_csv_contents(group, messages):
    response = get(group, site="zhuzhou", year="2026", month="3", format="csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="interaction-stats-zhuzhou-2026-03.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:6] == ["统计口径", "站点标识", "机构名称", "受理", "已答复", "不予受理"]
    assert rows[0][10] == "按期答复率（%）"
    assert rows[1][:11] == ["按受理网站", "zhuzhou", "株洲市人民政府", "3", "1", "1", "1", "0", "0", "1", "0.0"]
    assert [row[0] for row in rows[1:]] == ["按受理网站"] * 4 + ["按办理单位"] * 2 + ["合计"]
    hetang_unit = next(row for row in rows if row[:2] == ["按办理单位", "hetang"])
    assert hetang_unit[3:5] == ["2", "2"] and hetang_unit[10:13] == ["50.0", "8.0", "8.0"]
    assert rows[-1][2:5] == ["合计", "4", "2"]


def test_xlsx_contents(group, messages):
    response = get(group, site="zhuzhou", year="2026", format="xlsx")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="interaction-stats-zhuzhou-2026.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["按受理网站", "按办理单位", "合计", "2026年逐月"]
    sites = list(workbook["按受理网站"].iter_rows(values_only=True))
    assert sites[1][:5] == ("zhuzhou", "株洲市人民政府", 4, 2, 1) and sites[1][8:10] == (1, 50)
    assert [row[0] for row in sites[1:]] == ["zhuzhou", "hetang", "hetang-yuetang", "zhuzhou-fgw"]
    assert sites[4][9] is None  # no answers → no rate (an empty cell, not 0)
    (total,) = list(workbook["合计"].iter_rows(values_only=True))[1:]
    assert total[2:4] == (5, 3) and total[16] == 66.7
    months = list(workbook["2026年逐月"].iter_rows(values_only=True))
    assert months[0] == ("月份", "受理", "已答复") and months[3] == (3, 4, 2) and len(months) == 13


def test_exports_of_an_empty_site_are_valid_files(group):
    response = get(group, site="zhuzhou-fgw", year="2024", format="csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[:4] for row in rows[1:]] == [
        ["按受理网站", "zhuzhou-fgw", "株洲市发展和改革委员会", "0"],
        ["合计", "", "合计", "0"],
    ]
    response = get(group, site="zhuzhou-fgw", year="2024", format="xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook["按办理单位"].max_row == 1 and workbook["2024年逐月"].max_row == 13


def test_no_personal_data_in_any_format(group, messages):
    for fmt in ("json", "csv"):
        body = get(group, site="zhuzhou", year="2026", format=fmt).content.decode("utf-8-sig")
        for private in (
            stats_data.NAME,
            stats_data.PHONE,
            stats_data.EMAIL,
            stats_data.TITLE,
            messages.a.tracking_code,
        ):
            assert private not in body
    workbook = load_workbook(io.BytesIO(get(group, site="zhuzhou", year="2026", format="xlsx").content))
    cells = {str(c) for sheet in workbook for row in sheet.iter_rows(values_only=True) for c in row}
    assert not cells & {stats_data.NAME, stats_data.PHONE, stats_data.EMAIL, stats_data.TITLE}


@pytest.mark.parametrize(
    ("params", "fields"),
    [
        ({"year": "20x6"}, {"year"}),
        ({"year": "1999"}, {"year"}),
        ({"year": "99999"}, {"year"}),
        ({"year": "2026", "month": "13"}, {"month"}),
        ({"month": "0"}, {"month"}),
        ({"month": "²"}, {"month"}),
        ({"site": "nowhere"}, {"site"}),
        ({"format": "pdf"}, {"format"}),
        ({"site": "nowhere", "year": "abc", "format": "doc"}, {"year", "format"}),  # typed parameters first
        ({"site": "nowhere", "year": "2026"}, {"site"}),
        ({"year": ["2025", "2026"]}, {"year"}),
    ],
)
def test_bad_parameters(group, params, fields):
    response = get(group, **params)
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "请求参数有误" and set(body["errors"]) == fields
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in text) for text in body["errors"].values())


def test_next_year_is_refused(group):
    next_year = str(timezone.localdate().year + 1)
    assert get(group, year=next_year).json()["errors"]["year"].startswith("年份应为 2000–")


def test_openapi_documents_the_endpoint(group):
    schema = site_client(group.zhuzhou).get("/api/v1/openapi.json").json()
    operation = schema["paths"][URL]["get"]
    assert operation["summary"] == "政民互动留言办理统计"
    assert {p["name"] for p in operation["parameters"]} == {"site", "year", "month", "format"}
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    out = schema["components"]["schemas"][ref]
    assert {"total", "sites", "units", "months"} <= set(out["properties"])
    row = schema["components"]["schemas"]["ReplyStatsOut"]["properties"]
    assert row["on_time_rate"]["description"].startswith("按期答复率")
    assert "phone" not in row and "name" in row


def test_query_count_does_not_grow_with_the_number_of_sites(group, messages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for slug in ("hetang-yuetang", "zhuzhou", None):  # 1, 6 and 7 sites
        params = {"year": "2026", **({"site": slug} if slug else {})}
        get(group, **params)  # warms the per-site caches (sites/site_cache.py), as any earlier request would
        with CaptureQueriesContext(connection) as queries:
            get(group, **params)
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[2] == counts[1] - 1, counts  # all sites: no slug to look up
