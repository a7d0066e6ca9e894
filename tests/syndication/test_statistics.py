"""报送量 / 采用率 per unit and period against a fixture of known submissions, the admin report and its XLSX, the
public ranking page (/xxbs/) and the dashboard panel 本站信息报送."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from demo.factories.home import column_of
from syndication import services, stats
from syndication.enums import AdoptionMode, SubmissionStatus
from syndication.models import Submission
from tests.conftest import site_client

from .helpers import article, qxdt

pytestmark = pytest.mark.django_db
TZ = datetime.timezone(datetime.timedelta(hours=8))


def _row(group, source, status, when, column=None, n=[0]):  # noqa: B006 — a counter for unique titles
    n[0] += 1
    page = article(source, title=f"报送文章{n[0]}", slug=f"bs-{n[0]}")
    column = column or qxdt(group)
    return Submission.objects.create(
        page=page,
        title=page.title,
        source_site=source,
        column=column,
        target_site=group.zhuzhou if column.path.startswith(group.zhuzhou.site.root_page.path) else group.hetang,
        status=status,
        mode=AdoptionMode.ALIAS if status == SubmissionStatus.ADOPTED else "",
        submitted_at=when,
    )


@pytest.fixture
def known(group):
    """March 2026: 市发改委 4 submitted, 3 adopted; 荷塘区 2 submitted, 1 adopted (+1 returned). April 2026: 荷塘区 1
    adopted. March 2025: 市发改委 1 adopted (another year). 月塘街道 → 荷塘区's 乡镇街道: 1 adopted (March 2026)."""
    march, april = datetime.datetime(2026, 3, 10, 9, tzinfo=TZ), datetime.datetime(2026, 4, 2, 9, tzinfo=TZ)
    for status in ["adopted", "adopted", "adopted", "rejected"]:
        _row(group, group.zhuzhou_fgw, status, march)
    _row(group, group.hetang, "adopted", march)
    _row(group, group.hetang, "returned", march)
    _row(group, group.hetang, "adopted", april)
    _row(group, group.zhuzhou_fgw, "adopted", datetime.datetime(2025, 3, 10, 9, tzinfo=TZ))
    _row(group, group.hetang_yuetang, "adopted", march, column=column_of(group.hetang, "xzjd"))
    # Ends of the month: 1 March 00:00 counts in March, 1 April 00:00 (local time) does not.
    _row(group, group.zhuzhou_fgw, "pending", datetime.datetime(2026, 3, 1, 0, tzinfo=TZ))
    _row(group, group.zhuzhou_fgw, "pending", datetime.datetime(2026, 4, 1, 0, tzinfo=TZ))
    return group


def test_monthly_statistics_exact_numbers_and_rates(known):
    rows = stats.unit_statistics(Submission.objects.all(), 2026, 3)
    got = [(r.rank, r.unit, r.submitted, r.adopted, r.rate_text) for r in rows]
    assert got == [
        (1, "株洲市发展和改革委员会", 5, 3, "60.0%"),
        (2, "荷塘区月塘街道办事处", 1, 1, "100.0%"),  # as many adopted as 荷塘区: the higher rate ranks first
        (3, "荷塘区人民政府", 2, 1, "50.0%"),
    ]
    assert rows[0].columns[0][0] == "区县动态"
    assert (stats.totals(rows).submitted, stats.totals(rows).adopted) == (8, 5)


def test_yearly_statistics(known):
    rows = {r.unit: (r.submitted, r.adopted) for r in stats.unit_statistics(Submission.objects.all(), 2026)}
    assert rows == {"株洲市发展和改革委员会": (6, 3), "荷塘区人民政府": (3, 2), "荷塘区月塘街道办事处": (1, 1)}
    assert [(r.unit, r.submitted) for r in stats.unit_statistics(Submission.objects.all(), 2025)] == [
        ("株洲市发展和改革委员会", 1)
    ]


