"""Plan one site's demo 政府信息公开申请: applicants, subjects, the path each takes and its dates (no database).

Every path follows the handling rules of openinfo/applications/ on the shared working-day calendar: a 补正 notice
within 7 working days of receipt and the clock restarting on the supplement (Art. 30), a consultation of 15 working
days not counted (Arts. 32–34), an extension of 20 working days (Art. 33), a per-page fee (国办函〔2020〕109号) paid
or left unpaid, a transfer to the department that holds the information, 行政复议 and 诉讼 after a refusal — and every
closed application ends with one Table 3 outcome and its day, so the demo's annual reports balance. A city portal
shows every path; other sites draw a few. Open applications are received recently enough to be on time, except
``overdue`` (a few working days past the due day, as a live office would have one now and then).
"""

import dataclasses
import datetime
import random
from dataclasses import dataclass, field

from openinfo.applications import deadlines, fees
from openinfo.applications.enums import (
    Channel,
    Delivery,
    EventKind,
    Outcome,
    ProvisionForm,
    RemedyKind,
    RemedyResult,
    Status,
)
from sites.enums import SiteKind

from . import data, people
from .data import Subject

# Every path a city portal shows once (its quota adds random ones); the others draw from the weights.
PATHS = {
    "disclosed": 30,
    "already_public": 8,
    "partial": 6,
    "withheld": 6,
    "not_held": 6,
    "needs_creation": 4,
    "supplement": 6,
    "abandoned": 3,
    "extended": 4,
    "fee_paid": 3,
    "fee_unpaid": 2,
    "repeat": 2,
    "petition": 2,
    "remedy": 2,
    "carry_over": 3,
    "processing": 8,
    "consulting": 2,
    "awaiting_supplement": 2,
    "awaiting_fee": 1,
    "overdue": 1,
}
QUOTA = {"city": (4, 6), "district": (3, 6), "department": (2, 4), "township": (1, 3)}
SPAN_DAYS = 500  # closed applications are received within this many days before the seed day
OFFLINE_SHARE = 0.25  # received in person, by letter or fax and registered by staff


@dataclass
class PlannedEvent:
    kind: str
    on: datetime.date
    until: datetime.date | None = None
    note: str = ""
    data: dict = field(default_factory=dict)


@dataclass
class PlannedApplication:
    path: str
    subject: Subject
    applicant: people.Applicant
    channel: str
    provision_form: str
    delivery: str
    received_on: datetime.date
    events: list[PlannedEvent] = field(default_factory=list)
    status: str = Status.PROCESSING
    outcome: str = ""
    reply_text: str = ""
    responsible_organ: str = ""
    responsible_organ_contact: str = ""
    closed_on: datetime.date | None = None
    archived_on: datetime.date | None = None
    extension_days: int = 0
    fee: dict | None = None
    remedies: list[dict] = field(default_factory=list)
    transfer_to: str = ""  # the unit (department slug suffix) a portal transferred it to


@dataclass(frozen=True)
class SiteFacts:
    slug: str
    kind: str
    org: str  # 株洲市交通运输局
    short: str  # 市交通运输局
    group: str  # slug of the city portal
    unit: str = ""  # a department's slug suffix
    units: dict[str, str] = field(default_factory=dict)  # a portal's departments: unit → org name


class Calendar:
    """Working-day steps on the shared calendar, backwards too."""

    def __init__(self, calendar):
        self.calendar = calendar

    def after(self, day: datetime.date, n: int) -> datetime.date:
        return self.calendar.add_working_days(day, n)

    def before(self, day: datetime.date, n: int) -> datetime.date:
        while n:
            day -= datetime.timedelta(days=1)
            if self.calendar.is_working_day(day):
                n -= 1
        return day

    def working_day_on_or_before(self, day: datetime.date) -> datetime.date:
        while not self.calendar.is_working_day(day):
            day -= datetime.timedelta(days=1)
        return day


