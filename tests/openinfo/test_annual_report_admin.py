"""政府信息公开工作年度报告 in the admin and on the site: generation, confinement to the organ's staff (404),
logged Table 3 corrections with field errors, publication refused when unbalanced, the 年报 column page (the
portal's lists its group), the dashboard deadlines of Art. 49, and the XLSX and DOCX read back."""

import datetime
import io
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from docx import Document
from openpyxl import load_workbook

from demo.factories.openinfo import InformationApplicationFactory, RemedyFactory, close
from evaluation.annual import reports as website_reports
from openinfo.annual import layout, reports
from openinfo.applications.enums import ApplicantKind, OrganisationType, Outcome, RemedyKind, RemedyResult
from openinfo.models import AnnualReportIndexPage, AnnualReportPage, OpenInfoAnnualReport, Table3Correction
from tests.conftest import EDITOR_PASSWORD, site_client

pytestmark = pytest.mark.django_db
YEAR = 2025
D = datetime.date
BASE = "/admin/openinfo/annual-reports"


def ready(profile, overview="本机关总体情况。"):
    """A balanced report of ``profile`` with Table 2's entered figures filled in: 3 natural-person applications
    (2 disclosed, 1 carried on), 1 business application withheld, 1 reconsideration upheld."""
    for _ in range(2):
        close(InformationApplicationFactory(site=profile, received_on=D(YEAR, 2, 1)), Outcome.DISCLOSED, D(YEAR, 3, 1))
    InformationApplicationFactory(site=profile, received_on=D(YEAR, 12, 30))
    business = InformationApplicationFactory(
        site=profile,
        received_on=D(YEAR, 4, 1),
        applicant_kind=ApplicantKind.ORGANISATION,
        organisation_type=OrganisationType.BUSINESS,
    )
    close(business, Outcome.WITHHELD_THIRD_PARTY, D(YEAR, 4, 20))
    RemedyFactory(
        application=business, kind=RemedyKind.RECONSIDERATION, result=RemedyResult.UPHELD, decided_on=D(YEAR, 7, 1)
    )
    report = reports.generate(profile, YEAR)
    report.overview, report.problems, report.other_matters = overview, "问题及改进。", "政务公开工作要点已落实。"
    report.licensing, report.penalties, report.enforcement, report.charges = 5, 2, 0, Decimal("0.5")
    report.save()
    return report


def admin_user():
    return get_user_model().objects.get(username="admin")


def test_generate_view_offers_own_organs_only_with_chinese_field_errors(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    url = f"{BASE}/new/"
    other = client.post(url, {"site": group.all["zhuzhou-fgw"].pk, "year": YEAR})
    assert other.status_code == 200 and "只能为本人所在机关生成年度报告。" in other.content.decode()
    early = client.post(url, {"site": group.hetang.pk, "year": 2019})
    assert "年度须在 2021 年至" in early.content.decode()
    assert not OpenInfoAnnualReport.objects.exists()
    done = client.post(url, {"site": group.hetang.pk, "year": YEAR})
    report = OpenInfoAnnualReport.objects.get(site=group.hetang, year=YEAR)
    assert done.status_code == 302 and done["Location"] == f"{BASE}/edit/{report.pk}/"
    edit = client.get(done["Location"]).content.decode()
    assert (
        "平台生成的数据" in edit
        and "data-overview-draft" in edit
        and "表二 行政许可：本年处理决定数量 尚未填写" in edit
    )


def test_other_organs_reports_answer_404_to_site_staff(group, editor):
    other = ready(group.all["zhuzhou-fgw"])
    own = ready(group.hetang)
    client = site_client(group.hetang, editor("hetang"))
    actions = ("edit", "preview", "publish", "correct", "xlsx", "docx", "delete")
    for action in actions:
        assert client.get(f"{BASE}/{action}/{other.pk}/").status_code == 404, action
        assert client.get(f"{BASE}/{action}/{own.pk}/").status_code == 200, action
    for action in ("publish", "correct", "edit", "delete"):
        assert client.post(f"{BASE}/{action}/{other.pk}/", {"row": "new", "column": "natural"}).status_code == 404
    other.refresh_from_db()
    assert other.status == "draft" and not other.corrections.exists()
    listing = client.get(f"{BASE}/").content.decode()
    assert f"{BASE}/edit/{own.pk}/" in listing and f"{BASE}/edit/{other.pk}/" not in listing
    assert group.all["zhuzhou-fgw"].display_name not in listing
    admin = site_client(group.hetang, admin_user())
    assert admin.get(f"{BASE}/preview/{other.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"row": "new", "column": "natural", "delta": "-9", "reason": "x"},
            "delta",
            "该单元格现为 3，更正后不能小于 0。",
        ),
        ({"row": "new", "column": "natural", "delta": "0", "reason": "x"}, "delta", "增减数量不能为 0。"),
        ({"row": "new", "column": "natural", "delta": "abc", "reason": "x"}, "delta", "增减数量须为整数"),
        ({"row": "new", "column": "natural", "delta": "1", "reason": ""}, "reason", "请填写更正理由。"),
        ({"row": "group_withheld", "column": "natural", "delta": "1", "reason": "x"}, "row", "请选择表三中的一行。"),
        ({"row": "new", "column": "total", "delta": "1", "reason": "x"}, "column", "请选择表三中的一列。"),
    ],
)
def test_correction_form_refuses_bad_input_with_field_errors(group, editor, data, field, message):
    report = ready(group.hetang)
    response = site_client(group.hetang, editor("hetang")).post(f"{BASE}/correct/{report.pk}/", data)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field][0]
    assert not Table3Correction.objects.exists()


