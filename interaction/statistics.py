"""Reply statistics for evaluators (回应情况): per site and per handling unit, for a year or a month.

Counts come from one grouped query; reply times need the working-day calendar, so answered messages are read
as (unit, received_on, due_on, answered_at) rows — one more query — and measured in Python.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from core.workdays import load_calendar

from .enums import OPEN_STATUSES, Satisfaction, Status

ANSWERED_STATUSES = (Status.ANSWERED, Status.REVIEWED, Status.PUBLISHED, Status.CLOSED)


@dataclass
class ReplyStats:
    key: str  # site or handling-unit slug ("" for messages not yet assigned)
    received: int = 0
    answered: int = 0
    on_time: int = 0
    rejected: int = 0
    overdue_open: int = 0
    reply_days: list[int] = field(default_factory=list)
    satisfaction: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Satisfaction})

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.answered, 4) if self.answered else None

    @property
    def median_reply_days(self) -> float | None:
        return statistics.median(self.reply_days) if self.reply_days else None

    @property
    def satisfied_rate(self) -> float | None:
        rated = sum(self.satisfaction.values())
        if not rated:
            return None
        good = self.satisfaction[Satisfaction.SATISFIED] + self.satisfaction[Satisfaction.MOSTLY]
        return round(good / rated, 4)


def reply_statistics(questions, *, by: str = "site", today: datetime.date | None = None) -> dict[str, ReplyStats]:
    """``questions``: a Question queryset already narrowed to the period/sites; ``by``: "site" or "handler"."""
    today = today or timezone.localdate()
    key_field = "site__slug" if by == "site" else "handler__slug"
    result: dict[str, ReplyStats] = {}

    def stats_for(key):
        key = key or ""
        if key not in result:
            result[key] = ReplyStats(key=key)
        return result[key]

    grouped = (
        questions.order_by()
        .values(key_field)
        .annotate(
            received=Count("pk"),
            answered=Count("pk", filter=Q(status__in=ANSWERED_STATUSES)),
            rejected=Count("pk", filter=Q(status=Status.REJECTED)),
            overdue_open=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
            **{f"sat_{s.value}": Count("pk", filter=Q(satisfaction=s.value)) for s in Satisfaction},
        )
    )
    for row in grouped:
        stats = stats_for(row[key_field])
        stats.received, stats.answered = row["received"], row["answered"]
        stats.rejected, stats.overdue_open = row["rejected"], row["overdue_open"]
        stats.satisfaction = {s.value: row[f"sat_{s.value}"] for s in Satisfaction}

    calendar = load_calendar()
    answered = questions.order_by().filter(status__in=ANSWERED_STATUSES, answered_at__isnull=False)
    for key, received_on, due_on, answered_at in answered.values_list(
        key_field, "received_on", "due_on", "answered_at"
    ):
        answered_on = timezone.localtime(answered_at).date()
        stats = stats_for(key)
        stats.reply_days.append(calendar.working_days_between(received_on, answered_on))
        stats.on_time += answered_on <= due_on
    return result