def plan_site(facts: SiteFacts, rng: random.Random, today: datetime.date, calendar) -> list[PlannedApplication]:
    """The site's applications, oldest first. Deterministic for one rng state, relative to ``today``."""
    cal = Calendar(calendar)
    subjects = data.subjects_for(facts.kind, facts.group, facts.unit)
    if not subjects:
        return []
    low, high = QUOTA.get(facts.kind, (0, 0))
    paths = list(PATHS) if facts.kind == "city" else []
    paths += rng.choices(list(PATHS), weights=list(PATHS.values()), k=rng.randint(low, high))
    if not facts.units:
        paths = [p if p != "not_held" else "needs_creation" for p in paths]
    planned = [_plan_one(path, facts, rng, today, cal, subjects) for path in paths]
    return sorted(planned, key=lambda a: a.received_on)


def _plan_one(path, facts, rng, today, cal, subjects) -> PlannedApplication:
    subject = data.render(rng.choice(subjects), site=facts.short, org=facts.org, year=today.year - 1)
    applicant = people.applicant(rng, facts.group, citizen=rng.random() < 0.65)
    channel = Channel.ONLINE if rng.random() >= OFFLINE_SHARE else rng.choice(Channel.values[1:])
    form = rng.choice([ProvisionForm.EMAIL, ProvisionForm.EMAIL, ProvisionForm.PAPER, ProvisionForm.DISC])
    delivery = Delivery.ELECTRONIC if form == ProvisionForm.EMAIL else rng.choice([Delivery.POST, Delivery.PICK_UP])
    builder = PATH_BUILDERS[path]
    received = builder.received(rng, today, cal)
    # Closed paths start on a random working day of the span and are moved back until the whole path is over.
    for _ in range(4):
        app = PlannedApplication(path, subject, applicant, channel, form, delivery, received_on=received)
        builder.build(app, facts, rng, cal)
        end = max(e.on for e in app.events)
        if end <= today:
            break
        received = cal.before(received, cal.calendar.working_days_between(today, end) + 5)
    _finish(app, today, cal)
    return app


def _finish(app: PlannedApplication, today: datetime.date, cal: Calendar) -> None:
    """Archive what was replied long enough ago; keep only events up to today."""
    app.events = [e for e in app.events if e.on <= today]
    if app.closed_on and app.status == Status.REPLIED:
        archived = cal.after(app.closed_on, 5)
        if archived < today:
            app.archived_on = archived
            app.status = Status.ARCHIVED
            app.events.append(PlannedEvent(EventKind.ARCHIVED, archived))
            app.events.sort(key=lambda e: e.on)  # stable: same-day steps keep their order


# --- the paths ---------------------------------------------------------------------------------------------------


class Path:
    open_path = False

    def received(self, rng, today, cal):
        return cal.working_day_on_or_before(today - datetime.timedelta(days=rng.randint(40, SPAN_DAYS)))

    def build(self, app, facts, rng, cal):
        raise NotImplementedError


def _start(app: PlannedApplication, cal: Calendar, rng) -> datetime.date:
    """Submission (or registration of an offline application) and acceptance; returns the acceptance day."""
    first = EventKind.SUBMITTED if app.channel == Channel.ONLINE else EventKind.REGISTERED
    app.events.append(PlannedEvent(first, app.received_on))
    accepted = cal.after(app.received_on, rng.randint(1, 2))
    app.events.append(PlannedEvent(EventKind.ACCEPTED, accepted))
    return accepted


def _reply(app: PlannedApplication, on: datetime.date, outcome: str, text: str, **extra) -> None:
    app.status = Status.REPLIED
    app.outcome, app.reply_text, app.closed_on = outcome, text, on
    for name, value in extra.items():
        setattr(app, name, value)
    app.events.append(PlannedEvent(EventKind.REPLIED, on, data={"outcome": outcome}))


class Replied(Path):
    """Accepted, then one reply after ``days`` working days."""

    outcomes = (Outcome.DISCLOSED,)
    days = (4, 18)

    def build(self, app, facts, rng, cal):
        accepted = _start(app, cal, rng)
        on = max(cal.after(app.received_on, rng.randint(*self.days)), cal.after(accepted, 1))
        outcome = rng.choice(self.outcomes)
        _reply(app, on, outcome, self.text(outcome, app, facts))

    def text(self, outcome, app, facts):
        return data.reply_text(outcome, app, facts)


