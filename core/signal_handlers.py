from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_tasks.signals import task_finished

from .accounts.audit import record
from .accounts.middleware import LOGOUT_KIND_ATTRIBUTE, mark_signed_in
from .enums import SecurityEventKind
from .models import CalendarDay
from .tasks import schedule_retry
from .workdays import forget_calendar


@receiver([post_save, post_delete], sender=CalendarDay)
def calendar_changed(sender, **kwargs):
    forget_calendar()


# Staff login audit (core/accounts/): sign-ins and sign-outs. Failures and lockouts are recorded by
# core.accounts.lockout.LockoutHandler, two-factor events by core.accounts.two_factor.


@receiver(user_logged_in)
def staff_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    mark_signed_in(request)
    record(SecurityEventKind.LOGIN, request, user=user)


@receiver(user_logged_out)
def staff_logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    kind = getattr(request, LOGOUT_KIND_ATTRIBUTE, SecurityEventKind.LOGOUT)
    record(kind, request, user=user)


# Background tasks (core/tasks/): a transient failure goes back to the queue with backoff.


@receiver(task_finished)
def task_finished_handler(sender, task_result, **kwargs):
    schedule_retry(task_result)
