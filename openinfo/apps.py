from django.apps import AppConfig
from django.db.models.signals import post_migrate


class OpeninfoConfig(AppConfig):
    name = "openinfo"
    verbose_name = "政府信息公开"

    def ready(self):
        from .home_sections import register_sections
        from .roles import create_evaluator_group

        register_sections()
        post_migrate.connect(create_evaluator_group, sender=self)
