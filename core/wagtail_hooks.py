import json

from django.conf import settings
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from modeltranslation import settings as mt_settings
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets.button import Button
from wagtail_modeltranslation import settings as wmt_settings
from wagtail_modeltranslation import wagtail_hooks as modeltranslation_hooks

from .viewsets import calendar_day_viewset


@hooks.register("register_admin_viewset")
def register_calendar_days():
    return calendar_day_viewset


def modeltranslation_settings():
    """wagtail-modeltranslation's editor settings as data for static/js/admin-modeltranslation.js: the values of
    its own `translation_settings` hook, which writes them as an inline script that the admin's CSP blocks."""
    if wmt_settings.LOCALE_PICKER_DEFAULT is not None:
        picker_default = list(wmt_settings.LOCALE_PICKER_DEFAULT)
    else:
        picker_default = [mt_settings.DEFAULT_LANGUAGE]
    data = {
        "languages": [code for code, _ in settings.LANGUAGES],
        "defaultLanguage": mt_settings.DEFAULT_LANGUAGE,
        # Its own label is English only ("View / edit fields for"); the admin is zh-hans throughout.
        "viewEditString": "查看/编辑以下语言的字段",
        "translate_slugs": bool(wmt_settings.TRANSLATE_SLUGS),
        "locale_picker_default": picker_default,
        "locale_picker_restore": bool(wmt_settings.LOCALE_PICKER_RESTORE),
    }
    return format_html(
        '<script src="{}" data-settings="{}"></script>', static("js/admin-modeltranslation.js"), json.dumps(data)
    )


def _replace_hook(name, old, new):
    # Wagtail has no public way to unregister a hook; its registry is a dict of (function, order) lists.
    registered = hooks._hooks.get(name, [])
    kept = [(fn, order) for fn, order in registered if fn is not old]
    if len(kept) == len(registered):
        raise RuntimeError(f"{old.__module__}.{old.__name__} is no longer a {name} hook: review core/wagtail_hooks.py")
    hooks._hooks[name] = [*kept, (new, 0)]


_replace_hook("insert_editor_js", modeltranslation_hooks.translation_settings, modeltranslation_settings)
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


# Background tasks (core/tasks/): the queue, failed tasks and 重新执行, for platform administrators only.


@hooks.register("register_admin_urls")
def register_task_queue_urls():
    from .tasks.views import TaskQueueView

    return [path("tasks/", TaskQueueView.as_view(), name="core_task_queue")]


@hooks.register("register_settings_menu_item")
def register_task_queue():
    return SuperuserMenuItem("后台任务", reverse("core_task_queue"), icon_name="cogs", order=910)


@hooks.register("construct_help_menu")
def hide_external_help(request, menu_items):
    """The admin runs on an intranet: Wagtail's "What's new" and "Editor Guide" items link to guide.wagtail.org
    (English, and unreachable there). Only items inside this site stay (the keyboard shortcuts)."""
    menu_items[:] = [item for item in menu_items if not str(getattr(item, "url", "") or "").startswith("http")]
