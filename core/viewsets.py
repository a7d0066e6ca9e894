from wagtail.admin.viewsets.model import ModelViewSet

from .models import CalendarDay


class CalendarDayViewSet(ModelViewSet):
    """Platform administrators maintain holidays and 调休 make-up days (model permissions: nobody else)."""

    model = CalendarDay
    icon = "date"
    menu_label = "工作日历"
    add_to_settings_menu = True
    list_display = ["date", "kind", "name", "source"]
    list_filter = ["kind", "source"]
    search_fields = ["name"]
    ordering = ["-date"]
    form_fields = ["date", "kind", "name"]


calendar_day_viewset = CalendarDayViewSet("calendar_days")
