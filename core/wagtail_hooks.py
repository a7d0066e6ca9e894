from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button

from .viewsets import calendar_day_viewset


@hooks.register("register_admin_viewset")
def register_calendar_days():
    return calendar_day_viewset


# Staff login controls (core/accounts/, docs/security.md)


@hooks.register("register_admin_urls")
def register_account_urls():
    from .accounts import reports, views

    return [
        path("two-factor/", views.DevicesView.as_view(), name="core_two_factor_devices"),
        path("two-factor/verify/", views.VerifyView.as_view(), name="core_two_factor_verify"),
        path("two-factor/setup/", views.SetupView.as_view(), name="core_two_factor_setup"),
        path("two-factor/<int:pk>/delete/", views.DeviceDeleteView.as_view(), name="core_two_factor_delete"),
        path("two-factor/users/<int:user_id>/", views.UserTwoFactorView.as_view(), name="core_user_two_factor"),
        path("security/events/", reports.SecurityEventReportView.as_view(), name="core_security_events"),
        path(
            "security/events/results/",
            reports.SecurityEventReportView.as_view(results_only=True),
            name="core_security_events_results",
        ),
        path("security/lockouts/", reports.LockoutsView.as_view(), name="core_lockouts"),
    ]


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_security_report():
    return SuperuserMenuItem("安全审计", reverse("core_security_events"), icon_name="history", order=900)


@hooks.register("register_settings_menu_item")
def register_lockouts():
    return SuperuserMenuItem("登录锁定", reverse("core_lockouts"), icon_name="lock", order=900)


@hooks.register("register_account_menu_item")
def register_two_factor_account_item(request):
    return {
        "url": reverse("core_two_factor_devices"),
        "label": "两步验证",
        "help_text": "绑定或删除手机验证器（动态口令）。",
    }


@hooks.register("register_user_listing_buttons")
def register_two_factor_user_button(user, request_user):
    if request_user.is_superuser:
        yield Button("两步验证", reverse("core_user_two_factor", args=[user.pk]), icon_name="lock", priority=60)


@hooks.register("register_group_permission_panel")
def register_group_login_policy_panel():
    from .accounts.forms import GroupLoginPolicyPanel

    return GroupLoginPolicyPanel
