from django.apps import AppConfig
from wagtail.users import apps as wagtail_users_apps


class SitesConfig(AppConfig):
    name = "sites"
    label = "sites"
    verbose_name = "网站群"

    def ready(self):
        from . import signal_handlers  # noqa: F401
        from .workflow import install_permission_tester

        install_permission_tester()


class WagtailUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """wagtail.users with the group edit page of sites.admin_groups (INSTALLED_APPS names this instead)."""

    default = False  # sites' own config stays the one `"sites"` in INSTALLED_APPS means
    group_viewset = "sites.admin_groups.GroupViewSet"