def test_corrections_are_logged_and_publication_refused_until_balanced(group, editor):
    report = ready(group.hetang)
    user = editor("hetang")
    client = site_client(group.hetang, user)
    data = {"row": Outcome.DISCLOSED, "column": "natural", "delta": "1", "reason": "线下受理已公开1件"}
    assert client.post(f"{BASE}/correct/{report.pk}/", data).status_code == 302
    correction = Table3Correction.objects.get()
    assert (correction.created_by, correction.delta, correction.reason) == (user, 1, "线下受理已公开1件")

    refused = client.post(f"{BASE}/publish/{report.pk}/", follow=True).content.decode()
    assert "表三 自然人 列：一+二=3，三(七)+四=4" in refused
    report.refresh_from_db()
    assert report.status == "draft" and not AnnualReportPage.objects.exists()
    confirm = client.get(f"{BASE}/publish/{report.pk}/").content.decode()
    assert "确认发布" not in confirm and "data-publish-errors" in confirm

    client.post(f"{BASE}/correct/{report.pk}/", {**data, "row": layout.NEW, "reason": "线下受理1件"})
    assert "确认发布" in client.get(f"{BASE}/publish/{report.pk}/").content.decode()
    assert client.post(f"{BASE}/publish/{report.pk}/").status_code == 302
    report.refresh_from_db()
    assert report.status == "published"


def test_writer_without_publish_permission_cannot_publish(group):
    writer = get_user_model().objects.create_user("writer-hetang", password=EDITOR_PASSWORD)
    writer.groups.add(group.hetang.editor_group)
    report = ready(group.hetang)
    response = site_client(group.hetang, writer).post(f"{BASE}/publish/{report.pk}/")
    assert response.status_code == 302 and response["Location"] == f"{BASE}/edit/{report.pk}/"
    assert not AnnualReportPage.objects.exists()


