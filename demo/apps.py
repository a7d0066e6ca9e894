from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "demo"
    verbose_name = "演示数据"

    def ready(self):
        from . import signal_handlers  # noqa: F401
