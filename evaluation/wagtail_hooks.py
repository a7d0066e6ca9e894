"""The workbench in Wagtail's admin: the menu item 报告 → 网站健康检查 and the dashboard panel 本站风险."""

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from sites.policies import staff_site_ids

from . import health
from .enums import Severity
from .permissions import own_profiles, sees_every_site
from .services import current_findings

PANEL_FINDINGS = 10  # the panel lists at most this many veto risks and warnings; the rest are in the workbench


class WorkbenchMenuItem(MenuItem):
    def is_shown(self, request):
        # Cheap on every admin page: a permission (cached) or the staff sites (one query, cached on the user).
        return sees_every_site(request.user) or bool(staff_site_ids(request.user))


@hooks.register("register_reports_menu_item")
def register_workbench_menu_item():
    return WorkbenchMenuItem("网站健康检查", reverse("evaluation_overview"), icon_name="table", order=90)


class SiteRiskPanel(Component):
    """本站风险: for each site the user is staff of, its health index, veto risks and warnings (veto first) and the
    earliest day a warning becomes a veto."""

    name = "evaluation_site_risks"
    order = 90
    template_name = "evaluation/admin/risk_panel.html"

    class Media:
        css = {"all": ["css/evaluation-workbench.css"]}

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        profiles = own_profiles(self.user)
        healths = health.group_health(profiles)
        findings = (
            current_findings(profiles)
            .filter(severity__in=[Severity.VETO, Severity.WARNING])
            .select_related("site")
            .order_by("site_id", health.SEVERITY_ORDER, "due", "pk")
        )
        by_site: dict[int, list] = {}
        for finding in findings[: PANEL_FINDINGS * max(1, len(healths))]:
            by_site.setdefault(finding.site_id, []).append(finding)
        return {
            "sites": [(h, by_site.get(h.pk, [])[:PANEL_FINDINGS]) for h in healths],
            "limit": PANEL_FINDINGS,
        }


@hooks.register("construct_homepage_panels")
def add_site_risk_panel(request, panels):
    if staff_site_ids(request.user):
        panels.append(SiteRiskPanel(request.user))
