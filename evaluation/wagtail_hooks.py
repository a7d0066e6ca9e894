"""Admin of the inspection workbench: 报告 → 网站健康检查, the dashboard panel 本站风险, the 错敏词 dictionary and its
pre-publish check."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from sites.policies import staff_site_ids

from . import health
from .enums import Severity
from .models import WordWhitelist
from .permissions import own_profiles, sees_every_site
from .services import current_findings
from .words import review
from .words.viewsets import WordEntryViewSet, WordWhitelistViewSet, whitelist_policy

# --- 错敏词 (evaluation/words/) ---------------------------------------------------------------------------------
register_permission_policy(WordWhitelist, whitelist_policy)


@hooks.register("register_admin_viewset")
def register_word_dictionary():
    return WordEntryViewSet("evaluation_words")


@hooks.register("register_admin_viewset")
def register_word_whitelist():
    return WordWhitelistViewSet("evaluation_word_whitelist")


@hooks.register("register_log_actions")
def register_word_log_actions(actions):
    actions.register_action(review.OVERRIDE_ACTION, "错敏词放行", "审核人员放行了严重错敏词")


@hooks.register("register_admin_urls")
def register_word_urls():
    from .words.views import override

    return [path("evaluation/words/override/<int:page_id>/", override, name="evaluation_words_override")]


@hooks.register("before_publish_page")
def check_words_before_publish(request, page):
    return review.before_publish(request, page)


@hooks.register("before_edit_page")
def check_words_before_approve(request, page):
    return review.before_approve(request, page)


@hooks.register("before_bulk_action")
def check_words_before_bulk_publish(request, action_type, objects, action):
    return review.before_bulk_publish(request, action_type, objects, action)


@hooks.register("after_edit_page")
def warn_words_on_submit_edit(request, page):
    return review.after_submit(request, page)


@hooks.register("after_create_page")
def warn_words_on_submit_create(request, page):
    return review.after_submit(request, page)


# --- 工作台 (the workbench) ---------------------------------------------------------------------------------------
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


# --- 政府网站工作年度报表 (evaluation/annual/): importing the module registers its hooks ---------------------------
from .annual import hooks as annual_hooks  # noqa: E402, F401
