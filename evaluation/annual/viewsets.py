"""Admin (报告 → 网站工作年度报表): each site's reports for its own staff (another site's report answers 404);
evaluators view (查看) and export every site's, read-only (evaluation.permissions.AnnualReportPolicy); platform
administrators see all. “新建” generates a report from platform data."""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.admin.panels import ObjectList, Panel
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.button import Button

from sites.site_owned_views import (
    SiteOwnedDeleteView,
    SiteOwnedEditView,
    SiteOwnedIndexView,
    SiteOwnedInspectView,
    SiteOwnedViewSet,
)

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
    def columns(self):
        # The site's name links to the edit view for those who may edit the report, else to the read-only view.
        title = self._get_title_column_class(TitleColumn)(
            "site",
            label="网站",
            accessor=lambda report: report.site.display_name,
            get_url=lambda report: self.get_edit_url(report) or self.get_inspect_url(report),
        )
        return [title, *super().columns[1:]]

    @cached_property
    def header_buttons(self):
        buttons = [HeaderButton("生成报表", url=self.add_url, icon_name="plus")] if self.add_url else []
        # The year the list is filtered by, else last year (the year whose reports are due); core.params parses it.
        year = views.YEAR.from_query(self.request.GET, {}) or timezone.localdate().year - 1
        summary = reverse("evaluation_annual_reports:summary") + f"?year={year}"
        return [*buttons, HeaderButton(f"导出{year}年度汇总 XLSX", url=summary, icon_name="download")]


class SeenThenRefusedMixin:
    """A report the user may see but not act on (an evaluator's: read-only) is refused as Wagtail refuses
    (PermissionDenied: the dashboard with its message); one they may not even see stays 404 (another site's)."""

    action = "change"

    def get_object(self, queryset=None):
        user = self.request.user
        visible = self.permission_policy.instances_user_has_any_permission_for(user, ["view"])
        report = get_object_or_404(visible, pk=unquote(str(self.kwargs[self.pk_url_kwarg])))
        if not self.permission_policy.user_has_permission_for_instance(user, self.action, report):
            raise PermissionDenied
        return report


class ReportDeleteView(SeenThenRefusedMixin, SiteOwnedDeleteView):
    action = "delete"


class ReportEditView(SeenThenRefusedMixin, SiteOwnedEditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        report = self.object
        buttons.append(Button("按平台当前数据重新统计", url=views.refresh_url(report), icon_name="rotate", priority=0))
        buttons.append(Button("导出 XLSX", url=views.action_url("xlsx", report), icon_name="download", priority=1))
        if reports.may_publish(self.request.user, report):
            buttons.append(Button("发布", url=views.action_url("publish", report), icon_name="upload", priority=2))
        return buttons


class ReportInspectView(SiteOwnedInspectView):
    """查看: the report's rows as they would be published, for whoever may see it (an evaluator: any site's)."""

    template_name = "evaluation/annual/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context.update(rows=report_rows(report), report=report, due=reports.due_date(report.year))
        context["xlsx_url"] = views.action_url("xlsx", report)
        return context


class WebsiteAnnualReportViewSet(SiteOwnedViewSet):
    model = WebsiteAnnualReport
    icon = "doc-full"
    menu_label = "网站工作年度报表"
    url_prefix = "evaluation/annual-reports"
    add_to_reports_menu = True
    policy = views.policy
    index_view_class = ReportIndexView
    edit_view_class = ReportEditView
    delete_view_class = ReportDeleteView
    inspect_view_class = ReportInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = ["site", "year", "status"]
    edit_handler = ObjectList([FiguresPanel(heading="报表内容"), *WebsiteAnnualReport.panels])
    list_filter = ["year", "status"]
    list_display = [
        "site",  # ReportIndexView.columns: linked to the edit or the read-only view
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
