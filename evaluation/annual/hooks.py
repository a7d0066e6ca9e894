"""Wagtail hooks of the 政府网站工作年度报表, imported by evaluation/wagtail_hooks.py."""

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from sites.models import SiteProfile
from sites.policies import is_platform_admin, staff_site_ids

from ..models import WebsiteAnnualReport
from . import reports, views
from .viewsets import WebsiteAnnualReportViewSet

PANEL_LIMIT = 10

register_permission_policy(WebsiteAnnualReport, views.policy)


@hooks.register("register_admin_viewset")
def register_annual_reports():
    return WebsiteAnnualReportViewSet("evaluation_annual_reports")


class PendingReportsPanel(Component):
    """Dashboard: last year's reports of the user's sites not yet published, with the days left to 31 January."""

    name = "evaluation_annual_pending"
    order = 90
    template_name = "evaluation/annual/admin/pending_panel.html"

    class Media:
        css = {"all": ["css/evaluation-workbench.css"]}  # .evaluation-panel-body: the text inset in the panel

    def __init__(self, year, days_left, sites, total):
        self.context = {
            "year": year,
            "days_left": days_left,
            "overdue": -days_left,
            "sites": sites,
            "total": total,
            "total_text": str(total),
        }

    def get_context_data(self, parent_context=None):
        return {**self.context, "list_url": reverse("evaluation_annual_reports:index")}


@hooks.register("construct_homepage_panels")
def add_pending_reports_panel(request, panels):
    user = request.user
    sites = SiteProfile.objects.order_by("sort_order", "pk")
    if not is_platform_admin(user):
        own = staff_site_ids(user)
        if not own:
            return
        sites = sites.filter(pk__in=list(own))
    year, days_left, waiting = reports.pending(sites, timezone.localdate())
    named = list(waiting[:PANEL_LIMIT])
    if named:
        total = len(named) if len(named) < PANEL_LIMIT else waiting.count()
        panels.append(PendingReportsPanel(year, days_left, named, total))
