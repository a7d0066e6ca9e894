"""Deadline alarms shared by every kind of case the group handles against a due day on the working-day calendar
(政民互动 messages, 依申请公开 applications): 即将到期 when at most N working days are left, 已超期 after the due
day. The same thresholds as Python (one case, a badge) and as SQL (a list filter), so both always agree.

Each app keeps its own vocabulary (labels, extra levels such as the mailbox's 严重超期) and its own rules of which
cases are open; this module only knows due days.
"""

import datetime

from django.db.models import Q

from .workdays import WorkingCalendar, load_calendar

DUE_SOON = "due_soon"
OVERDUE = "overdue"
DEFAULT_DUE_SOON_WORKING_DAYS = 3


def deadline_alarm(
    due_on: datetime.date | None, today: datetime.date, due_soon_days: int, calendar: WorkingCalendar | None = None
) -> str | None:
    """OVERDUE after the due day, DUE_SOON with at most ``due_soon_days`` working days left, else None."""
    if due_on is None:
        return None
    if today > due_on:
        return OVERDUE
    if (calendar or load_calendar()).working_days_between(today, due_on) <= due_soon_days:
        return DUE_SOON
    return None


def overdue_q(today: datetime.date, field: str = "due_on") -> Q:
    return Q(**{f"{field}__lt": today})


def due_soon_q(today: datetime.date, due_soon_days: int, field: str = "due_on") -> Q:
    # At most N working days left, i.e. due before the (N+1)-th working day after today.
    limit = load_calendar().add_working_days(today, due_soon_days + 1)
    return Q(**{f"{field}__gte": today, f"{field}__lt": limit})
