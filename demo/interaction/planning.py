"""Plan one site's demo messages: texts, citizens, outcome, dates and handling history (no database access).

Every random choice is drawn, in a fixed order, from the site's own ``random.Random`` and every moment is an
offset from the start of ``today``, so one ``--seed`` gives the same messages relative to the day the seed runs.
Deadlines are real working days of the shared calendar and the site's own reply rules, so alarms and on-time
rates on the demo look like a live mailbox: most messages answered on time, some late, a few still open past
their deadline but short of the hard alarm. No message is past the hard alarm: the one that is (85 days, past the
inspection's 80-day warning) is a planted defect of ``demo.evaluation.defects``, so healthy sites stay healthy.
"""

import datetime
import random
from dataclasses import dataclass, field

from interaction.enums import Channel, Satisfaction, Status
from interaction.services import CODE_ALPHABET, TRACKING_CODE_LENGTH

from . import data
from .data import QuestionText

# Messages per site kind: (fewest, most).
QUOTA = {"city": (22, 28), "district": (6, 9), "department": (3, 6), "township": (2, 4)}
# Outcome weights. "assigned" needs a department to transfer to (else it stays "received"); "overdue" is an open
# message past its deadline; "hard" (past the hard alarm) is added on top, HARD_ALARMS per kind — none by default:
# a message past the 60-day alarm is a warning of the inspection (evaluation/checks/interaction.py), so the healthy
# demo has none; the planted defect (demo/evaluation/defects.py) shows one.
OUTCOMES = {
    "published": 40,
    "closed": 9,
    "answered": 6,
    "reviewed": 4,
    "assigned": 9,
    "received": 9,
    "overdue": 7,
    "rejected": 6,
}
HARD_ALARMS: dict[str, float] = {}  # kind → a count (≥ 1) or a probability
# Outcomes every site of a kind shows (the rest are drawn): a city portal's mailbox shows every stage.
BASE_OUTCOMES = {
    "city": ("published", "published", "reviewed", "answered", "closed", "rejected", "assigned", "received", "overdue"),
}
# A department also gets a few messages its portal transferred to it (转办), on the portal, with these outcomes.
TRANSFER_QUOTA = (1, 3)
TRANSFER_OUTCOMES = {"published": 5, "closed": 1, "answered": 1, "assigned": 2, "overdue": 1}
LATE_SHARE = 0.12  # of answered messages: answered after the deadline
RATED_SHARE = 0.6  # of answered messages: the citizen rated the reply
SATISFACTION_WEIGHTS = {Satisfaction.SATISFIED: 6, Satisfaction.MOSTLY: 3, Satisfaction.UNSATISFIED: 1}
LEADER_SHARE = 0.4  # portal messages written to the leader's mailbox (市长信箱 / 区长信箱)
EMAIL_SHARE = 0.3
VETO_DAYS = 88  # hard-alarm messages stay short of the three-month veto line
OFFICE = (8 * 60 + 30, 17 * 60 + 30)  # handlers work office hours (minutes of the day)
CITIZEN = (7 * 60, 23 * 60)  # citizens write at any waking hour

SURNAMES = (*"刘李王张陈杨周黄谭彭曾罗邓唐贺易肖胡龙文谢袁廖蒋", "欧阳")
GIVEN = "建国华明红梅志强芳军丽伟敏静磊洋勇艳杰娟涛超秀英平刚桂兰海燕晓玲"
MOBILE_PREFIXES = ("135", "136", "137", "138", "139", "150", "151", "152", "158", "159", "173", "177", "180", "186")


@dataclass(frozen=True)
class SiteFacts:
    """What the plan needs to know about a site (taken from its profile by the builder)."""

    kind: str
    org: str  # 株洲市交通运输局
    short: str  # 市交通运输局 / 荷塘区 / 株洲市
    city: str  # 株洲市
    group: str  # slug of the city portal
    unit: str = ""  # a department's slug suffix (jtj)
    departments: dict[str, str] = field(default_factory=dict)  # units a portal can transfer to → their org names
    reply_working_days: int = 10
    hard_alarm_days: int = 60


