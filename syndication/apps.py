from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """信息报送 and 稿件共享 (issue 14 items 3–4): reads sites and home; nothing below imports it."""

    name = "syndication"
    verbose_name = "信息报送"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Keeps portal copies and aliases in step with the originals (signal_handlers.py).
        from . import signal_handlers  # noqa: F401
