from django.apps import AppConfig
from django.db.models.signals import post_migrate


class InteractionConfig(AppConfig):
    name = "interaction"
    verbose_name = "政民互动"

    def ready(self):
        from sites.permissions import SITE_SETTINGS_PERMISSIONS

        from .signal_handlers import MAILBOX_SETTINGS_PERMISSION, apply_roles

        # Provisioning grants each new site's staff the right to edit their own site's 互动交流设置.
        if MAILBOX_SETTINGS_PERMISSION not in SITE_SETTINGS_PERMISSIONS:
            SITE_SETTINGS_PERMISSIONS.append(MAILBOX_SETTINGS_PERMISSION)
        post_migrate.connect(apply_roles, sender=self)
