from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CalendarDay
from .workdays import forget_calendar


@receiver([post_save, post_delete], sender=CalendarDay)
def calendar_changed(sender, **kwargs):
    forget_calendar()
