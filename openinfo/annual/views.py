"""Admin views of the 政府信息公开工作年度报告 (generate, preview, publish, Table 3 corrections, XLSX and DOCX),
each confined to the organ's staff: another site's report answers 404 (sites.policies.SiteOwnedPolicy)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from sites.policies import SiteOwnedPolicy, is_site_staff

from ..models import OpenInfoAnnualReport
from . import exports, reports
from .document import build_document
from .forms import CorrectionForm, GenerateForm

policy = SiteOwnedPolicy(OpenInfoAnnualReport)
NAMESPACE = "openinfo_annual_reports"
EDIT_URL = f"{NAMESPACE}:edit"


def _report(request, pk: int, action: str = "change") -> OpenInfoAnnualReport:
    visible = policy.instances_user_has_any_permission_for(request.user, [action]).select_related("site")
    return get_object_or_404(visible, pk=pk)


def action_url(name: str, report) -> str:
    return reverse(f"{NAMESPACE}:{name}", args=[report.pk])


def refresh_url(report) -> str:
    return reverse(f"{NAMESPACE}:add") + f"?site={report.site_id}&year={report.year}"


def generate(request):
    """新建 / 重新生成: the platform counts Tables 2–4 and the fees; entered text, figures and corrections stay."""
    if not (request.user.is_superuser or is_site_staff(request.user)):
        raise Http404
    sites = policy.sites_for(request.user).order_by("sort_order", "pk")
    initial = {key: request.GET[key] for key in ("site", "year") if request.GET.get(key, "").isdigit()}
    form = GenerateForm(request.POST or None, sites=sites, initial=initial)
    if request.method == "POST" and form.is_valid():
        report = reports.generate(form.cleaned_data["site"], form.cleaned_data["year"])
        messages.success(request, f"已生成{report}的统计数据，请填写各部分内容后预览、发布。")
        return redirect(EDIT_URL, report.pk)
    context = {"form": form, "header_title": "生成政府信息公开工作年度报告"}
    return TemplateResponse(request, "openinfo/annual/admin/generate.html", context)


def _preview_context(report, user) -> dict:
    return {
        "report": report,
        "doc": build_document(report, reports.table3(report)),
        "errors": reports.publish_errors(report),
        "may_publish": reports.may_publish(user, report),
        "due": reports.due_date(report.site.kind, report.year),
        "corrections": report.corrections.select_related("created_by"),
    }


def preview(request, pk: int):
    """The report as it would be published, with what still stops publication."""
    report = _report(request, pk, "view")
    context = {**_preview_context(report, request.user), "header_title": "预览政府信息公开工作年度报告"}
    return TemplateResponse(request, "openinfo/annual/admin/preview.html", context)


def publish(request, pk: int):
    """GET: the preview with a confirmation button; POST: publish — refused, naming the cells, when unbalanced."""
    report = _report(request, pk)
    if not reports.may_publish(request.user, report):
        messages.error(request, reports.MAY_NOT_PUBLISH)
        return redirect(EDIT_URL, report.pk)
    if request.method == "POST":
        try:
            page = reports.publish(report, request.user)
        except reports.Unbalanced as refused:
            messages.error(request, "报告未通过校验，不能发布：" + "；".join(refused.errors))
            return redirect(f"{NAMESPACE}:preview", report.pk)
        messages.success(request, f"已发布：{page.title}")
        return redirect(EDIT_URL, report.pk)
    context = {**_preview_context(report, request.user), "header_title": "发布政府信息公开工作年度报告"}
    context["confirm"] = True
    return TemplateResponse(request, "openinfo/annual/admin/preview.html", context)


def correct(request, pk: int):
    """Add one logged correction of a Table 3 cell (applications handled off the platform)."""
    report = _report(request, pk)
    form = CorrectionForm(request.POST or None, current=reports.table3(report))
    if request.method == "POST" and form.is_valid():
        correction = form.save(commit=False)
        correction.report, correction.created_by = report, request.user
        correction.save()
        messages.success(request, "已记录表三更正。")
        return redirect(f"{NAMESPACE}:preview", report.pk)
    context = {"report": report, "form": form, "header_title": "更正表三数据"}
    context["corrections"] = report.corrections.select_related("created_by")
    return TemplateResponse(request, "openinfo/annual/admin/correct.html", context)


def export_xlsx(request, pk: int):
    report = _report(request, pk, "view")
    return exports.xlsx(
        build_document(report, reports.table3(report)), f"openinfo-annual-report-{report.site.slug}-{report.year}"
    )


def export_docx(request, pk: int):
    report = _report(request, pk, "view")
    return exports.docx(
        build_document(report, reports.table3(report)), f"openinfo-annual-report-{report.site.slug}-{report.year}"
    )
