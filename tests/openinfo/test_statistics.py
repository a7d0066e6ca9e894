"""Evaluator statistics against a hand-built fixture; exports; constant query count."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from core.calendar_seed import seed_calendar
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.enums import DocumentGenre, Validity
from openinfo.statistics import disclosing_profiles, disclosure_statistics, months_before, stale_before
from sites.models import SiteProfile
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
D = datetime.date
TODAY = D(2026, 11, 22)


def add(profile, code, written, published, **fields):
    return publish(
        DisclosureDocumentPageFactory(
            parent=category_page(profile, code), written_on=written, published_on=published, **fields
        )
    )


@pytest.fixture
def hetang_documents(group):
    seed_calendar(2025, 2026)
    hetang = group.hetang
    add(hetang, "a20-01", D(2026, 1, 10), D(2026, 1, 12), genre=DocumentGenre.NORMATIVE)
    add(
        hetang,
        "a20-01",
        D(2025, 3, 1),
        D(2025, 3, 3),
        genre=DocumentGenre.RULE,
        validity=Validity.REPEALED,
        invalid_from=D(2026, 2, 1),
    )
    add(hetang, "a20-07", D(2024, 5, 6), D(2024, 5, 8))
    add(hetang, "a20-05", D(2026, 9, 28), D(2026, 10, 1))
    add(hetang, "a20-12", D(2026, 2, 6), D(2026, 3, 13))  # 21 working days across the Spring Festival: late
    return hetang


def site_stats(profile, year):
    (stats,) = disclosure_statistics([profile], year, TODAY)
    return stats


def test_completeness_per_category(hetang_documents):
    stats = site_stats(hetang_documents, 2026)
    rows = {row.code: row for row in stats.categories}
    assert len(rows) == 16  # 15 Art. 20 items + Art. 21 for a district
    assert (rows["a20-01"].count, rows["a20-01"].last_published) == (2, D(2026, 1, 12))
    assert rows["a20-01"].stale  # 政策文件-type: nothing in the last 6 months
    assert rows["a20-07"].stale and rows["a20-07"].count == 1  # 规划-type: nothing in a year
    assert not rows["a20-05"].stale and not rows["a20-05"].blank
    assert rows["a20-02"].blank and not rows["a20-02"].stale  # blank is not counted as stale too
    assert not rows["a20-15"].stale  # 'other' type has no freshness rule
    assert stats.blank_count == 12 and stats.stale_count == 3


def test_year_figures_table2_and_lateness(hetang_documents):
    stats = site_stats(hetang_documents, 2026)
    assert stats.months == [1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0] and stats.year_total == 3
    assert stats.late == 1
    assert stats.table2 == {
        "rule": {"issued": 0, "abolished": 1, "in_force": 0},
        "normative": {"issued": 1, "abolished": 0, "in_force": 1},
    }
    previous = site_stats(hetang_documents, 2025)
    assert previous.table2["rule"] == {"issued": 1, "abolished": 0, "in_force": 1}
    assert previous.year_total == 1 and previous.late == 0


def test_thresholds():
    assert stale_before("news", TODAY) == D(2026, 11, 8)
    assert stale_before("policy", TODAY) == D(2026, 5, 22)
    assert stale_before("planning", TODAY) == D(2025, 11, 22)
    assert stale_before("other", TODAY) is None
    assert months_before(D(2026, 8, 31), 6) == D(2026, 2, 28)


def test_query_count_does_not_depend_on_the_number_of_sites(hetang_documents):
    profiles = disclosing_profiles()
    disclosure_statistics(profiles, 2026, TODAY)  # warm the calendar cache
    with CaptureQueriesContext(connection) as one:
        disclosure_statistics([hetang_documents], 2026, TODAY)
    with CaptureQueriesContext(connection) as group:
        disclosure_statistics(profiles, 2026, TODAY)
    assert len(one) == len(group) <= 5


def test_api_json_for_one_site_and_for_the_group(group, hetang_documents):
    client = site_client(group.zhuzhou)
    data = client.get("/api/v1/openinfo/stats/", {"site": "hetang", "year": "2026"}).json()
    (site,) = data["sites"]
    assert (site["slug"], site["year_total"], site["late"], site["blank_count"]) == ("hetang", 3, 1, 12)
    assert site["table2"]["normative"]["issued"] == 1
    whole = client.get("/api/v1/openinfo/stats/", {"year": "2026"}).json()
    slugs = {s["slug"] for s in whole["sites"]}
    assert {"zhuzhou", "hetang", "zhuzhou-fgw", "hetang-yuetang", "changde"} <= slugs
    assert "hetang-daping" not in slugs  # villages are not disclosing organs
    assert whole["totals"]["documents"] == 3 and whole["totals"]["late"] == 1


def test_csv_and_xlsx_contents(group, hetang_documents):
    client = site_client(group.zhuzhou)
    response = client.get("/api/v1/openinfo/stats/", {"site": "hetang", "year": "2026", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["站点标识", "站点名称", "信息类别代码", "信息类别"]
    a2001 = next(r for r in rows if r[2] == "a20-01")
    assert a2001[4:6] == ["2", "2026-01-12"]
    assert len(rows) == 17
    response = client.get("/api/v1/openinfo/stats/", {"site": "hetang", "year": "2026", "format": "xlsx"})
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["栏目完整性", "年度统计"]
    yearly = list(workbook["年度统计"].iter_rows(values_only=True))
    assert yearly[1][:3] == ("hetang", "荷塘区人民政府", 3) and yearly[1][15] == 1  # 超20个工作日发布


def test_exports_of_a_site_without_documents_are_valid_files(group):
    client = site_client(group.zhuzhou)
    response = client.get("/api/v1/openinfo/stats/", {"site": "zhuzhou-fgw", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert all(row[4] == "0" and row[6] == "是" for row in rows[1:])
    response = client.get("/api/v1/openinfo/stats/", {"site": "zhuzhou-fgw", "format": "xlsx"})
    assert load_workbook(io.BytesIO(response.content))["年度统计"].max_row == 2
    empty_group = disclosure_statistics(SiteProfile.objects.filter(kind="village"), 2026, TODAY)
    assert empty_group == []


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "20x6"}, "year"),
        ({"year": "1999"}, "year"),
        ({"site": "nowhere"}, "site"),
        ({"format": "pdf"}, "format"),
    ],
)
def test_bad_parameters(group, params, field):
    response = site_client(group.zhuzhou).get("/api/v1/openinfo/stats/", params)
    assert response.status_code == 400 and field in response.json()["errors"]
