"""政府网站工作年度报表: the figures against a fixture with known dates (the year only), the admin form's field
errors, publishing the page, the XLSX export, the portal's gathering page and the 31 January warning."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page, PageLogEntry

from demo.factories.home import (
    ArticlePageFactory,
    ColumnPageFactory,
    ServiceGuidePageFactory,
    StandardPageFactory,
    column_of,
)
from demo.factories.interaction import QuestionFactory, answer
from demo.factories.interaction import publish as publish_reply
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page
from demo.factories.openinfo import publish as publish_document
from evaluation.annual import reports
from evaluation.annual.collect import collect
from evaluation.annual.rows import report_rows
from evaluation.enums import Severity
from evaluation.models import CheckResult, Finding, InspectionRun, WebsiteAnnualReport, WebsiteReportPage
from home.enums import ColumnType
from openinfo.enums import DocumentGenre
from sites.models import SiteProfile
from tests.conftest import EDITOR_PASSWORD, site_client

YEAR = 2025


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def first_published(page, when):
    Page.objects.filter(pk=page.pk).update(first_published_at=when)


@pytest.fixture
def hetang(group):
    """荷塘区 with dated content around 2025: what counts for 2025 is said beside each item."""
    profile = group.hetang
    root = profile.site.root_page
    news = ColumnPageFactory(parent=root, column_type=ColumnType.NEWS, slug="dt")
    notices = ColumnPageFactory(parent=root, column_type=ColumnType.NOTICE, slug="tz")
    for when in (at(datetime.date(2025, 1, 1), 0), at(datetime.date(2025, 12, 31), 23)):  # 2 news
        ArticlePageFactory(parent=news, publish_at=when)
    ArticlePageFactory(parent=news, publish_at=at(datetime.date(2024, 12, 31), 23))  # 2024
    ArticlePageFactory(parent=news, publish_at=at(datetime.date(2026, 1, 1), 0))  # 2026
    ArticlePageFactory(parent=notices, publish_at=at(datetime.date(2025, 5, 5)))  # 1 other
    draft = ArticlePageFactory(parent=news, publish_at=at(datetime.date(2025, 6, 1)))
    draft.unpublish()  # not live: not counted

    new_page = StandardPageFactory(parent=root, slug="gk1")
    first_published(new_page, at(datetime.date(2025, 4, 1)))  # 1 overview: first published in 2025
    updated = StandardPageFactory(parent=root, slug="gk2")
    first_published(updated, at(datetime.date(2024, 4, 1)))
    entry = PageLogEntry.objects.log_action(updated, "wagtail.publish")
    PageLogEntry.objects.filter(pk=entry.pk).update(timestamp=at(datetime.date(2025, 8, 1)))  # 1 overview: updated
    old = StandardPageFactory(parent=root, slug="gk3")
    first_published(old, at(datetime.date(2024, 4, 1)))  # not counted

    category = category_page(profile, "a20-01")

    def document(published_on, **extra):
        factory = DisclosureDocumentPageFactory(
            parent=category, written_on=published_on, published_on=published_on, **extra
        )
        return publish_document(factory)

    policy = document(datetime.date(2025, 2, 1))  # disclosure
    document(datetime.date(2025, 2, 2), genre=DocumentGenre.INTERPRETATION, interprets=policy)  # disclosure + 解读
    document(datetime.date(2024, 2, 2), genre=DocumentGenre.INTERPRETATION, interprets=policy)  # 2024

    old_topic = ColumnPageFactory(parent=root, column_type=ColumnType.TOPIC, slug="zt1")
    first_published(old_topic, at(datetime.date(2024, 6, 1)))  # maintained
    new_topic = ColumnPageFactory(parent=root, column_type=ColumnType.TOPIC, slug="zt2")
    first_published(new_topic, at(datetime.date(2025, 2, 1)))  # maintained and new
    ColumnPageFactory(parent=root, column_type=ColumnType.TOPIC, slug="zt3")  # opened after 2025

    service = column_of(profile, "bsfw")
    for slug, online in (("g1", "https://zwfw.example.gov.cn/1"), ("g2", "")):
        guide = ServiceGuidePageFactory(parent=service, slug=slug, online_url=online)
        first_published(guide, at(datetime.date(2025, 3, 1)))
    ServiceGuidePageFactory(parent=service, slug="g3")  # published after 2025

    # 互动交流: received Monday 3 March, answered Friday (4 working days) and the next Monday (5).
    first = QuestionFactory(site=profile, received_at=at(datetime.date(2025, 3, 3), 10))
    publish_reply(answer(first, answered_at=at(datetime.date(2025, 3, 7))))
    second = QuestionFactory(site=profile, received_at=at(datetime.date(2025, 3, 3), 10))
    answer(second, answered_at=at(datetime.date(2025, 3, 10)))
    QuestionFactory(site=profile, received_at=at(datetime.date(2025, 6, 2)))  # open
    earlier = QuestionFactory(site=profile, received_at=at(datetime.date(2024, 12, 30)))
    answer(earlier, answered_at=at(datetime.date(2025, 1, 3)))  # 2024's cohort
    QuestionFactory(site=group.zhuzhou, received_at=at(datetime.date(2025, 3, 3)))  # another site

    # 安全防护: one warning found twice (two runs) and fixed in 2025; one advisory (not a risk).
    for day in (datetime.date(2025, 9, 1), datetime.date(2025, 9, 2)):
        run = InspectionRun.objects.create(today=day)
        result = CheckResult.objects.create(run=run, site=profile, check_name="homepage")
        CheckResult.objects.filter(pk=result.pk).update(finished_at=at(day))
        Finding.objects.create(
            run=run, result=result, site=profile, check_name="homepage", code="stale", severity=Severity.WARNING,
            key="site:home", title="首页", first_seen=datetime.date(2025, 9, 1),
        )  # fmt: skip
        Finding.objects.create(
            run=run, result=result, site=profile, check_name="homepage", code="hint", severity=Severity.ADVISORY,
            key="site:hint", title="提示", first_seen=datetime.date(2025, 9, 1),
        )  # fmt: skip
    Finding.objects.filter(run=run, key="site:home").update(resolved_at=at(datetime.date(2025, 9, 3)))
    return SiteProfile.objects.with_site().get(pk=profile.pk)


def test_figures_count_the_year_only(hetang):
    figures = collect(hetang, YEAR)
    assert figures["publishing"] == {"total": 7, "overview": 2, "news": 2, "disclosure": 2, "other": 1}
    assert figures["topics"] == {"maintained": 2, "new": 1}
    assert figures["interpretation"] == {"documents": 1}
    assert figures["services"] == {"catalogue": True, "guides": 2, "online": 1}
    assert figures["interaction"] == {"platform": True, "received": 3, "answered": 2, "mean_days": 4.5, "published": 1}
    assert figures["security"] == {"inspections": 2, "problems": 1, "fixed": 1, "monitored": False}
    assert figures["header"]["name"] == "荷塘区人民政府"
    assert figures["header"]["url"] == "http://hetang.localhost/"
    assert figures["header"]["icp"].startswith("湘ICP备")


def test_another_year_counts_nothing_of_2025(hetang):
    figures = collect(hetang, 2023)
    assert figures["publishing"]["total"] == 0
    assert figures["interaction"]["received"] == 0
    assert figures["interaction"]["mean_days"] is None


def test_generate_keeps_what_staff_entered(hetang):
    report = reports.generate(hetang, YEAR)
    report.visits = 12345
    report.save()
    again = reports.generate(hetang, YEAR)
    assert again.pk == report.pk and again.visits == 12345
    assert WebsiteAnnualReport.objects.filter(site=hetang, year=YEAR).count() == 1


def test_entered_figures_override_counted_ones(hetang):
    report = reports.generate(hetang, YEAR)
    rows = {item: value for _block, item, value in report_rows(report)}
    assert rows["发现问题数量（个）"] == "1"
    assert rows["网站总访问量（次）"] == "—"
    report.security_problems, report.visits = 7, 900
    rows = {item: value for _block, item, value in report_rows(report)}
    assert rows["发现问题数量（个）"] == "7" and rows["网站总访问量（次）"] == "900"


# --- admin --------------------------------------------------------------------------------------------------------


def edit_data(**values):
    fields = [
        f.name
        for f in WebsiteAnnualReport._meta.get_fields()
        if getattr(f, "editable", False) and f.concrete and not f.auto_created and f.name != "updated_at"
    ]
    data = dict.fromkeys(fields, "")
    for name in ("smart_qa", "monitoring", "security_owner"):
        data.pop(name)
    data.update({key: str(value) for key, value in values.items()})
    return data


def edit_url(report):
    return f"/admin/evaluation/annual-reports/edit/{report.pk}/"


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"visits": "-1"}, "visits", "确保该值大于或等于0"),
        ({"visits": "很多"}, "visits", "输入整数"),
        ({"visits": "3000000000"}, "visits", "确保该值小于或等于2000000000"),
        ({"cases_total": 5, "cases_person": 4, "cases_legal": 3}, "cases_total", "办件量总数不能少于"),
        ({"security_problems": 1, "security_fixed": 2}, "security_fixed", "问题整改数量不能多于发现问题数量"),
    ],
)
def test_edit_form_refuses_bad_numbers_with_chinese_field_errors(hetang, editor, values, field, message):
    report = reports.generate(hetang, YEAR)
    report.visitors = 10
    report.save()
    response = site_client(hetang, editor("hetang")).post(edit_url(report), edit_data(**values))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert message in " ".join(errors[field])
    report.refresh_from_db()
    assert report.visitors == 10 and report.visits is None  # nothing stored, nothing lost


def test_edit_form_saves_good_numbers(hetang, editor):
    report = reports.generate(hetang, YEAR)
    client = site_client(hetang, editor("hetang"))
    listing = client.get("/admin/evaluation/annual-reports/").content.decode()
    last_year = timezone.localdate().year - 1
    assert f'href="{edit_url(report)}"' in listing and f"导出{last_year}年度汇总 XLSX" in listing
    response = client.post(edit_url(report), edit_data(visits=500, cases_total=5, cases_person=2, cases_legal=3))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.visits, report.cases_total) == (500, 5)


def test_staff_of_another_site_get_404(hetang, editor):
    report = reports.generate(hetang, YEAR)
    client = site_client(hetang, editor("changde"))
    for url in (
        edit_url(report),
        f"/admin/evaluation/annual-reports/publish/{report.pk}/",
        f"/admin/evaluation/annual-reports/xlsx/{report.pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/admin/evaluation/annual-reports/publish/{report.pk}/").status_code == 404
    listing = client.get("/admin/evaluation/annual-reports/")
    assert listing.status_code == 200
    assert report not in listing.context["object_list"]


def test_generate_view_offers_own_sites_only(hetang, editor, group):
    client = site_client(hetang, editor("hetang"))
    url = "/admin/evaluation/annual-reports/new/"
    refused = client.post(url, {"site": group.changde.pk, "year": YEAR})
    assert refused.status_code == 200
    assert refused.context["form"].errors["site"] == ["只能为本人负责的网站生成报表。"]
    bad_year = client.post(url, {"site": hetang.pk, "year": "二〇二五"})
    assert bad_year.context["form"].errors["year"] == ["年度须为四位数字，例如 2025。"]
    future = client.post(url, {"site": hetang.pk, "year": timezone.localdate().year + 1})
    assert "年度须在" in future.context["form"].errors["year"][0]
    assert not WebsiteAnnualReport.objects.exists()
    created = client.post(url, {"site": hetang.pk, "year": YEAR})
    report = WebsiteAnnualReport.objects.get(site=hetang, year=YEAR)
    assert created.status_code == 302 and created["Location"] == edit_url(report)
    assert report.figures["publishing"]["news"] == 2
    page = client.get(edit_url(report)).content.decode()
    assert "data-annual-rows" in page and "<td>政务动态信息更新量（条）</td><td>2</td>" in page
    assert "板块内的指标清单尚未与官方模板核对" in page


# --- publishing ---------------------------------------------------------------------------------------------------


def test_publish_puts_a_public_page_under_the_annual_column(hetang, editor):
    report = reports.generate(hetang, YEAR)
    report.visits = 4321
    report.save()
    client = site_client(hetang, editor("hetang"))
    url = f"/admin/evaluation/annual-reports/publish/{report.pk}/"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "确认发布" in confirm.content.decode()
    assert client.post(url).status_code == 302
    report.refresh_from_db()
    page = WebsiteReportPage.objects.get(pk=report.page_id)
    assert report.status == "published" and page.live
    parent = page.get_parent()
    assert parent.slug == "nb" and parent.get_parent().slug == "zfxxgk"
    assert page.title == f"荷塘区人民政府{YEAR}年政府网站工作年度报表"
    public = site_client(hetang).get(page.url)
    html = public.content.decode()
    assert public.status_code == 200
    assert "4321" in html and "政务动态信息更新量（条）" in html and "安全防护" in html
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=editor("hetang")).exists()


def test_published_page_is_a_snapshot_until_published_again(hetang, editor):
    report = reports.generate(hetang, YEAR)
    user = editor("hetang")
    page = reports.publish(report, user)
    report.visits = 999
    report.save()
    assert "999" not in site_client(hetang).get(page.url).content.decode()
    again = reports.publish(report, user)
    assert again.pk == page.pk
    assert WebsiteReportPage.objects.filter(year=YEAR).count() == 1
    assert "999" in site_client(hetang).get(page.url).content.decode()


def test_editor_without_publish_permission_cannot_publish(hetang):
    writer = get_user_model().objects.create_user("writer-hetang", password=EDITOR_PASSWORD)
    writer.groups.add(hetang.editor_group)
    report = reports.generate(hetang, YEAR)
    response = site_client(hetang, writer).post(f"/admin/evaluation/annual-reports/publish/{report.pk}/")
    assert response.status_code == 302 and response["Location"] == edit_url(report)
    report.refresh_from_db()
    assert report.status == "draft" and report.page_id is None
    assert not WebsiteReportPage.objects.exists()


def test_site_without_disclosure_section_publishes_under_its_home_page(group):
    topic = SiteProfile.objects.with_site().get(slug="zhuzhou-xiangjiang")
    admin = get_user_model().objects.get(username="admin")
    page = reports.publish(reports.generate(topic, YEAR), admin)
    assert page.get_parent().pk == topic.site.root_page_id


# --- export and gathering -----------------------------------------------------------------------------------------


def test_xlsx_export_rows(hetang, editor):
    report = reports.generate(hetang, YEAR)
    response = site_client(hetang, editor("hetang")).get(f"/admin/evaluation/annual-reports/xlsx/{report.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="website-annual-report-hetang-{YEAR}.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["板块", "指标", "数值"]
    assert ["信息发布", "政务动态信息更新量（条）", "2"] in rows
    assert ["互动交流", "平均办理时间（工作日）", "4.5"] in rows
    assert [row[0] for row in rows[1:]].count("创新发展") == 1
    assert len(rows) == 1 + len(report_rows(report))


def test_portal_gathers_its_groups_published_reports(group):
    admin = get_user_model().objects.get(username="admin")
    profiles = {slug: SiteProfile.objects.with_site().get(slug=slug) for slug in ("zhuzhou", "hetang", "changde")}
    fgw = SiteProfile.objects.with_site().get(slug="zhuzhou-fgw")
    for profile in profiles.values():
        reports.publish(reports.generate(profile, YEAR), admin)
    reports.generate(fgw, YEAR)  # a draft: never listed

    portal = site_client(profiles["zhuzhou"]).get("/wzndbb/")
    html = portal.content.decode()
    assert portal.status_code == 200
    assert "株洲市人民政府2025年政府网站工作年度报表" in html
    assert "荷塘区人民政府2025年政府网站工作年度报表" in html
    assert "http://hetang.localhost/zfxxgk/nb/wzgzndbb-2025/" in html
    assert "常德市人民政府2025" not in html
    assert "株洲市发展和改革委员会2025" not in html

    english = site_client(profiles["zhuzhou"]).get("/en/wzndbb/")
    assert english.status_code == 302 and english["Location"] == "/wzndbb/"  # the reports exist in Chinese only

    own = site_client(profiles["changde"]).get("/wzndbb/").content.decode()
    assert "常德市人民政府2025年政府网站工作年度报表" in own and "荷塘区人民政府2025" not in own


def test_unpublished_page_leaves_the_list(group):
    admin = get_user_model().objects.get(username="admin")
    hetang = SiteProfile.objects.with_site().get(slug="hetang")
    page = reports.publish(reports.generate(hetang, YEAR), admin)
    page.unpublish()
    html = site_client(hetang).get("/wzndbb/").content.decode()
    assert "荷塘区人民政府2025" not in html and "暂无已发布的年度报表" in html


# --- the 31 January deadline ------------------------------------------------------------------------------------


def test_pending_reports_and_days_left(group):
    WebsiteAnnualReport.objects.create(site=group.changde, year=YEAR, status="published")
    WebsiteAnnualReport.objects.create(site=group.zhuzhou, year=YEAR)  # a draft is not published
    sites = SiteProfile.objects.filter(slug__in=["hetang", "changde", "zhuzhou"]).order_by("pk")
    year, days_left, waiting = reports.pending(sites, datetime.date(YEAR + 1, 1, 20))
    assert (year, days_left) == (YEAR, 11)
    assert sorted(site.slug for site in waiting) == ["hetang", "zhuzhou"]
    assert reports.pending(sites, datetime.date(YEAR + 1, 1, 31))[1] == 0
    assert reports.pending(sites, datetime.date(YEAR + 1, 2, 3))[1] == -3
    assert reports.due_date(YEAR) == datetime.date(YEAR + 1, 1, 31)


def test_dashboard_warns_the_sites_staff_until_published(group, editor):
    last_year = timezone.localdate().year - 1
    client = site_client(group.hetang, editor("hetang"))
    html = client.get("/admin/").content.decode()
    assert "data-annual-pending" in html
    assert f"{last_year} 年度网站工作年度报表：尚有 1 个网站未发布" in html and "<li>荷塘区人民政府</li>" in html
    WebsiteAnnualReport.objects.create(site=group.hetang, year=last_year, status="published")
    assert "data-annual-pending" not in client.get("/admin/").content.decode()


def test_dashboard_counts_the_whole_group_for_platform_administrators(group):
    admin = get_user_model().objects.get(username="admin")
    html = site_client(group.zhuzhou, admin).get("/admin/").content.decode()
    last_year = timezone.localdate().year - 1
    assert f"{last_year} 年度网站工作年度报表：尚有 {SiteProfile.objects.count()} 个网站未发布" in html


def test_report_published_again_after_deletion_reuses_its_page(hetang):
    admin = get_user_model().objects.get(username="admin")
    page = reports.publish(reports.generate(hetang, YEAR), admin)
    WebsiteAnnualReport.objects.all().delete()
    again = reports.publish(reports.generate(hetang, YEAR), admin)
    assert again.pk == page.pk and WebsiteReportPage.objects.count() == 1


# --- the command --------------------------------------------------------------------------------------------------


def test_command_generates_every_site_or_some(group):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("generate_annual_reports", "--year", str(YEAR), "--site", "hetang", stdout=out, stderr=io.StringIO())
    assert list(WebsiteAnnualReport.objects.values_list("site__slug", "year")) == [("hetang", YEAR)]
    assert out.getvalue().strip() == f"已生成 {YEAR} 年度网站工作年度报表 1 份。"
    call_command("generate_annual_reports", "--year", str(YEAR), stdout=io.StringIO(), stderr=io.StringIO())
    assert WebsiteAnnualReport.objects.filter(year=YEAR).count() == SiteProfile.objects.count()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--year", "二五"], "年度不正确"),
        (["--year", "1999"], "年度不正确"),
        (["--year", str(YEAR), "--site", "nowhere"], "没有这些网站：nowhere"),
    ],
)
def test_command_refuses_bad_input(group, args, message):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=message):
        call_command("generate_annual_reports", *args)
    assert not WebsiteAnnualReport.objects.exists()


def test_summary_xlsx_has_one_row_per_visible_report(group, editor):
    for slug in ("zhuzhou", "hetang", "changde"):
        reports.generate(SiteProfile.objects.get(slug=slug), YEAR)
    reports.generate(SiteProfile.objects.get(slug="hetang"), YEAR - 1)
    url = "/admin/evaluation/annual-reports/summary.xlsx"

    def sheet_rows(user, year=YEAR):
        response = site_client(group.hetang, user).get(url, {"year": year})
        assert response.status_code == 200, response
        return [list(row) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)]

    admin_rows = sheet_rows(get_user_model().objects.get(username="admin"))
    assert [row[0] for row in admin_rows[1:]] == ["株洲市人民政府", "荷塘区人民政府", "常德市人民政府"]
    assert admin_rows[0][:4] == ["网站", "网站类型", "状态", "基本信息：网站名称"]
    assert len(admin_rows[0]) == 3 + len(report_rows(WebsiteAnnualReport.objects.first()))
    assert admin_rows[2][2] == "草稿"
    staff_rows = sheet_rows(editor("hetang"))
    assert [row[0] for row in staff_rows[1:]] == ["荷塘区人民政府"]  # their own site only

    client = site_client(group.hetang, editor("hetang"))
    for bad in ("abc", "1999", ""):
        response = client.get(url, {"year": bad})
        assert response.status_code == 302 and response["Location"] == "/admin/evaluation/annual-reports/"
    fresh = site_client(group.hetang, editor("hetang"))
    messages = [str(m) for m in fresh.get(url, {"year": "abc"}, follow=True).context["messages"]]
    assert messages == ["年度应为 2018–2100 之间的整数"]
    messages = [str(m) for m in fresh.get(url, {"year": "2019"}, follow=True).context["messages"]]
    assert messages == ["2019 年度还没有可导出的网站工作年度报表。"]