def test_published_page_renders_the_tables_under_the_annual_column(group, editor):
    report = ready(group.hetang)
    page = reports.publish(report, editor("hetang"))
    parent = page.get_parent().specific
    assert isinstance(parent, AnnualReportIndexPage) and parent.slug == "nb"
    assert page.title == f"荷塘区人民政府{YEAR}年政府信息公开工作年度报告" and page.live
    response = site_client(group.hetang).get(page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    table3 = soup.select_one('table[data-table="3"]')
    assert table3.caption.get_text() == "收到和处理政府信息公开申请情况"
    assert table3.find_parent("div")["class"] == ["table-wrap"]

    def cells(key):
        row = table3.select_one(f'tr[data-row="{key}"]')
        assert row.th["scope"] == "row"
        return [int(td.get_text()) for td in row.find_all("td")]

    assert cells(layout.NEW) == [3, 1, 0, 0, 0, 0, 4]
    assert cells(Outcome.DISCLOSED) == [2, 0, 0, 0, 0, 0, 2]
    assert cells("group_withheld") == [0, 1, 0, 0, 0, 0, 1]
    assert cells(Outcome.WITHHELD_THIRD_PARTY) == [0, 1, 0, 0, 0, 0, 1]
    assert cells(layout.RESULTS_TOTAL) == [2, 1, 0, 0, 0, 0, 3]
    assert cells(layout.CARRIED_OUT) == [1, 0, 0, 0, 0, 0, 1]
    table4 = [int(td.get_text()) for td in soup.select('table[data-table="4"] td')]
    assert table4 == [1, 0, 0, 0, 1] + [0] * 10
    assert all(th.get("scope") for th in soup.select("table[data-table] th"))
    text = soup.get_text()
    assert (
        "本机关总体情况。" in text
        and "本年度未收取政府信息公开信息处理费。" in text
        and "政务公开工作要点已落实。" in text
    )
    assert "申请人" + "0" not in text and "138" not in text  # no applicant data on the page

    # A snapshot: editing the report changes nothing public until published again.
    report.overview = "修改后的总体情况。"
    report.save()
    assert "修改后的总体情况" not in site_client(group.hetang).get(page.url).content.decode()
    assert reports.publish(report, editor("hetang")).pk == page.pk
    assert "修改后的总体情况" in site_client(group.hetang).get(page.url).content.decode()


def test_portal_annual_column_lists_its_groups_reports_beside_the_website_report(group):
    admin = admin_user()
    for slug in ("zhuzhou", "hetang", "changde"):
        reports.publish(ready(group.all[slug]), admin)
    ready(group.all["zhuzhou-fgw"])  # a draft: never listed
    website_reports.publish(website_reports.generate(group.zhuzhou, YEAR), admin)

    portal = site_client(group.zhuzhou).get("/zfxxgk/nb/")
    html = portal.content.decode()
    assert portal.status_code == 200
    assert "株洲市人民政府2025年政府信息公开工作年度报告" in html
    assert "荷塘区人民政府2025年政府信息公开工作年度报告" in html
    assert "http://hetang.localhost/zfxxgk/nb/zfxxgkndbg-2025/" in html
    assert "常德市人民政府2025" not in html and "株洲市发展和改革委员会2025" not in html
    assert "株洲市人民政府2025年政府网站工作年度报表" in html  # evaluation's report, published under the column

    own = site_client(group.hetang).get("/zfxxgk/nb/").content.decode()
    assert "荷塘区人民政府2025年政府信息公开工作年度报告" in own and "株洲市人民政府2025" not in own


def test_exports_read_back(group, editor):
    report = ready(group.hetang)
    client = site_client(group.hetang, editor("hetang"))
    response = client.get(f"{BASE}/xlsx/{report.pk}/")
    assert response["Content-Disposition"] == f'attachment; filename="openinfo-annual-report-hetang-{YEAR}.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["正文", "表二", "表三", "表四"]
    table3 = {row[0]: list(row[1:]) for row in book["表三"].iter_rows(min_row=2, values_only=True)}
    assert table3["一、本年新收政府信息公开申请数量"] == [3, 1, 0, 0, 0, 0, 4]
    assert table3["4.保护第三方合法权益"] == [0, 1, 0, 0, 0, 0, 1]
    assert table3["四、结转下年度继续办理"] == [1, 0, 0, 0, 0, 0, 1]
    table2 = [list(row) for row in book["表二"].iter_rows(min_row=2, values_only=True)]
    assert ["第二十条第（五）项", "行政许可", "本年处理决定数量", 5] in table2
    assert ["第二十条第（八）项", "行政事业性收费", "本年收费金额（单位：万元）", 0.5] in table2
    assert list(next(book["表四"].iter_rows(min_row=2, values_only=True))) == ["行政复议", 1, 0, 0, 0, 1]
    texts = dict(book["正文"].iter_rows(min_row=2, values_only=True))
    assert texts["一、总体情况"] == "本机关总体情况。"

    response = client.get(f"{BASE}/docx/{report.pk}/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(response.content))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:2] == ["一、总体情况", "二、主动公开政府信息情况"] and headings[-1] == "六、其他需要报告的事项"
    assert document.paragraphs[0].text == f"荷塘区人民政府{YEAR}年政府信息公开工作年度报告"
    assert len(document.tables) == 6  # four blocks of Table 2, Table 3, Table 4
    word3 = document.tables[4]
    rows = {row.cells[0].text: [cell.text for cell in row.cells[1:]] for row in word3.rows[3:]}
    assert rows["一、本年新收政府信息公开申请数量"] == ["3", "1", "0", "0", "0", "0", "4"]
    assert rows["（七）总计"] == ["2", "1", "0", "0", "0", "0", "3"]
    assert word3.cell(0, 1).text == "申请人情况" and word3.cell(2, 2).text == "商业企业"
    word4 = document.tables[5]
    assert word4.cell(0, 0).text == "行政复议" and word4.cell(1, 5).text == "未经复议直接起诉"
    assert [cell.text for cell in word4.rows[3].cells] == ["1", "0", "0", "0", "1"] + ["0"] * 10
    assert document.tables[1].cell(1, 1).text == "5"


def test_dashboard_names_unpublished_reports_with_article_49_deadlines(group, editor, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: D(YEAR + 1, 2, 10))
    html = site_client(group.hetang, editor("hetang")).get("/admin/").content.decode()
    assert "data-openinfo-annual-pending" in html
    assert "荷塘区人民政府：须于 2026年3月31日 前发布，还剩 49 天" in html  # a government: 31 March
    fgw = site_client(group.all["zhuzhou-fgw"], editor("zhuzhou-fgw")).get("/admin/").content.decode()
    assert "已超过 2026年1月31日 的期限 10 天" in fgw  # a department: 31 January
    assert "荷塘区人民政府" not in fgw

    reports.publish(ready(group.hetang), editor("hetang"))
    assert (
        "data-openinfo-annual-pending"
        not in site_client(group.hetang, editor("hetang")).get("/admin/").content.decode()
    )