class AlreadyPublic(Replied):
    days = (1, 6)

    def text(self, outcome, app, facts):
        return data.reply_text("already_public", app, facts)


class Withheld(Replied):
    outcomes = (Outcome.WITHHELD_PROCESS, Outcome.WITHHELD_ENFORCEMENT, Outcome.WITHHELD_INTERNAL)


class NeedsCreation(Replied):
    outcomes = (Outcome.UNAVAILABLE_NEEDS_CREATION,)


class Repeat(Replied):
    outcomes = (Outcome.NOT_PROCESSED_REPEAT,)
    days = (2, 8)


class Petition(Replied):
    outcomes = (Outcome.NOT_PROCESSED_PETITION,)
    days = (2, 8)


class Partial(Path):
    """A third party is consulted (15 working days, not counted), objects to part of it: 部分公开."""

    def build(self, app, facts, rng, cal):
        accepted = _start(app, cal, rng)
        sent = cal.after(accepted, rng.randint(2, 5))
        answered = cal.after(sent, rng.randint(6, 14))
        app.events.append(
            PlannedEvent(EventKind.CONSULTATION_STARTED, sent, deadlines.consultation_until(cal.calendar, sent))
        )
        app.events.append(
            PlannedEvent(
                EventKind.CONSULTATION_ENDED, answered, note="第三方书面答复：部分内容涉及商业秘密，不同意公开"
            )
        )
        _reply(
            app, cal.after(answered, rng.randint(3, 8)), Outcome.PARTIAL, data.reply_text(Outcome.PARTIAL, app, facts)
        )


class NotHeld(Path):
    """A portal is asked for a department's information: it transfers the application (本机关不掌握, the department
    named) and the department answers it as a new application received on the transfer day (``plan_transfers``)."""

    def received(self, rng, today, cal):
        return cal.working_day_on_or_before(today - datetime.timedelta(days=rng.randint(70, SPAN_DAYS)))

    def build(self, app, facts, rng, cal):
        _start(app, cal, rng)
        unit, organ = rng.choice(sorted(facts.units.items()))
        on = cal.after(app.received_on, rng.randint(2, 5))
        app.transfer_to = unit
        app.events.append(PlannedEvent(EventKind.TRANSFERRED, on, data={"unit": unit}))
        app.status, app.outcome, app.closed_on = Status.TRANSFERRED, Outcome.UNAVAILABLE_NOT_HELD, on
        app.responsible_organ, app.responsible_organ_contact = organ, people.office_phone(rng, facts.group)
        app.reply_text = data.reply_text(Outcome.UNAVAILABLE_NOT_HELD, app, facts)


class Supplement(Path):
    """One 补正 notice within 7 working days; the supplement restarts the 20 working days."""

    abandoned = False

    def build(self, app, facts, rng, cal):
        _start(app, cal, rng)
        notice = cal.after(app.received_on, rng.randint(2, deadlines.SUPPLEMENT_NOTICE_WORKING_DAYS))
        until = cal.after(notice, 15)
        app.events.append(
            PlannedEvent(
                EventKind.SUPPLEMENT_REQUESTED,
                notice,
                until,
                note="请明确所需信息的名称、文号或者便于查询的其他特征性描述",
            )
        )
        if self.abandoned:
            closed = cal.after(until, 1)
            _reply(app, closed, Outcome.OTHER_NO_SUPPLEMENT, data.reply_text(Outcome.OTHER_NO_SUPPLEMENT, app, facts))
            return
        supplied = cal.after(notice, rng.randint(3, 10))
        app.events.append(PlannedEvent(EventKind.SUPPLEMENT_RECEIVED, supplied))
        _reply(
            app,
            cal.after(supplied, rng.randint(5, 17)),
            Outcome.DISCLOSED,
            data.reply_text(Outcome.DISCLOSED, app, facts),
        )


class Abandoned(Supplement):
    abandoned = True


