from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "网站内容"

    def ready(self):
        from .home_sections import register_sections

        register_sections()
