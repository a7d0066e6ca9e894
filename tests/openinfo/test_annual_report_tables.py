"""政府信息公开工作年度报告 Tables 2–4 counted from the platform (国办公开办函〔2021〕30号), the carry-over across
the year boundary, the isolation between organs, and the balance rule refusing a broken report by naming the cell."""

import datetime
import io
from decimal import Decimal

import pytest

from demo.factories.openinfo import (
    DisclosureDocumentPageFactory,
    FeeFactory,
    InformationApplicationFactory,
    RemedyFactory,
    category_page,
    close,
)
from demo.factories.openinfo import publish as publish_document
from openinfo.annual import layout, reports, tables
from openinfo.annual.balance import balance_errors
from openinfo.applications.enums import (
    OUTCOME_GROUP,
    ApplicantKind,
    OrganisationType,
    Outcome,
    RemedyKind,
    RemedyResult,
    ReportColumn,
)
from openinfo.enums import DocumentGenre, Validity
from openinfo.models import Table3Correction

pytestmark = pytest.mark.django_db
YEAR = 2025
D = datetime.date
MARCH = D(YEAR, 3, 3)

# Applicants of each of the six columns.
APPLICANTS = {
    ReportColumn.NATURAL_PERSON: {"applicant_kind": ApplicantKind.CITIZEN},
    ReportColumn.BUSINESS: {
        "applicant_kind": ApplicantKind.ORGANISATION,
        "organisation_type": OrganisationType.BUSINESS,
    },
    ReportColumn.RESEARCH: {
        "applicant_kind": ApplicantKind.ORGANISATION,
        "organisation_type": OrganisationType.RESEARCH,
    },
    ReportColumn.PUBLIC_WELFARE: {
        "applicant_kind": ApplicantKind.ORGANISATION,
        "organisation_type": OrganisationType.PUBLIC_WELFARE,
    },
    ReportColumn.LEGAL_SERVICE: {
        "applicant_kind": ApplicantKind.ORGANISATION,
        "organisation_type": OrganisationType.LEGAL_SERVICE,
    },
    ReportColumn.OTHER: {"applicant_kind": ApplicantKind.ORGANISATION, "organisation_type": OrganisationType.OTHER},
}


def application(profile, column=ReportColumn.NATURAL_PERSON, received=MARCH):
    return InformationApplicationFactory(site=profile, received_on=received, **APPLICANTS[column])


def nonzero(table):
    return {(row, col): n for row, cells in table.items() for col, n in cells.items() if n}


def test_every_outcome_lands_in_its_cell_and_the_applicants_column(group):
    columns = list(ReportColumn)
    expected = {}
    for index, outcome in enumerate(Outcome.values):
        column = columns[index % len(columns)]
        close(application(group.hetang, column), outcome, D(YEAR, 6, 1))
        expected[(outcome, column.value)] = 1
    counted = tables.count_table3(group.hetang, YEAR)
    by_new = {col: n for (row, col), n in nonzero(counted).items() if row == layout.NEW}
    results = {key: n for key, n in nonzero(counted).items() if key[0] in Outcome.values}
    assert results == expected
    assert sum(by_new.values()) == len(Outcome.values)
    assert not any(counted[layout.CARRIED_IN].values()) and not any(counted[layout.CARRIED_OUT].values())

    full = tables.full_table3(counted)
    # Group rows sum their leaves; 三(七) the groups; 总计 the six columns.
    withheld = [o for o in Outcome.values if OUTCOME_GROUP[o] == "withheld"]
    assert full["group_withheld"]["total"] == len(withheld) == 8
    assert full["group_other"]["total"] == 3
    assert full[layout.RESULTS_TOTAL]["total"] == 21 == full[layout.NEW]["total"]
    assert full[Outcome.NOT_PROCESSED_CONFIRMATION]["total"] == 1
    assert balance_errors(full, tables.count_table4(group.hetang, YEAR)) == []


def test_an_unknown_organisation_type_is_counted_as_other(group):
    InformationApplicationFactory(
        site=group.hetang, received_on=D(YEAR, 4, 1), applicant_kind=ApplicantKind.ORGANISATION, organisation_type=""
    )
    counted = tables.count_table3(group.hetang, YEAR)
    assert nonzero(counted) == {(layout.NEW, "other"): 1, (layout.CARRIED_OUT, "other"): 1}


