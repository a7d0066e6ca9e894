from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .applications.enums import EventKind
from .applications.services import LOG_PREFIX
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
