"""网站工作年度报表 and the read-only evaluator (issue 12: evaluators see every site): they list, view and export
every site's reports, and are refused — as Wagtail's admin refuses, a redirect to the dashboard with its message —
editing, generating, publishing and deleting; a report that does not exist stays 404. Staff are unchanged."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from openpyxl import load_workbook

from evaluation.annual import reports
from evaluation.models import WebsiteAnnualReport, WebsiteReportPage
from openinfo.roles import EVALUATOR_GROUP
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
YEAR = 2025
BASE = "/admin/evaluation/annual-reports"
REFUSED = "对不起， 你没有权限访问。"


@pytest.fixture
def evaluator(group):
    user = get_user_model().objects.create_user("evaluator", password="x")
    user.groups.add(Group.objects.get(name=EVALUATOR_GROUP))
    return site_client(group.zhuzhou, user)


@pytest.fixture
def both(group):
    return reports.generate(group.hetang, YEAR), reports.generate(group.changde, YEAR)


def refused(response) -> bool:
    messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
    # Wagtail's refusal; messages of earlier refusals not yet shown may precede it
    return response.status_code == 302 and response["Location"] == "/admin/" and messages[-1:] == [REFUSED]


def test_evaluator_lists_every_sites_reports_linked_to_the_read_only_view(evaluator, both):
    listing = evaluator.get(f"{BASE}/")
    assert listing.status_code == 200
    assert set(listing.context["object_list"]) == set(both)
    html = listing.content.decode()
    for report in both:
        assert f'href="{BASE}/inspect/{report.pk}/"' in html
        assert f'href="{BASE}/edit/{report.pk}/"' not in html
    assert f'href="{BASE}/new/"' not in html  # no 生成报表 button
    assert "导出" in html and "年度汇总 XLSX" in html


def test_evaluator_views_and_exports_any_report(evaluator, both):
    hetang, changde = both
    page = evaluator.get(f"{BASE}/inspect/{changde.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "data-annual-rows" in html and "<td>政务动态信息更新量（条）</td>" in html
    assert f'href="{BASE}/xlsx/{changde.pk}/"' in html
    download = evaluator.get(f"{BASE}/xlsx/{hetang.pk}/")
    assert download.status_code == 200
    sheet = load_workbook(io.BytesIO(download.content)).active
    assert [c.value for c in sheet[1]] == ["板块", "指标", "数值"]
    summary = evaluator.get(f"{BASE}/summary.xlsx", {"year": YEAR})
    assert summary.status_code == 200
    rows = list(load_workbook(io.BytesIO(summary.content)).active.iter_rows(values_only=True))
    assert {row[0] for row in rows[1:]} == {"荷塘区人民政府", "常德市人民政府"}


def test_evaluator_may_not_edit_generate_publish_or_delete(evaluator, both, group):
    hetang, _ = both
    before = WebsiteAnnualReport.objects.get(pk=hetang.pk)
    assert refused(evaluator.get(f"{BASE}/edit/{hetang.pk}/"))
    assert refused(evaluator.post(f"{BASE}/edit/{hetang.pk}/", {"visits": 5}))
    assert refused(evaluator.get(f"{BASE}/publish/{hetang.pk}/"))
    assert refused(evaluator.post(f"{BASE}/publish/{hetang.pk}/"))
    assert refused(evaluator.post(f"{BASE}/delete/{hetang.pk}/"))
    assert refused(evaluator.get(f"{BASE}/new/"))
    assert refused(evaluator.post(f"{BASE}/new/", {"site": group.hetang.pk, "year": YEAR - 1}))
    after = WebsiteAnnualReport.objects.get(pk=hetang.pk)
    assert (after.status, after.visits, after.page_id, after.updated_at) == (
        before.status,
        before.visits,
        None,
        before.updated_at,
    )
    assert WebsiteAnnualReport.objects.count() == 2 and not WebsiteReportPage.objects.exists()


def test_a_report_that_does_not_exist_is_404_to_the_evaluator(evaluator, both):
    missing = max(r.pk for r in both) + 100
    for url in (f"/inspect/{missing}/", f"/xlsx/{missing}/", f"/publish/{missing}/"):
        assert evaluator.get(BASE + url).status_code == 404, url


def test_staff_still_see_only_their_own_reports(group, editor, both):
    hetang, changde = both
    client = site_client(group.hetang, editor("hetang"))
    listing = client.get(f"{BASE}/")
    assert list(listing.context["object_list"]) == [hetang]
    assert f'href="{BASE}/edit/{hetang.pk}/"' in listing.content.decode()
    for url in (f"/inspect/{changde.pk}/", f"/xlsx/{changde.pk}/", f"/edit/{changde.pk}/", f"/publish/{changde.pk}/"):
        assert client.get(BASE + url).status_code == 404, url
    assert client.get(f"{BASE}/inspect/{hetang.pk}/").status_code == 200