def test_carry_over_across_the_year_boundary(group):
    hetang = group.hetang
    # Received 31 Dec 2025, closed 2 Jan 2026: new and carried on in 2025, carried over and closed in 2026.
    boundary = close(application(hetang, ReportColumn.BUSINESS, D(YEAR, 12, 31)), Outcome.PARTIAL, D(YEAR + 1, 1, 2))
    # Closed on 31 Dec: closed in 2025, not carried on.
    close(application(hetang, received=D(YEAR, 12, 1)), Outcome.DISCLOSED, D(YEAR, 12, 31))
    # Received and closed in 2024: nowhere in 2025.
    close(application(hetang, received=D(YEAR - 1, 3, 1)), Outcome.DISCLOSED, D(YEAR - 1, 12, 31))
    # Received in 2024, closed 1 Jan 2025: carried over into 2025 and closed in it.
    close(
        application(hetang, ReportColumn.LEGAL_SERVICE, D(YEAR - 1, 12, 30)),
        Outcome.NOT_PROCESSED_REPEAT,
        D(YEAR, 1, 1),
    )
    # Received in 2024, still open: carried over and carried on.
    application(hetang, ReportColumn.RESEARCH, D(YEAR - 1, 11, 11))
    # Received 1 Jan 2026: not in 2025.
    application(hetang, received=D(YEAR + 1, 1, 1))

    assert nonzero(tables.count_table3(hetang, YEAR)) == {
        (layout.NEW, "business"): 1,
        (layout.NEW, "natural"): 1,
        (layout.CARRIED_IN, "legal"): 1,
        (layout.CARRIED_IN, "research"): 1,
        (Outcome.DISCLOSED, "natural"): 1,
        (Outcome.NOT_PROCESSED_REPEAT, "legal"): 1,
        (layout.CARRIED_OUT, "business"): 1,
        (layout.CARRIED_OUT, "research"): 1,
    }
    assert nonzero(tables.count_table3(hetang, YEAR + 1)) == {
        (layout.NEW, "natural"): 1,
        (layout.CARRIED_IN, "business"): 1,
        (layout.CARRIED_IN, "research"): 1,
        (Outcome.PARTIAL, "business"): 1,
        (layout.CARRIED_OUT, "natural"): 1,
        (layout.CARRIED_OUT, "research"): 1,
    }
    for year in (YEAR - 1, YEAR, YEAR + 1):
        full = tables.full_table3(tables.count_table3(hetang, year))
        assert balance_errors(full, tables.count_table4(hetang, year)) == [], year
    assert boundary.closed_on.year == YEAR + 1


def test_organs_are_counted_apart(group):
    close(application(group.hetang), Outcome.DISCLOSED, D(YEAR, 5, 5))
    application(group.all["zhuzhou-fgw"])
    hetang = nonzero(tables.count_table3(group.hetang, YEAR))
    fgw = nonzero(tables.count_table3(group.all["zhuzhou-fgw"], YEAR))
    assert hetang == {(layout.NEW, "natural"): 1, (Outcome.DISCLOSED, "natural"): 1}
    assert fgw == {(layout.NEW, "natural"): 1, (layout.CARRIED_OUT, "natural"): 1}
    report = reports.generate(group.hetang, YEAR)
    assert nonzero(report.table3) == hetang


def test_table4_counts_results_in_the_year_and_pending_at_its_end(group):
    app = close(application(group.hetang), Outcome.WITHHELD_STATE_SECRET, D(YEAR, 2, 1))
    RemedyFactory(
        application=app, kind=RemedyKind.RECONSIDERATION, result=RemedyResult.UPHELD, decided_on=D(YEAR, 4, 1)
    )
    RemedyFactory(
        application=app, kind=RemedyKind.RECONSIDERATION, result=RemedyResult.CORRECTED, decided_on=D(YEAR, 5, 1)
    )
    RemedyFactory(application=app, kind=RemedyKind.LITIGATION_DIRECT, result=RemedyResult.PENDING)
    # Decided in 2026: pending at the end of 2025.
    RemedyFactory(
        application=app, kind=RemedyKind.LITIGATION_AFTER, result=RemedyResult.OTHER, decided_on=D(YEAR + 1, 2, 1)
    )
    # Decided in 2024: not in 2025; filed in 2026: not in 2025.
    RemedyFactory(
        application=app,
        kind=RemedyKind.LITIGATION_AFTER,
        filed_on=D(YEAR - 1, 3, 1),
        result=RemedyResult.UPHELD,
        decided_on=D(YEAR - 1, 9, 1),
    )
    RemedyFactory(application=app, kind=RemedyKind.LITIGATION_DIRECT, filed_on=D(YEAR + 1, 1, 5))
    other = application(group.all["zhuzhou-fgw"])
    RemedyFactory(application=other, kind=RemedyKind.RECONSIDERATION)

    table = tables.count_table4(group.hetang, YEAR)
    assert table == {
        "reconsideration": {"upheld": 1, "corrected": 1, "other": 0, "pending": 0, "total": 2},
        "litigation_direct": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
        "litigation_after": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
    }
    assert tables.count_table4(group.hetang, YEAR + 1)["litigation_after"] == {
        "upheld": 0,
        "corrected": 0,
        "other": 1,
        "pending": 0,
        "total": 1,
    }


