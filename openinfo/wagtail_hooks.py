from django.urls import reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models.documents import DATE_CHANGED_ACTION


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(DATE_CHANGED_ACTION, "修改发布日期", "修改了已发布信息的发布日期")


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


# --- 政府信息公开工作年度报告 (openinfo/annual/): importing the module registers its hooks --------------------------
from .annual import hooks as annual_hooks  # noqa: E402, F401
