"""Views of the 政府网站工作年度报表: admin (generate, refresh, publish, XLSX — confined to the report's site
staff, another site's report answers 404) and the public list a site (a portal: with its whole group) shows."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, translate_url
from django.utils import translation

from core.exports import Sheet, xlsx_response
from core.params import IntParam
from sites.enums import PORTAL_KINDS
from sites.policies import is_site_staff
from sites.utils import get_profile_for_request, group_profiles

from ..models import WebsiteAnnualReport
from ..models.annual import ReportStatus
from ..permissions import AnnualReportPolicy
from . import reports
from .forms import FIRST_YEAR, GenerateForm
from .rows import report_rows

policy = AnnualReportPolicy(WebsiteAnnualReport)
EDIT_URL = "evaluation_annual_reports:edit"
YEAR = IntParam("year", "年度", FIRST_YEAR, 2100)
SITE = IntParam("site", "网站", 1, 2**31 - 1)


def _report(request, pk: int, action: str = "change") -> WebsiteAnnualReport:
    """The report, if the user may ``action`` it: one they may not even see answers 404 (another site's, to its
    staff); one they see but may not act on (an evaluator's, read-only) is refused like Wagtail refuses."""
    visible = policy.instances_user_has_any_permission_for(request.user, ["view"]).select_related("site")
    report = get_object_or_404(visible, pk=pk)
    if not policy.user_has_permission_for_instance(request.user, action, report):
        raise PermissionDenied
    return report


def generate(request):
    """新建: choose one of the user's sites and a year; the platform fills in what it counts."""
    if not (request.user.is_superuser or is_site_staff(request.user)):
        raise PermissionDenied  # an evaluator reads reports but never generates one
    sites = policy.sites_for(request.user).order_by("sort_order", "pk")
    form = GenerateForm(request.POST or None, sites=sites, initial=prefill(request.GET))
    if request.method == "POST" and form.is_valid():
        report = reports.generate(form.cleaned_data["site"], form.cleaned_data["year"])
        messages.success(request, f"已生成{report}的平台统计数据，请补充平台无法统计的项目。")
        return redirect(EDIT_URL, report.pk)
    return TemplateResponse(
        request, "evaluation/annual/admin/generate.html", {"form": form, "header_title": "生成网站工作年度报表"}
    )


def publish(request, pk: int):
    """GET asks for confirmation; POST publishes the report as it stands (a new revision of its page)."""
    report = _report(request, pk)
    if not reports.may_publish(request.user, report):
        messages.error(request, "只有本网站有发布权限的人员（审核人员）可以发布网站工作年度报表。")
        return redirect(EDIT_URL, report.pk)
    if request.method == "POST":
        page = reports.publish(report, request.user)
        messages.success(request, f"已发布：{page.title}")
        return redirect(EDIT_URL, report.pk)
    context = {"report": report, "rows": report_rows(report), "header_title": "发布网站工作年度报表"}
    context["due"] = reports.due_date(report.year)
    return TemplateResponse(request, "evaluation/annual/admin/publish.html", context)


def export_xlsx(request, pk: int):
    report = _report(request, pk, "view")
    sheet = Sheet(title=f"{report.year}年度报表", header=["板块", "指标", "数值"], rows=report_rows(report))
    return xlsx_response([sheet], f"website-annual-report-{report.site.slug}-{report.year}")


def prefill(querydict) -> dict:
    """“重新统计” on a report links to 新建 with its site and year filled in. The query only fills in the form (which
    checks what is submitted), so a value the parser refuses is left out rather than reported."""
    ignored: dict[str, str] = {}
    values = {param.name: param.from_query(querydict, ignored) for param in (SITE, YEAR)}
    return {name: value for name, value in values.items() if value is not None}


def export_summary(request):
    """One row per report of ``?year=`` the user may see (staff: their sites; a platform administrator: the group),
    one column per item: the table a portal office or an evaluator compares the group's reports with."""
    errors: dict[str, str] = {}
    year = YEAR.from_query(request.GET, errors)
    if errors or year is None:
        messages.error(request, errors.get("year") or f"请指定年度：{YEAR.message}")
        return redirect("evaluation_annual_reports:index")
    visible = policy.instances_user_has_any_permission_for(request.user, ["view"])
    found = visible.filter(year=year).select_related("site").order_by("site__sort_order", "site_id")
    header, rows = ["网站", "网站类型", "状态"], []
    for report in found:
        cells = report_rows(report)
        if len(header) == 3:
            header += [f"{block}：{item}" for block, item, _value in cells]
        rows.append([report.site.org_name, report.site.get_kind_display(), report.get_status_display()])
        rows[-1] += [value for _block, _item, value in cells]
    if not rows:
        messages.error(request, f"{year} 年度还没有可导出的网站工作年度报表。")
        return redirect("evaluation_annual_reports:index")
    sheet = Sheet(title=f"{year}年度报表汇总", header=header, rows=rows)
    return xlsx_response([sheet], f"website-annual-reports-{year}")


def group_reports(request):
    """网站工作年度报表 of this site; on a portal, of every site of its group (国办函〔2018〕12号: portals gather
    their sites' reports). Published reports only."""
    profile = get_profile_for_request(request)
    if profile is None:
        raise Http404("未找到该网站")
    if translation.get_language() != settings.LANGUAGE_CODE:
        # The reports exist in Chinese only: the English mirror sends the visitor to the Chinese list.
        return redirect(translate_url(request.path, settings.LANGUAGE_CODE))
    sites = group_profiles(profile) if profile.kind in PORTAL_KINDS else [profile]
    published = (
        WebsiteAnnualReport.objects.filter(site__in=sites, status=ReportStatus.PUBLISHED, page__live=True)
        .select_related("site", "page")
        .order_by("-year", "site__sort_order", "site_id")
    )
    years: dict[int, list] = {}
    for report in published:
        years.setdefault(report.year, []).append((report.site, report.page.get_url(request)))
    context = {"profile": profile, "years": sorted(years.items(), reverse=True), "is_portal": len(sites) > 1}
    return TemplateResponse(request, "evaluation/annual/group_reports.html", context)


def action_url(name: str, report) -> str:
    return reverse(f"evaluation_annual_reports:{name}", args=[report.pk])


def refresh_url(report) -> str:
    return reverse("evaluation_annual_reports:add") + f"?site={report.site_id}&year={report.year}"