class Extended(Path):
    """The office head approves 20 more working days (Art. 33); the reply comes after the first 20."""

    def build(self, app, facts, rng, cal):
        _start(app, cal, rng)
        on = cal.after(app.received_on, rng.randint(15, 19))
        app.extension_days = deadlines.MAX_EXTENSION_WORKING_DAYS
        app.events.append(
            PlannedEvent(
                EventKind.EXTENDED,
                on,
                note="涉及多个年度档案，需调取整理",
                data={"days": app.extension_days, "approver": "政府信息公开工作机构负责人"},
            )
        )
        _reply(
            app,
            cal.after(app.received_on, rng.randint(24, 36)),
            Outcome.DISCLOSED,
            data.reply_text(Outcome.DISCLOSED, app, facts),
        )


class Fee(Path):
    """A per-page fee (the applicant asked for many pages of paper copies); paid, or not paid in time."""

    paid = True

    def build(self, app, facts, rng, cal):
        accepted = _start(app, cal, rng)
        app.provision_form, app.delivery = ProvisionForm.PAPER, Delivery.POST
        pages = rng.randint(45, 180)
        notice = cal.after(accepted, rng.randint(3, 8))
        pay_by = deadlines.fee_payment_until(cal.calendar, notice)
        app.fee = {
            "method": "per_page",
            "quantity": pages,
            "amount": fees.page_fee(pages),
            "notice_on": notice,
            "pay_by": pay_by,
            "paid_on": None,
        }
        app.events.append(
            PlannedEvent(EventKind.FEE_NOTICE, notice, pay_by, data={"amount": app.fee["amount"], "pages": pages})
        )
        if not self.paid:
            _reply(
                app,
                cal.after(pay_by, 1),
                Outcome.OTHER_FEE_UNPAID,
                data.reply_text(Outcome.OTHER_FEE_UNPAID, app, facts),
            )
            return
        paid = cal.after(notice, rng.randint(2, 10))
        app.fee["paid_on"] = paid
        app.events.append(PlannedEvent(EventKind.FEE_PAID, paid, data={"amount": app.fee["amount"]}))
        _reply(
            app, cal.after(paid, rng.randint(3, 8)), Outcome.DISCLOSED, data.reply_text(Outcome.DISCLOSED, app, facts)
        )


class FeeUnpaid(Fee):
    paid = False


class Remedy(Withheld):
    """Refused; the applicant asks for 行政复议, some then go to court."""

    def build(self, app, facts, rng, cal):
        super().build(app, facts, rng, cal)
        filed = app.closed_on + datetime.timedelta(days=rng.randint(20, 55))
        result = rng.choice([RemedyResult.UPHELD, RemedyResult.UPHELD, RemedyResult.CORRECTED, RemedyResult.PENDING])
        decided = None if result == RemedyResult.PENDING else filed + datetime.timedelta(days=rng.randint(40, 60))
        app.remedies.append(
            {"kind": RemedyKind.RECONSIDERATION, "filed_on": filed, "result": result, "decided_on": decided}
        )
        if result == RemedyResult.UPHELD and rng.random() < 0.5:
            sued = decided + datetime.timedelta(days=rng.randint(10, 14))
            app.remedies.append(
                {
                    "kind": RemedyKind.LITIGATION_AFTER,
                    "filed_on": sued,
                    "result": RemedyResult.PENDING,
                    "decided_on": None,
                }
            )
        # The remedies happen after the reply: keep them inside the path so it is moved back far enough.
        last = max(r["decided_on"] or r["filed_on"] for r in app.remedies)
        app.events.append(PlannedEvent(EventKind.NOTE, last, note="行政复议或诉讼情况已登记"))


class CarryOver(Replied):
    """Received in the last days of last year, answered in January: carried over in both annual reports."""

    days = (8, 16)

    def received(self, rng, today, cal):
        return cal.working_day_on_or_before(datetime.date(today.year - 1, 12, rng.randint(22, 30)))