def test_table2_and_fees(group):
    hetang = group.hetang
    category = category_page(hetang, "a20-01")

    def document(genre, written_on, **extra):
        page = DisclosureDocumentPageFactory(
            parent=category, genre=genre, written_on=written_on, published_on=written_on, **extra
        )
        return publish_document(page)

    document(DocumentGenre.RULE, D(YEAR, 3, 1))  # made in 2025, in force
    document(DocumentGenre.NORMATIVE, D(YEAR, 4, 1))  # made in 2025, in force
    document(DocumentGenre.NORMATIVE, D(YEAR - 2, 4, 1), validity=Validity.REPEALED, invalid_from=D(YEAR, 6, 1))
    document(DocumentGenre.NORMATIVE, D(YEAR - 2, 5, 1))  # in force

    paid = application(hetang)
    FeeFactory(application=paid, amount=300, paid_on=D(YEAR, 5, 10))
    FeeFactory(application=application(hetang), amount=200, paid_on=D(YEAR + 1, 1, 3))  # another year
    FeeFactory(application=application(hetang), amount=500, waived=True, paid_on=D(YEAR, 6, 1))  # waived
    FeeFactory(application=application(hetang), amount=700)  # unpaid

    report = reports.generate(hetang, YEAR)
    assert report.table2 == {
        "rule": {"issued": 1, "abolished": 0, "in_force": 1},
        "normative": {"issued": 1, "abolished": 1, "in_force": 2},
    }
    assert report.fees_collected == 300
    report.licensing, report.penalties, report.enforcement, report.charges = 12, 3, 0, Decimal("1.25")
    report.save()
    from openinfo.annual.document import build_document

    doc = build_document(report, reports.table3(report))
    assert doc["table2"][0]["rows"] == [["规章", "1", "0", "1"], ["行政规范性文件", "1", "1", "2"]]
    assert [block["rows"] for block in doc["table2"][1:]] == [
        [["行政许可", "12"]],
        [["行政处罚", "3"], ["行政强制", "0"]],
        [["行政事业性收费", "1.25"]],
    ]
    assert doc["other"].startswith("本年度共收取政府信息公开信息处理费300元。")


def test_balance_rule_refuses_a_broken_report_naming_the_cell(group, editor):
    hetang = group.hetang
    for column in (ReportColumn.BUSINESS,) * 12:
        close(application(hetang, column), Outcome.DISCLOSED, D(YEAR, 7, 1))
    report = reports.generate(hetang, YEAR)
    report.licensing = report.penalties = report.enforcement = 0
    report.charges = Decimal("0")
    report.overview = "本机关总体情况。"
    report.save()
    assert reports.publish_errors(report) == []

    # One application handled off the platform, entered in 三 only: the table no longer balances.
    Table3Correction.objects.create(
        report=report, row=Outcome.DISCLOSED, column="business", delta=-1, reason="线下办理件重复录入", created_by=None
    )
    errors = reports.publish_errors(report)
    assert errors == ["表三 商业企业 列：一+二=12，三(七)+四=11", "表三 总计 列：一+二=12，三(七)+四=11"]
    with pytest.raises(reports.Unbalanced) as refused:
        reports.publish(report, editor("hetang"))
    assert refused.value.errors == errors
    report.refresh_from_db()
    assert report.page_id is None and report.status == "draft"

    # The matching correction of 一 balances it again.
    Table3Correction.objects.create(report=report, row=layout.NEW, column="business", delta=-1, reason="同上")
    assert reports.publish_errors(report) == []
    assert reports.table3(report)[layout.NEW]["business"] == 11