@dataclass
class PlannedEvent:
    action: str
    from_status: str
    to_status: str
    at: datetime.datetime
    by_handler: bool = False  # done by the handling department's staff (else the receiving site's)
    handler_unit: str = ""  # assign: the department it was transferred to
    note: str = ""


@dataclass
class PlannedQuestion:
    tracking_code: str
    type: str
    channel: str
    title: str
    content: str
    name: str
    phone: str
    email: str
    consent_publish: bool
    status: str
    received_at: datetime.datetime
    received_on: datetime.date
    due_on: datetime.date
    handler_unit: str = ""
    answer: str = ""
    answered_by: str = ""
    answered_at: datetime.datetime | None = None
    published_at: datetime.datetime | None = None
    rejection_reason: str = ""
    satisfaction: str = ""
    rated_at: datetime.datetime | None = None
    events: list[PlannedEvent] = field(default_factory=list)


def eligible(facts: SiteFacts) -> list[QuestionText]:
    """The texts this site's mailbox can receive: by kind, and a department's own unit."""
    found = []
    for text in data.questions():
        if text.group not in (None, facts.group):
            continue
        if facts.kind in text.kinds or (facts.kind == "department" and facts.unit and text.unit == facts.unit):
            found.append(text)
    return found


class Planner:
    def __init__(self, facts: SiteFacts, rng: random.Random, today: datetime.date, calendar):
        self.facts, self.rng, self.today, self.calendar = facts, rng, today, calendar
        self.midnight = datetime.datetime.combine(today, datetime.time())  # naive local; the builder makes it aware
        self.where = data.places_for(facts.group)

    # ---- drawing ------------------------------------------------------------------------------------------------

    def outcomes(self, count: int) -> list[str]:
        names, weights = list(OUTCOMES), list(OUTCOMES.values())
        base = list(BASE_OUTCOMES.get(self.facts.kind, ("published",)))[:count]
        drawn = base + self.rng.choices(names, weights, k=count - len(base))
        hard = HARD_ALARMS.get(self.facts.kind, 0.0)
        extra = int(hard) if hard >= 1 else int(self.rng.random() < hard)
        return drawn + ["hard"] * extra

    def citizen(self) -> tuple[str, str, str]:
        name = self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.choice((1, 2, 2))))
        phone = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
        email = ""
        if self.rng.random() < EMAIL_SHARE:
            email = f"{self.rng.randrange(10**8, 10**10)}@{self.rng.choice(('qq.com', '163.com', '126.com'))}"
        return name, phone, email

    def code(self) -> str:
        return "".join(self.rng.choice(CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))

    def moment(self, day: datetime.date, minutes: tuple[int, int]) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time()) + datetime.timedelta(
            minutes=self.rng.randrange(*minutes)
        )

    def before_today(self, moment: datetime.datetime, after: datetime.datetime) -> datetime.datetime:
        """``moment`` moved, if need be, to lie after ``after`` and before the start of today."""
        latest = self.midnight - datetime.timedelta(minutes=1)
        return max(min(moment, latest), min(after + datetime.timedelta(minutes=30), latest))

    def days_ago(self, outcome: str) -> int:
        reply, hard = self.facts.reply_working_days, self.facts.hard_alarm_days
        if outcome == "hard":
            return self.rng.randint(hard + 1, max(hard + 1, min(hard + 20, VETO_DAYS)))
        if outcome == "overdue":
            return self.rng.randint(reply * 2 + 6, max(reply * 2 + 6, hard - 5))
        low, high = {
            "received": (1, 5),
            "assigned": (2, 8),
            "answered": (4, 15),
            "reviewed": (4, 15),
            "published": (16, 330),
            "closed": (16, 330),
            "rejected": (2, 300),
        }[outcome]
        return self.rng.randint(low, high)

    # ---- one message ----------------------------------------------------------------------------------------------

    def context(self, text: QuestionText) -> dict[str, str]:
        facts = self.facts
        return {
            "city": facts.city,
            "city_short": facts.city.removesuffix("市"),
            "site": facts.short,
            "org": facts.org,
            "place": self.rng.choice(self.where.places),
            "road": self.rng.choice(self.where.roads),
        }

    def answerer(self, text: QuestionText, handler_unit: str, context: dict[str, str]) -> str:
        if handler_unit:
            return self.facts.departments[handler_unit]
        if self.facts.kind == "city" and text.city_answerer:
            return text.city_answerer.format_map(context)
        if self.facts.kind in ("city", "district") and text.answerer:
            return text.answerer.format_map(context)
        return self.facts.org

    def plan_one(self, text: QuestionText, outcome: str, duplicate_of: PlannedQuestion | None) -> PlannedQuestion:
        facts, rng = self.facts, self.rng
        context = self.context(text)
        name, phone, email = self.citizen()
        received_on = self.today - datetime.timedelta(days=self.days_ago(outcome))
        if duplicate_of is not None:  # written again a few days after the first message
            later = duplicate_of.received_on + datetime.timedelta(days=rng.randint(1, 10))
            received_on = min(later, self.today - datetime.timedelta(days=1))
        received_at = self.moment(received_on, CITIZEN)
        if duplicate_of is not None:
            received_at = max(received_at, duplicate_of.received_at + datetime.timedelta(hours=1))
            received_on = received_at.date()
        due_on = self.calendar.add_working_days(received_on, facts.reply_working_days)
        if outcome in ("overdue", "hard"):
            while due_on >= self.today:  # a long holiday inside the window: go back until it is overdue
                received_on -= datetime.timedelta(days=7)
                received_at -= datetime.timedelta(days=7)
                due_on = self.calendar.add_working_days(received_on, facts.reply_working_days)
        is_portal = facts.kind in ("city", "district")
        channel = Channel.LEADER if is_portal and rng.random() < LEADER_SHARE else Channel.GENERAL
        consent = rng.random() < 0.8 if outcome != "published" else True
        planned = PlannedQuestion(
            tracking_code=self.code(),
            type=text.type,
            channel=channel,
            title=text.title.format_map(context),
            content=text.content.format_map(context),
            name=name,
            phone=phone,
            email=email,
            consent_publish=consent,
            status=Status.RECEIVED,
            received_at=received_at,
            received_on=received_on,
            due_on=due_on,
        )
        if duplicate_of is not None:  # the same citizen writes the same thing again
            planned.title, planned.content = duplicate_of.title, duplicate_of.content
            planned.name, planned.phone = duplicate_of.name, duplicate_of.phone
        planned.events.append(PlannedEvent("receive", "", Status.RECEIVED, received_at))
        if outcome == "rejected":
            reason = text.reject or f"重复留言，已在查询码为{duplicate_of.tracking_code}的留言中办理。"
            at = self.before_today(received_at + datetime.timedelta(hours=rng.randint(2, 40)), received_at)
            planned.rejection_reason, planned.status = reason, Status.REJECTED
            planned.events.append(PlannedEvent("reject", Status.RECEIVED, Status.REJECTED, at, note=reason))
            return planned

        transfer = text.unit if text.unit in facts.departments else ""
        if transfer and outcome != "received":
            at = self.before_today(received_at + datetime.timedelta(hours=rng.randint(1, 20)), received_at)
            planned.handler_unit, planned.status = transfer, Status.ASSIGNED
            note = f"请{facts.departments[transfer]}办理并直接答复留言人。"
            planned.events.append(PlannedEvent("assign", Status.RECEIVED, Status.ASSIGNED, at, False, transfer, note))
        if outcome in ("received", "assigned", "overdue", "hard"):
            return planned

        late = rng.random() < LATE_SHARE
        reply = facts.reply_working_days
        delay = rng.randint(reply + 1, reply + 6) if late else rng.randint(1, reply)
        answered_on = min(self.calendar.add_working_days(received_on, delay), self.today - datetime.timedelta(days=1))
        answered_at = self.before_today(self.moment(max(answered_on, received_on), OFFICE), planned.events[-1].at)
        planned.answer = text.answer.format_map({**context, "answerer": self.answerer(text, transfer, context)})
        planned.answered_by = self.answerer(text, transfer, context)
        planned.answered_at = answered_at
        planned.events.append(PlannedEvent("answer", planned.status, Status.ANSWERED, answered_at, bool(transfer)))
        planned.status, last = Status.ANSWERED, answered_at
        if outcome in ("reviewed", "published") and (outcome == "reviewed" or rng.random() < 0.3):
            last = self.before_today(answered_at + datetime.timedelta(hours=rng.randint(1, 30)), answered_at)
            planned.events.append(PlannedEvent("review", Status.ANSWERED, Status.REVIEWED, last))
            planned.status = Status.REVIEWED
        if outcome in ("published", "closed"):
            target = Status.PUBLISHED if outcome == "published" else Status.CLOSED
            last = self.before_today(last + datetime.timedelta(hours=rng.randint(1, 48)), last)
            note = "" if outcome == "published" or not consent else "涉及个人信息，办结不公开。"
            action = "publish" if target == Status.PUBLISHED else "close"
            planned.events.append(PlannedEvent(action, planned.status, target, last, note=note))
            planned.status = target
            if target == Status.PUBLISHED:
                planned.published_at = last
        if rng.random() < RATED_SHARE:
            levels, weights = list(SATISFACTION_WEIGHTS), list(SATISFACTION_WEIGHTS.values())
            planned.satisfaction = rng.choices(levels, weights)[0]
            planned.rated_at = self.before_today(answered_at + datetime.timedelta(days=rng.randint(1, 10)), last)
        return planned

    # ---- the site ----------------------------------------------------------------------------------------------------

    def plan(self) -> list[PlannedQuestion]:
        pool = eligible(self.facts)
        handled = [t for t in pool if not t.is_rejectable]
        refused = [t for t in pool if t.is_rejectable]
        low, high = QUOTA.get(self.facts.kind, (0, 0))
        count = min(self.rng.randint(low, high), len(handled)) if high else 0
        if not count:
            return []
        outcomes = self.outcomes(count)
        texts = self.rng.sample(handled, min(len(outcomes), len(handled)))
        texts += self.rng.choices(handled, k=len(outcomes) - len(texts))
        self.rng.shuffle(refused)
        planned: list[PlannedQuestion] = []
        for text, outcome in zip(texts, outcomes, strict=True):
            duplicate_of = None
            if outcome == "rejected":
                if refused and (not planned or self.rng.random() < 0.6):
                    text = refused.pop()
                elif planned:
                    duplicate_of = self.rng.choice(planned)
                else:
                    outcome = "received"
            planned.append(self.plan_one(text, outcome, duplicate_of))
        return sorted(planned, key=lambda q: q.received_at)

    def transferred(self, unit: str) -> list[PlannedQuestion]:
        """Messages to this portal that it transferred to the department ``unit`` (in ``facts.departments``)."""
        pool = [t for t in eligible(self.facts) if t.unit == unit and not t.is_rejectable]
        if not pool:
            return []
        count = min(self.rng.randint(*TRANSFER_QUOTA), len(pool))
        outcomes = self.rng.choices(list(TRANSFER_OUTCOMES), list(TRANSFER_OUTCOMES.values()), k=count)
        texts = self.rng.sample(pool, count)
        planned = [self.plan_one(text, outcome, None) for text, outcome in zip(texts, outcomes, strict=True)]
        return sorted(planned, key=lambda q: q.received_at)


def plan_site(facts: SiteFacts, rng: random.Random, today: datetime.date, calendar) -> list[PlannedQuestion]:
    """The site's own messages (a portal transfers some to the departments that exist already)."""
    return Planner(facts, rng, today, calendar).plan()


def plan_transfers(
    portal: SiteFacts, unit: str, rng: random.Random, today: datetime.date, calendar
) -> list[PlannedQuestion]:
    """Messages on ``portal`` transferred to its department ``unit``: planned when the department is seeded,
    since a portal is seeded before its departments exist."""
    return Planner(portal, rng, today, calendar).transferred(unit)
