from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class InteractionConfig(AppConfig):
    name = "interaction"
    verbose_name = "政民互动"

    def ready(self):
        from sites.permissions import SITE_SETTINGS_PERMISSIONS

        from .home_sections import register_sections
        from .models import Question
        from .signal_handlers import MAILBOX_SETTINGS_PERMISSION, apply_roles, question_changed

        register_sections()
        # Provisioning grants each new site's staff the right to edit their own site's 互动交流设置.
        if MAILBOX_SETTINGS_PERMISSION not in SITE_SETTINGS_PERMISSIONS:
            SITE_SETTINGS_PERMISSIONS.append(MAILBOX_SETTINGS_PERMISSION)
        post_migrate.connect(apply_roles, sender=self)
        post_save.connect(question_changed, sender=Question, dispatch_uid="interaction-stats-question-saved")
        post_delete.connect(question_changed, sender=Question, dispatch_uid="interaction-stats-question-deleted")