def test_balance_rule_names_broken_totals_and_table4():
    table = tables.full_table3({key: tables.empty_row() for key in layout.CORRECTABLE_ROWS})
    table[layout.NEW]["total"] = 5  # 总计 not the sum of the six columns
    table["group_withheld"]["research"] = 2  # a group not the sum of its leaves
    table[layout.RESULTS_TOTAL]["welfare"] = 1  # 三(七) not the sum of the groups
    table4 = {kind: {"upheld": 0, "corrected": 0, "other": 0, "pending": 0, "total": 0} for kind in layout.REMEDY_KINDS}
    table4["litigation_after"]["upheld"] = 2
    assert balance_errors(table, table4) == [
        "表三 科研机构 列：三(七)总计=0，（一）至（六）之和=2",
        "表三 科研机构 列：三（三）不予公开=2，其下各项之和=0",
        "表三 社会公益组织 列：一+二=0，三(七)+四=1",
        "表三 社会公益组织 列：三(七)总计=1，（一）至（六）之和=0",
        "表三 总计 列：一+二=5，三(七)+四=0",
        "表三 一 行：总计=5，六列之和=0",
        "表三 三（三）不予公开 行：总计=0，六列之和=2",
        "表三 三(七) 行：总计=0，六列之和=1",
        "表四 行政诉讼（复议后起诉）：总计=0，维持、纠正、其他、尚未审结之和=2",
    ]


def test_regenerating_keeps_entered_text_and_corrections(group):
    hetang = group.hetang
    report = reports.generate(hetang, YEAR)
    assert report.overview.startswith(f"{YEAR}年，本机关") and "新收政府信息公开申请0件" in report.overview
    # The platform's draft of section 一 is not publishable as it stands: it ends with a reminder to complete it.
    draft = "一、总体情况 仍是平台生成的草稿：请补充本机关的工作情况，并删除末尾的括号提示"
    assert draft in reports.publish_errors(report)
    report.overview, report.problems, report.licensing = "本机关自拟的总体情况。", "问题与改进。", 7
    report.save()
    Table3Correction.objects.create(report=report, row=layout.NEW, column="natural", delta=2, reason="线下受理")
    application(hetang)
    again = reports.generate(hetang, YEAR)
    assert again.pk == report.pk
    assert (again.overview, again.problems, again.licensing) == ("本机关自拟的总体情况。", "问题与改进。", 7)
    assert not any(error.startswith("一、总体情况") for error in reports.publish_errors(again))
    assert again.table3[layout.NEW]["natural"] == 1  # counted
    assert reports.table3(again)[layout.NEW]["natural"] == 3  # counted + corrected


def test_due_dates_follow_article_49(group):
    assert reports.due_date("department", YEAR) == D(YEAR + 1, 1, 31)
    for kind in ("city", "district", "township"):
        assert reports.due_date(kind, YEAR) == D(YEAR + 1, 3, 31)


def test_command_generates_every_reporting_organ_or_some(group):
    from django.core.management import call_command

    from openinfo.models import OpenInfoAnnualReport

    application(group.hetang)
    out = io.StringIO()
    call_command(
        "generate_openinfo_annual_reports", "--year", str(YEAR), "--site", "hetang", stdout=out, stderr=io.StringIO()
    )
    assert list(OpenInfoAnnualReport.objects.values_list("site__slug", "year")) == [("hetang", YEAR)]
    assert OpenInfoAnnualReport.objects.get().table3[layout.NEW]["natural"] == 1
    assert out.getvalue().strip() == f"已生成 {YEAR} 年度政府信息公开工作年度报告 1 份。"
    call_command("generate_openinfo_annual_reports", "--year", str(YEAR), stdout=io.StringIO(), stderr=io.StringIO())
    # Every organ but the village and the topic site.
    assert sorted(OpenInfoAnnualReport.objects.values_list("site__slug", flat=True)) == sorted(
        slug for slug, p in group.all.items() if p.kind not in ("village", "topic")
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "二五"], "年度不正确"),
        (["--year", "2020"], "年度不正确"),
        (["--year", str(YEAR), "--site", "hetang-daping"], "没有这些需要发布年度报告的机关：hetang-daping"),
    ],
)
def test_command_refuses_bad_input(group, args, message):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from openinfo.models import OpenInfoAnnualReport

    with pytest.raises(CommandError, match=message):
        call_command("generate_openinfo_annual_reports", *args)
    assert not OpenInfoAnnualReport.objects.exists()
