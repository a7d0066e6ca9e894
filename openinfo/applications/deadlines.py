"""The deadlines of an application on the shared working-day calendar (core.workdays: holidays and 调休 days).

政府信息公开条例 (verified, gov-standards.md §1.3):
- Art. 33: reply within **20 working days** of receipt; with the disclosure office head's approval and notice to
  the applicant, **at most 20 more working days**. Time spent consulting third parties or other organs is not
  counted.
- Art. 30: an unclear application gets **one** 补正 notice, **within 7 working days** of receipt; the clock
  restarts from the receipt of the supplement.
- Arts. 32, 34: a third party or another organ answers within **15 working days**.

Platform choices (not from the statute's text in our reference, so documented as such in docs/openinfo.md): the time
between a fee notice and the payment is not counted either (handling waits for the payment), and the applicant has
``FEE_PAYMENT_WORKING_DAYS`` to pay.

"Within N working days of day D" ends on ``calendar.add_working_days(D, N)`` (D itself not counted). A pause from
day A to day B removes the working days in (A, B] from the count.
"""

import datetime
from dataclasses import dataclass

from core.workdays import WorkingCalendar

from .enums import PAUSED_STATUSES, EventKind

REPLY_WORKING_DAYS = 20
MAX_EXTENSION_WORKING_DAYS = 20
SUPPLEMENT_NOTICE_WORKING_DAYS = 7
CONSULTATION_WORKING_DAYS = 15
FEE_PAYMENT_WORKING_DAYS = 20

PAUSE_ENDS = {
    EventKind.CONSULTATION_STARTED: {EventKind.CONSULTATION_ENDED},
    EventKind.FEE_NOTICE: {EventKind.FEE_PAID, EventKind.FEE_WAIVED},
}


@dataclass(frozen=True)
class Pause:
    start: datetime.date
    end: datetime.date | None  # None: still paused


@dataclass(frozen=True)
class Schedule:
    clock_started_on: datetime.date
    due_on: datetime.date  # while paused: as if the pause ended today
    paused: bool
    working_days_left: int  # negative when overdue
    supplement_notice_until: datetime.date  # the last day a 补正 notice may be sent


def paused_working_days(
    calendar: WorkingCalendar, clock_started_on: datetime.date, pauses, today: datetime.date
) -> int:
    """Working days of the pauses after the clock started (a pause before a restart no longer matters)."""
    total = 0
    for pause in pauses:
        start = max(pause.start, clock_started_on)
        end = pause.end or today
        if end > start:
            total += calendar.working_days_between(start, end)
    return total


def reply_due(
    calendar: WorkingCalendar,
    clock_started_on: datetime.date,
    pauses=(),
    extension_days: int = 0,
    today: datetime.date | None = None,
) -> datetime.date:
    """The last day of the reply period (Art. 33)."""
    if not 0 <= extension_days <= MAX_EXTENSION_WORKING_DAYS:
        raise ValueError(f"an extension is 0 to {MAX_EXTENSION_WORKING_DAYS} working days")
    today = today or clock_started_on
    paused = paused_working_days(calendar, clock_started_on, pauses, today)
    return calendar.add_working_days(clock_started_on, REPLY_WORKING_DAYS + extension_days + paused)


def supplement_notice_until(calendar: WorkingCalendar, received_on: datetime.date) -> datetime.date:
    """Art. 30: the one 补正 notice goes out within 7 working days of receipt."""
    return calendar.add_working_days(received_on, SUPPLEMENT_NOTICE_WORKING_DAYS)


def consultation_until(calendar: WorkingCalendar, sent_on: datetime.date) -> datetime.date:
    """Arts. 32, 34: the third party or organ consulted answers within 15 working days."""
    return calendar.add_working_days(sent_on, CONSULTATION_WORKING_DAYS)


def fee_payment_until(calendar: WorkingCalendar, notice_on: datetime.date) -> datetime.date:
    return calendar.add_working_days(notice_on, FEE_PAYMENT_WORKING_DAYS)


def pauses_from_events(events) -> list[Pause]:
    """The pauses recorded by an application's events (``kind`` and ``on``, in order): a consultation from its
    start to its end, a fee notice to the payment or waiver. An unfinished pause has no end."""
    pauses, open_starts = [], {}
    for event in events:
        if event.kind in PAUSE_ENDS:
            open_starts[event.kind] = event.on
            continue
        for start_kind, end_kinds in PAUSE_ENDS.items():
            if event.kind in end_kinds and start_kind in open_starts:
                pauses.append(Pause(open_starts.pop(start_kind), event.on))
    pauses.extend(Pause(start, None) for start in open_starts.values())
    return sorted(pauses, key=lambda p: p.start)


def clock_start(received_on: datetime.date, events) -> datetime.date:
    """Receipt, or the receipt of the latest supplement (Art. 30: the period restarts from it)."""
    supplements = [e.on for e in events if e.kind == EventKind.SUPPLEMENT_RECEIVED]
    return max(supplements) if supplements else received_on


def schedule(
    calendar: WorkingCalendar, received_on, events, extension_days: int, status: str, today: datetime.date
) -> Schedule:
    """Everything the admin and the alarms show of an application's time, from its events."""
    events = list(events)
    started = clock_start(received_on, events)
    due = reply_due(calendar, started, pauses_from_events(events), extension_days, today)
    return Schedule(
        clock_started_on=started,
        due_on=due,
        paused=status in PAUSED_STATUSES,
        working_days_left=calendar.working_days_between(today, due),
        supplement_notice_until=supplement_notice_until(calendar, received_on),
    )
