"""Alarms of 依申请公开 applications, on the deadline machinery shared with the mailbox (core/alarms.py):
即将到期 (at most N working days left of the Art. 33 reply period), 已超期 (past it) — only while the clock runs —
and 暂停计时 (waiting for a supplement, a consultation or a fee: Arts. 30, 32, 34; the due day moves on).

N is ``settings.OPENINFO_DUE_SOON_WORKING_DAYS``, by default the mailbox's default (3 working days).
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.alarms import DEFAULT_DUE_SOON_WORKING_DAYS, deadline_alarm, due_soon_q, overdue_q
from core.workdays import load_calendar

from .enums import PAUSED_STATUSES, Status

RUNNING = (Status.RECEIVED, Status.PROCESSING)


class Alarm(models.TextChoices):
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"
    PAUSED = "paused", "暂停计时"


def due_soon_days() -> int:
    return getattr(settings, "OPENINFO_DUE_SOON_WORKING_DAYS", DEFAULT_DUE_SOON_WORKING_DAYS)


def alarm(application, today: datetime.date, calendar=None) -> Alarm | None:
    if application.status in PAUSED_STATUSES:
        return Alarm.PAUSED
    if application.status not in RUNNING:
        return None
    level = deadline_alarm(application.due_on, today, due_soon_days(), calendar)
    return Alarm(level) if level else None


def alarms_for(applications, today: datetime.date) -> dict[int, Alarm | None]:
    calendar = load_calendar()
    return {a.pk: alarm(a, today, calendar) for a in applications}


def alarm_q(level: str, today: datetime.date) -> Q | None:
    """The SQL condition of ``level`` (None: unknown level)."""
    if level == Alarm.PAUSED:
        return Q(status__in=PAUSED_STATUSES)
    running = Q(status__in=RUNNING)
    if level == Alarm.OVERDUE:
        return running & overdue_q(today)
    if level == Alarm.DUE_SOON:
        return running & due_soon_q(today, due_soon_days())
    return None


def filter_alarm(queryset, level: str, today: datetime.date):
    condition = alarm_q(level, today)
    return queryset.none() if condition is None else queryset.filter(condition)


def counts(queryset, today: datetime.date) -> dict[str, int]:
    """``{level: number}`` for the dashboard panel."""
    return {level: filter_alarm(queryset, level, today).count() for level in Alarm.values}
