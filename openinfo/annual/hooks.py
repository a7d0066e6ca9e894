"""Wagtail hooks of the 政府信息公开工作年度报告, imported by openinfo/wagtail_hooks.py."""

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from sites.models import SiteProfile
from sites.policies import is_platform_admin, staff_site_ids

from ..models import OpenInfoAnnualReport
from . import reports, views
from .viewsets import OpenInfoAnnualReportViewSet

PANEL_LIMIT = 10

register_permission_policy(OpenInfoAnnualReport, views.policy)


@hooks.register("register_admin_viewset")
def register_annual_reports():
    return OpenInfoAnnualReportViewSet(views.NAMESPACE)


class PendingReportsPanel(Component):
    """Dashboard: last year's reports of the user's organs not yet published, each with its Art. 49 deadline
    (departments 31 January, governments 31 March) and the days left or overdue."""

    name = "openinfo_annual_pending"
    order = 91
    template_name = "openinfo/annual/admin/pending_panel.html"

    def __init__(self, year, rows, total):
        self.context = {"year": year, "rows": rows, "total": total, "total_text": str(total)}

    def get_context_data(self, parent_context=None):
        return {**self.context, "list_url": reverse(f"{views.NAMESPACE}:index")}


@hooks.register("construct_homepage_panels")
def add_pending_reports_panel(request, panels):
    user = request.user
    sites = SiteProfile.objects.order_by("sort_order", "pk")
    if not is_platform_admin(user):
        own = staff_site_ids(user)
        if not own:
            return
        sites = sites.filter(pk__in=list(own))
    today = timezone.localdate()
    year, waiting = reports.pending(sites, today)
    if waiting:
        rows = [(site, due, days, -days) for site, due, days in waiting[:PANEL_LIMIT]]
        panels.append(PendingReportsPanel(year, rows, len(waiting)))