def test_admin_report_is_scoped_and_exports_xlsx(known, editor):
    client = site_client(known.zhuzhou, editor("zhuzhou"))
    response = client.get(reverse("syndication:report"), {"year": 2026, "month": 3})
    units = [r.unit for r in response.context["rows"]]
    assert units == ["株洲市发展和改革委员会", "荷塘区人民政府"]  # 乡镇街道 is 荷塘区's column, not the city's
    download = client.get(reverse("syndication:report"), {"year": 2026, "month": 3, "format": "xlsx"})
    assert download["Content-Disposition"] == 'attachment; filename="syndication-2026-03.xlsx"'
    book = load_workbook(io.BytesIO(download.content))
    assert book.sheetnames == ["采用情况排名", "分栏目统计"]
    assert [list(r) for r in book["采用情况排名"].iter_rows(values_only=True)] == [
        ["名次", "报送单位", "报送数", "采用数", "采用率"],
        [1, "株洲市发展和改革委员会", 5, 3, "60.0%"],
        [2, "荷塘区人民政府", 2, 1, "50.0%"],
    ]
    by_column = list(book["分栏目统计"].iter_rows(values_only=True))
    assert by_column[1] == ("株洲市发展和改革委员会", "区县动态", 5, 3, "60.0%")
    # 荷塘区's staff see what they sent and what their columns received, nothing of the city's other units.
    hetang = site_client(known.hetang, editor("hetang")).get(reverse("syndication:report"), {"year": 2026, "month": 3})
    assert [r.unit for r in hetang.context["rows"]] == ["荷塘区月塘街道办事处", "荷塘区人民政府"]


def test_public_ranking_page(known):
    response = site_client(known.zhuzhou).get("/xxbs/", {"year": "2026", "month": "3"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2026年3月信息报送采用情况" in html
    assert html.index("株洲市发展和改革委员会") < html.index("荷塘区月塘街道办事处") < html.index("荷塘区人民政府")
    assert "60.0%" in html and "100.0%" in html
    yearly = site_client(known.zhuzhou).get("/xxbs/", {"year": "2025"}).content.decode()
    assert "2025年信息报送采用情况" in yearly and "荷塘区人民政府" not in yearly


@pytest.mark.parametrize(
    "query, message",
    [
        ({"year": "abc"}, "年份应为 2000–2100 之间的整数"),
        ({"year": "2026", "month": "13"}, "月份应为 1–12 之间的整数"),
        ({"month": ["1", "2"]}, "月份只能给出一个值"),
    ],
)
def test_public_ranking_bad_parameters_answer_400(known, query, message):
    response = site_client(known.zhuzhou).get("/xxbs/", query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_public_ranking_only_on_portals(known):
    assert site_client(known.zhuzhou_fgw).get("/xxbs/").status_code == 404


def test_dashboard_panel_shows_this_months_figures_and_pending(group, editor):
    now = timezone.now()
    _row(group, group.zhuzhou_fgw, "adopted", now)
    _row(group, group.zhuzhou_fgw, "pending", now)
    _row(group, group.zhuzhou_fgw, "rejected", now)
    fgw = site_client(group.zhuzhou, editor("zhuzhou-fgw")).get(reverse("wagtailadmin_home")).content.decode()
    assert "本站信息报送" in fgw
    assert "data-submitted>3<" in fgw and "data-adopted>1<" in fgw and "data-rate>33.3%<" in fgw
    portal = site_client(group.zhuzhou, editor("zhuzhou")).get(reverse("wagtailadmin_home")).content.decode()
    assert "data-pending>1<" in portal


def test_equal_units_share_a_place(group):
    march = datetime.datetime(2026, 3, 10, 9, tzinfo=TZ)
    _row(group, group.zhuzhou_fgw, "adopted", march)
    _row(group, group.hetang, "adopted", march)
    _row(group, group.zhuzhou_xiangjiang, "pending", march)
    ranks = [(r.rank, r.unit) for r in stats.unit_statistics(Submission.objects.all(), 2026, 3)]
    assert ranks == [(1, "株洲市发展和改革委员会"), (1, "荷塘区人民政府"), (3, "湘江综合治理与保护")]


def test_city_ranking_follows_a_district_columns_transitions(
    group, editor, settings, django_capture_on_commit_callbacks
):
    # The city's /xxbs/ counts what 荷塘区's columns receive: a township's submission there refreshes it.
    settings.PAGE_CACHE_SECONDS = 300
    client = site_client(group.zhuzhou)
    assert "荷塘区月塘街道办事处" not in client.get("/xxbs/").content.decode()
    page = article(group.hetang_yuetang, title="街道动态", slug="jd-1")
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(page, [column_of(group.hetang, "xzjd")], editor("hetang-yuetang"))
    assert "荷塘区月塘街道办事处" in client.get("/xxbs/").content.decode()
