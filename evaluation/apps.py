from django.apps import AppConfig
from django.db.models.signals import post_migrate


class EvaluationConfig(AppConfig):
    """网站健康检查 (issue 12): reads sites/home/openinfo/interaction, never the other way."""

    name = "evaluation"
    verbose_name = "网站健康检查"

    def ready(self):
        # Each check module registers itself on import (evaluation.checks.registry).
        from openinfo.models.annual import register_annual_subpage_type

        from . import checks  # noqa: F401
        from .permissions import grant_evaluators

        # The 网站工作年度报表 is published under openinfo's 政府信息公开年报 column beside its reports.
        register_annual_subpage_type("evaluation.WebsiteReportPage")

        post_migrate.connect(grant_evaluators, sender=self)
