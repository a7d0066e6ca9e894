from wagtail import hooks

from .viewsets import calendar_day_viewset


@hooks.register("register_admin_viewset")
def register_calendar_days():
    return calendar_day_viewset
