"""Working-day arithmetic on the national calendar (``CalendarDay``), shared by every deadline in the platform.

A working day is Monday–Friday unless the table marks it a holiday, or a Saturday/Sunday the table marks as a
调休 make-up working day. Deadlines "within N working days of day D" (e.g. 政府信息公开条例 Art. 26: proactive
disclosure within 20 working days of the information being formed or changed) end on ``add_working_days(D, N)``:
the day D itself does not count.
"""

import datetime
from dataclasses import dataclass

from django.core.cache import cache

from .enums import CalendarDayKind

CACHE_KEY = "core:working-calendar"


@dataclass(frozen=True)
class WorkingCalendar:
    holidays: frozenset[datetime.date]
    workdays: frozenset[datetime.date]
    known_years: frozenset[int]

    def covers(self, day: datetime.date) -> bool:
        """Whether the table has data for the day's year; outside it only weekends count as days off."""
        return day.year in self.known_years

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.holidays:
            return False
        if day in self.workdays:
            return True
        return day.weekday() < 5

    def add_working_days(self, start: datetime.date, count: int) -> datetime.date:
        """The ``count``-th working day after ``start`` (``start`` itself not counted); ``count`` ≥ 0."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        while count:
            day += datetime.timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days in (start, end]; negative when ``end`` is before ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        days = (end - start).days
        return sum(self.is_working_day(start + datetime.timedelta(days=i)) for i in range(1, days + 1))


def load_calendar() -> WorkingCalendar:
    """The whole table (a few dozen rows a year), cached until a CalendarDay changes."""
    calendar = cache.get(CACHE_KEY)
    if calendar is None:
        from .models import CalendarDay

        holidays, workdays = set(), set()
        for day, kind in CalendarDay.objects.values_list("date", "kind"):
            (holidays if kind == CalendarDayKind.HOLIDAY else workdays).add(day)
        calendar = WorkingCalendar(
            holidays=frozenset(holidays),
            workdays=frozenset(workdays),
            known_years=frozenset(d.year for d in holidays | workdays),
        )
        cache.set(CACHE_KEY, calendar, None)
    return calendar


def forget_calendar() -> None:
    cache.delete(CACHE_KEY)
