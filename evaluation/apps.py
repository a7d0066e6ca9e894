from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EvaluationConfig(AppConfig):
    """网站健康检查 (issue 12): reads sites/home/openinfo/interaction, never the other way."""

    name = "evaluation"
    verbose_name = "网站健康检查"

    def ready(self):
        # Each check module registers itself on import (evaluation.checks.registry).
        from . import checks  # noqa: F401
        from .permissions import grant_evaluators

        post_migrate.connect(grant_evaluators, sender=self)
