from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "公共基础"

    def ready(self):
        from . import signal_handlers  # noqa: F401

        # After wagtail-modeltranslation (earlier in INSTALLED_APPS) split the panels per language.
        from .translation_panels import english_tabs

        english_tabs()
