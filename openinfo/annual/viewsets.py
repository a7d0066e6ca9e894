"""Admin (报告 → 政府信息公开工作年度报告): each organ's reports for its own staff (SiteOwnedPolicy: another site's
report answers 404); platform administrators see all. “生成报告” counts a report from platform data."""

from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.panels import ObjectList, Panel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import Button

from sites.site_owned_views import SiteOwnedEditView, SiteOwnedIndexView, SiteOwnedViewSet

from ..models import OpenInfoAnnualReport
from . import reports, views
from .document import build_document, overview_draft


class GeneratedPanel(Panel):
    """Read-only: the generated figures (Tables 2–4 as they would be published), the draft of section 一 from
    them, and what still stops publication."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "openinfo/annual/admin/generated_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            if report.pk:
                context["doc"] = build_document(report, reports.table3(report))
                context["errors"] = reports.publish_errors(report)
                context["draft"] = overview_draft(report)
                context["due"] = reports.due_date(report.site.kind, report.year)
                context["correct_url"] = views.action_url("correct", report)
            context["report"] = report
            return context


class ReportIndexView(SiteOwnedIndexView):
    @cached_property
    def header_buttons(self):
        return [HeaderButton("生成报告", url=self.add_url, icon_name="plus")] if self.add_url else []


class ReportEditView(SiteOwnedEditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        report = self.object
        buttons.append(Button("按平台当前数据重新生成", url=views.refresh_url(report), icon_name="rotate", priority=0))
        buttons.append(Button("预览", url=views.action_url("preview", report), icon_name="view", priority=1))
        buttons.append(Button("更正表三", url=views.action_url("correct", report), icon_name="edit", priority=2))
        buttons.append(Button("导出 XLSX", url=views.action_url("xlsx", report), icon_name="download", priority=3))
        buttons.append(Button("导出 DOCX", url=views.action_url("docx", report), icon_name="download", priority=4))
        if reports.may_publish(self.request.user, report):
            buttons.append(Button("发布", url=views.action_url("publish", report), icon_name="upload", priority=5))
        return buttons


class OpenInfoAnnualReportViewSet(SiteOwnedViewSet):
    model = OpenInfoAnnualReport
    icon = "doc-full-inverse"
    menu_label = "政府信息公开工作年度报告"
    url_prefix = "openinfo/annual-reports"
    add_to_reports_menu = True
    policy = views.policy
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList([GeneratedPanel(heading="平台生成的数据"), *OpenInfoAnnualReport.panels])
    list_filter = ["year", "status"]
    list_display = [
        TitleColumn(
            "site",
            label="机关",
            accessor=lambda report: report.site.display_name,
            get_url=lambda report: reverse(views.EDIT_URL, args=[report.pk]),
        ),
        "year",
        "status",
        "published_at",
        "updated_at",
    ]

    def get_urlpatterns(self):
        # In the viewset's namespace: confined like its other views (another site's report answers 404).
        return [
            *super().get_urlpatterns(),
            path("preview/<int:pk>/", views.preview, name="preview"),
            path("publish/<int:pk>/", views.publish, name="publish"),
            path("correct/<int:pk>/", views.correct, name="correct"),
            path("xlsx/<int:pk>/", views.export_xlsx, name="xlsx"),
            path("docx/<int:pk>/", views.export_docx, name="docx"),
        ]

    @property
    def add_view(self):
        # Reports are generated (organ + year, tables counted by the platform), never typed in from nothing.
        return views.generate
