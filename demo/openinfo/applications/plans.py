"""What a demo application's plan is made of (no database): its steps, the plan itself, the site facts it is
planned from, and working-day steps on the shared calendar, forwards and backwards."""

import datetime
from dataclasses import dataclass, field

from openinfo.applications.enums import Status

from .data import Subject
from .people import Applicant


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
    applicant: Applicant
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