class Open(Path):
    """Still being handled today: received ``age`` working days ago."""

    age = (2, 14)
    state = Status.PROCESSING

    def received(self, rng, today, cal):
        return cal.before(today, rng.randint(*self.age))

    def build(self, app, facts, rng, cal):
        accepted = _start(app, cal, rng)
        app.status = self.state
        self.extra(app, accepted, rng, cal)

    def extra(self, app, accepted, rng, cal):
        pass


class Overdue(Open):
    age = (22, 24)


class Consulting(Open):
    age = (6, 10)
    state = Status.CONSULTING

    def extra(self, app, accepted, rng, cal):
        sent = cal.after(accepted, 2)
        app.events.append(
            PlannedEvent(EventKind.CONSULTATION_STARTED, sent, deadlines.consultation_until(cal.calendar, sent))
        )


class AwaitingSupplement(Open):
    age = (4, 6)
    state = Status.SUPPLEMENT

    def extra(self, app, accepted, rng, cal):
        notice = cal.after(app.received_on, 3)
        app.events.append(
            PlannedEvent(
                EventKind.SUPPLEMENT_REQUESTED, notice, cal.after(notice, 15), note="请补充所需信息的文号或形成时间"
            )
        )


class AwaitingFee(Open):
    age = (8, 10)
    state = Status.AWAITING_FEE

    def extra(self, app, accepted, rng, cal):
        pages = rng.randint(40, 90)
        notice = cal.after(accepted, 4)
        pay_by = deadlines.fee_payment_until(cal.calendar, notice)
        app.provision_form, app.delivery = ProvisionForm.PAPER, Delivery.POST
        app.fee = {
            "method": "per_page",
            "quantity": pages,
            "amount": fees.page_fee(pages),
            "notice_on": notice,
            "pay_by": pay_by,
            "paid_on": None,
        }
        app.events.append(
            PlannedEvent(EventKind.FEE_NOTICE, notice, pay_by, data={"amount": app.fee["amount"], "pages": pages})
        )


def plan_transfers(portal: SiteFacts, department: SiteFacts, rng, today, calendar) -> list[tuple]:
    """Applications the portal transferred to the department, each with the department's own application that
    continues it (received on the transfer day, answered within the 20 working days)."""
    cal = Calendar(calendar)
    subjects = [s for s in data.subjects_for(SiteKind.CITY, portal.group, "") if s.unit == department.unit]
    if not subjects or portal.kind != SiteKind.CITY:
        return []
    portal = dataclasses.replace(portal, units={department.unit: department.org})
    pairs = []
    for _ in range(rng.randint(1, 2)):
        original = _plan_one("not_held", portal, rng, today, cal, subjects)
        received = original.closed_on
        continuation = PlannedApplication(
            "transferred",
            original.subject,
            original.applicant,
            original.channel,
            original.provision_form,
            original.delivery,
            received_on=received,
        )
        continuation.events.append(PlannedEvent(EventKind.REGISTERED, received, note=f"由{portal.org}转送"))
        accepted = cal.after(received, 1)
        continuation.events.append(PlannedEvent(EventKind.ACCEPTED, accepted))
        on = cal.after(received, rng.randint(3, 15))
        _reply(continuation, on, Outcome.DISCLOSED, data.reply_text(Outcome.DISCLOSED, continuation, department))
        _finish(continuation, today, cal)
        if on <= today:
            pairs.append((original, continuation))
    return pairs


PATH_BUILDERS = {
    "disclosed": Replied(),
    "already_public": AlreadyPublic(),
    "partial": Partial(),
    "withheld": Withheld(),
    "not_held": NotHeld(),
    "needs_creation": NeedsCreation(),
    "supplement": Supplement(),
    "abandoned": Abandoned(),
    "extended": Extended(),
    "fee_paid": Fee(),
    "fee_unpaid": FeeUnpaid(),
    "repeat": Repeat(),
    "petition": Petition(),
    "remedy": Remedy(),
    "carry_over": CarryOver(),
    "processing": Open(),
    "consulting": Consulting(),
    "awaiting_supplement": AwaitingSupplement(),
    "awaiting_fee": AwaitingFee(),
    "overdue": Overdue(),
}
