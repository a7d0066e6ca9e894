"""Admin (报告 → 网站工作年度报表): each site's reports for its own staff (sites.policies.SiteOwnedPolicy: another
site's report answers 404); platform administrators see all. “新建” generates a report from platform data."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import ObjectList, Panel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import Button

from sites.site_owned_views import SiteOwnedEditView, SiteOwnedIndexView, SiteOwnedViewSet

from ..models import WebsiteAnnualReport
from . import reports, views
from .rows import report_rows


class FiguresPanel(Panel):
    """The report's rows as they would be published (platform figures and the entered ones), read-only."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "evaluation/annual/admin/figures_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            context["rows"] = report_rows(report) if report.pk else []
            context["report"] = report
            context["due"] = reports.due_date(report.year) if report.year else None
            return context


class ReportIndexView(SiteOwnedIndexView):
    @cached_property
    def header_buttons(self):
        buttons = [HeaderButton("生成报表", url=self.add_url, icon_name="plus")] if self.add_url else []
        # The year the list is filtered by, else last year (the year whose reports are due); core.params parses it.
        year = views.YEAR.from_query(self.request.GET, {}) or timezone.localdate().year - 1
        summary = reverse("evaluation_annual_reports:summary") + f"?year={year}"
        return [*buttons, HeaderButton(f"导出{year}年度汇总 XLSX", url=summary, icon_name="download")]


class ReportEditView(SiteOwnedEditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        report = self.object
        buttons.append(Button("按平台当前数据重新统计", url=views.refresh_url(report), icon_name="rotate", priority=0))
        buttons.append(Button("导出 XLSX", url=views.action_url("xlsx", report), icon_name="download", priority=1))
        if reports.may_publish(self.request.user, report):
            buttons.append(Button("发布", url=views.action_url("publish", report), icon_name="upload", priority=2))
        return buttons


class WebsiteAnnualReportViewSet(SiteOwnedViewSet):
    model = WebsiteAnnualReport
    icon = "doc-full"
    menu_label = "网站工作年度报表"
    url_prefix = "evaluation/annual-reports"
    add_to_reports_menu = True
    policy = views.policy
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    edit_handler = ObjectList([FiguresPanel(heading="报表内容"), *WebsiteAnnualReport.panels])
    list_filter = ["year", "status"]
    list_display = [
        TitleColumn(
            "site",
            label="网站",
            accessor=lambda report: report.site.display_name,
            get_url=lambda report: reverse("evaluation_annual_reports:edit", args=[report.pk]),
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
            path("publish/<int:pk>/", views.publish, name="publish"),
            path("xlsx/<int:pk>/", views.export_xlsx, name="xlsx"),
            path("summary.xlsx", views.export_summary, name="summary"),
        ]

    @property
    def add_view(self):
        # Reports are generated (site + year, figures counted by the platform), never typed in from nothing.
        return views.generate
