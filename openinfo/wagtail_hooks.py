from django.urls import reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy

from sites.policies import staff_site_ids

from .applications.alarms import Alarm
from .applications.alarms import counts as alarm_counts
from .applications.enums import EventKind
from .applications.permissions import applications_for
from .applications.services import LOG_PREFIX
from .applications.viewsets import OpenInfoMenu, letter_template_policy
from .models import LetterTemplate
from .models.documents import DATE_CHANGED_ACTION


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(DATE_CHANGED_ACTION, "修改发布日期", "修改了已发布信息的发布日期")
    # 依申请公开: one audit-log action per handling step (applications/services.py).
    for kind in EventKind:
        actions.register_action(LOG_PREFIX + kind.value, f"依申请公开：{kind.label}", f"依申请公开申请：{kind.label}")


@hooks.register("register_admin_urls")
def register_report_url():
    from django.urls import path

    from .views import statistics_report

    return [path("openinfo/statistics/", statistics_report, name="openinfo_statistics")]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("openinfo.view_disclosure_statistics")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return StatisticsMenuItem("政府信息公开统计", reverse("openinfo_statistics"), icon_name="table", order=100)


# --- 依申请公开 (openinfo/applications/): the admin menu, its confinement and the dashboard panel -------------------


register_permission_policy(LetterTemplate, letter_template_policy)


@hooks.register("register_admin_viewset")
def register_openinfo_menu():
    return OpenInfoMenu()


class ApplicationAlarmPanel(Component):
    """依申请公开办理提醒: for the user's organs, the applications 已超期, 即将到期 and 暂停计时, linked to the list."""

    name = "openinfo_application_alarms"
    order = 95
    template_name = "openinfo/admin/application_alarm_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        found = alarm_counts(applications_for(self.user), timezone.localdate())
        index = reverse("openinfo_applications:index")
        rows = [
            {"level": level, "label": Alarm(level).label, "count": found[level], "url": f"{index}?alarm={level}"}
            for level in (Alarm.OVERDUE, Alarm.DUE_SOON, Alarm.PAUSED)
        ]
        return {"rows": rows, "total": sum(found.values()), "index_url": index}


@hooks.register("construct_homepage_panels")
def add_application_alarm_panel(request, panels):
    if staff_site_ids(request.user):
        panels.append(ApplicationAlarmPanel(request.user))


# --- 政府信息公开工作年度报告 (openinfo/annual/): importing the module registers its hooks --------------------------
from .annual import hooks as annual_hooks  # noqa: E402, F401


# 采编操作审计 (sites/admin_audit.py): the handling steps of the applications of the user's organs.
def _register_audit_source():
    from sites.admin_audit import AuditSource, register_source

    from .applications.admin_views import URL_NAMESPACE
    from .models import InformationApplication

    register_source(
        "openinfo.applications",
        AuditSource(
            label="依申请公开",
            model=InformationApplication,
            visible_pks=lambda user: applications_for(user).values("pk"),
            url_name=f"{URL_NAMESPACE}:detail",
        ),
    )


_register_audit_source()
