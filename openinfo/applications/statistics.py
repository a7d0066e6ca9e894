"""Public statistics of 依申请公开 per organ and year (issue 13 item 7): the applications received, closed, carried
over and still open, the outcomes by Table 3 group, the median working days from receipt to reply and the share
replied within the deadline — on the same invariant as the annual report (every closed application has exactly
one outcome and a ``closed_on``), so the balance received + carried over = closed + carried on holds here too.

Only counts and organ names leave this module — never an applicant, an identity number or a contact.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone

from core.workdays import load_calendar

from ..models import InformationApplication
from .enums import OUTCOME_GROUP, OutcomeGroup

FIRST_YEAR = 2008  # 政府信息公开条例 in force since 1 May 2008


@dataclass
class YearFigures:
    year: int
    received: int = 0  # received in the year
    carried_over: int = 0  # received before 1 January, not closed before it
    closed: int = 0  # closed in the year (replied, transferred, withdrawn … each with one outcome)
    carried_on: int = 0  # received by 31 December (or today), not closed by then
    on_time: int = 0  # closed in the year no later than its reply deadline
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(OutcomeGroup.values, 0))
    months: list[dict] = field(default_factory=list)  # {"month", "received", "closed"} × 12
    median_working_days: float | None = None  # receipt to closing, over the year's closed applications

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.closed, 4) if self.closed else None

    @property
    def balanced(self) -> bool:
        return self.received + self.carried_over == self.closed + self.carried_on


def year_figures(site, year: int, today: datetime.date | None = None) -> YearFigures:
    """The figures of one organ (a SiteProfile) for one calendar year; a year not yet over counts to ``today``."""
    today = today or timezone.localdate()
    start, end = datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), today)
    applications = InformationApplication.objects.filter(site=site)
    figures = YearFigures(year=year)
    figures.received = applications.filter(received_on__gte=start, received_on__lte=end).count()
    figures.carried_over = (
        applications.filter(received_on__lt=start).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start)).count()
    )
    figures.carried_on = (
        applications.filter(received_on__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end)).count()
    )
    closed = list(
        applications.filter(closed_on__gte=start, closed_on__lte=end).values_list(
            "received_on", "closed_on", "due_on", "outcome"
        )
    )
    calendar = load_calendar()
    spans = []
    for received_on, closed_on, due_on, outcome in closed:
        figures.closed += 1
        figures.on_time += bool(due_on and closed_on <= due_on)
        if outcome in OUTCOME_GROUP:
            figures.outcomes[OUTCOME_GROUP[outcome]] += 1
        spans.append(max(calendar.working_days_between(received_on, closed_on), 0))
    figures.median_working_days = statistics.median(spans) if spans else None
    figures.months = _months(applications, year, closed)
    return figures


def _months(applications, year: int, closed) -> list[dict]:
    received = [0] * 12
    for day in applications.filter(received_on__year=year).values_list("received_on", flat=True):
        received[day.month - 1] += 1
    closings = [0] * 12
    for _received_on, closed_on, _due, _outcome in closed:
        closings[closed_on.month - 1] += 1
    return [{"month": m + 1, "received": received[m], "closed": closings[m]} for m in range(12)]


def years_of(site, today: datetime.date | None = None) -> list[int]:
    """The years an organ has applications in, newest first, always including the current one."""
    today = today or timezone.localdate()
    first = InformationApplication.objects.filter(site=site).aggregate(first=Min("received_on"))["first"]
    oldest = max(first.year if first else today.year, FIRST_YEAR)
    return list(range(today.year, oldest - 1, -1))


def by_year(site, today: datetime.date | None = None) -> list[dict]:
    """Received and closed per year, for the history table and chart."""
    today = today or timezone.localdate()
    applications = InformationApplication.objects.filter(site=site)
    received: dict[int, int] = {}
    closed: dict[int, int] = {}
    for day in applications.values_list("received_on", flat=True):
        received[day.year] = received.get(day.year, 0) + 1
    for day in applications.filter(closed_on__isnull=False).values_list("closed_on", flat=True):
        closed[day.year] = closed.get(day.year, 0) + 1
    return [
        {"year": year, "received": received.get(year, 0), "closed": closed.get(year, 0)}
        for year in sorted(years_of(site, today))
    ]
