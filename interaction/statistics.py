"""Reply statistics for evaluators (回应情况): per site and per handling unit, for a year or a month.

Counts come from one grouped query; reply times need the working-day calendar, so answered messages are read
as (unit, received_on, due_on, answered_at) rows — one more query — and measured in Python.

Periods are cohorts by 受理日期: "March" means the messages received in March, and everything about them —
answered, on time, reply days, satisfaction — is counted for March, whenever it happened. So a month's figures
add up to the year's, and a month's answer rate can still rise later as its last messages are answered.
"""

import datetime
import hashlib
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext

from core import generations
from core.params import IntParam
from core.workdays import load_calendar

from .enums import OPEN_STATUSES, Satisfaction, Status

ANSWERED_STATUSES = (Status.ANSWERED, Status.REVIEWED, Status.PUBLISHED, Status.CLOSED)


@dataclass
class ReplyStats:
    key: str  # site or handling-unit slug ("" for messages not yet assigned)
    name: str = ""  # the site's or unit's organisation name, filled in by period_report
    received: int = 0
    answered: int = 0
    on_time: int = 0
    rejected: int = 0
    published: int = 0
    overdue_open: int = 0
    reply_days: list[int] = field(default_factory=list)
    satisfaction: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Satisfaction})

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.answered, 4) if self.answered else None

    @property
    def late(self) -> int:
        """Answered after the deadline."""
        return len(self.reply_days) - self.on_time

    @property
    def pending(self) -> int:
        """Neither answered nor rejected yet."""
        return self.received - self.answered - self.rejected

    @property
    def mean_reply_days(self) -> float | None:
        return round(float(statistics.mean(self.reply_days)), 1) if self.reply_days else None

    @property
    def median_reply_days(self) -> float | None:
        return float(statistics.median(self.reply_days)) if self.reply_days else None

    @property
    def satisfied_rate(self) -> float | None:
        rated = sum(self.satisfaction.values())
        if not rated:
            return None
        good = self.satisfaction[Satisfaction.SATISFIED] + self.satisfaction[Satisfaction.MOSTLY]
        return round(good / rated, 4)


KEY_FIELDS = {"site": "site__slug", "handler": "handler__slug", "unit": "_unit"}


def reply_statistics(questions, *, by: str = "site", today: datetime.date | None = None) -> dict[str, ReplyStats]:
    """``questions``: a Question queryset already narrowed to the period/sites. ``by``: "site" (the receiving
    site), "handler" (the unit it was transferred to; "" while not transferred) or "unit" (the unit that handles
    it: the transferee, else the receiving site itself)."""
    today = today or timezone.localdate()
    key_field = KEY_FIELDS[by]
    if by == "unit":
        questions = questions.annotate(_unit=Coalesce(F("handler__slug"), F("site__slug")))
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
            published=Count("pk", filter=Q(status=Status.PUBLISHED)),
            overdue_open=Count("pk", filter=Q(status__in=OPEN_STATUSES, due_on__lt=today)),
            **{f"sat_{s.value}": Count("pk", filter=Q(satisfaction=s.value)) for s in Satisfaction},
        )
    )
    for row in grouped:
        stats = stats_for(row[key_field])
        stats.received, stats.answered = row["received"], row["answered"]
        stats.rejected, stats.overdue_open = row["rejected"], row["overdue_open"]
        stats.published = row["published"]
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


def combine(parts, key: str = "") -> ReplyStats:
    """The sum of several rows (a group's total); the median is taken over all their reply times."""
    total = ReplyStats(key=key)
    for part in parts:
        total.received += part.received
        total.answered += part.answered
        total.on_time += part.on_time
        total.rejected += part.rejected
        total.published += part.published
        total.overdue_open += part.overdue_open
        total.reply_days.extend(part.reply_days)
        for value, count in part.satisfaction.items():
            total.satisfaction[value] += count
    return total


def monthly_series(questions, year: int) -> list[dict[str, int]]:
    """Twelve rows ``{"month", "received", "answered"}`` for ``year``: messages received in each month and, of
    those, how many are answered by now (the same cohorts as the tables, so the months add up to the year)."""
    counts = (
        questions.order_by()
        .filter(received_on__year=year)
        .annotate(month=ExtractMonth("received_on"))
        .values("month")
        .annotate(received=Count("pk"), answered=Count("pk", filter=Q(status__in=ANSWERED_STATUSES)))
    )
    by_month = {row["month"]: row for row in counts}
    return [
        {
            "month": month,
            "received": by_month.get(month, {}).get("received", 0),
            "answered": by_month.get(month, {}).get("answered", 0),
        }
        for month in range(1, 13)
    ]


# --- A period's report for a set of sites: what the public page and the API show -------------------------------

FIRST_YEAR = 2000  # earlier years cannot hold messages of this platform; later ones up to the current year


@dataclass
class Period:
    year: int
    month: int | None = None
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        if self.month:
            return gettext("%(year)s年%(month)s月") % {"year": self.year, "month": self.month}
        return gettext("%(year)s年") % {"year": self.year}

    def narrow(self, questions):
        questions = questions.filter(received_on__year=self.year)
        return questions.filter(received_on__month=self.month) if self.month else questions


def parse_period(year, month, today: datetime.date) -> Period:
    """Year (default: the current one) and optional month from request parameters (a string, or a QueryDict's
    list); a bad value is reported in ``errors`` (Chinese, by field) and replaced by the default."""
    period = Period(year=today.year)
    period.year = IntParam("year", "年份", FIRST_YEAR, today.year, default=today.year).parse(year, period.errors)
    period.month = MONTH.parse(month, period.errors)
    return period


MONTH = IntParam("month", "月份", 1, 12)


@dataclass
class PeriodReport:
    period: Period
    today: datetime.date
    total: ReplyStats
    sites: list[ReplyStats]  # by receiving site: every site with an 互动交流 section, plus any with messages
    units: list[ReplyStats]  # by handling unit (the transferee, else the receiving site): units with messages
    months: list[dict[str, int]]  # the whole year, month by month


def sites_with_section(profiles) -> set[int]:
    """Profiles (of ``profiles``) whose site has a live 互动交流 section: two queries."""
    from wagtail.models import Page

    from sites.models import SiteProfile

    from .models import InteractionIndexPage

    roots = SiteProfile.objects.filter(pk__in=[p.pk for p in profiles]).values_list("pk", "site__root_page__path")
    section_parents = {
        path[: -Page.steplen] for path in InteractionIndexPage.objects.live().values_list("path", flat=True)
    }
    return {pk for pk, root_path in roots if root_path in section_parents}


def tree_order(profiles) -> list:
    """Each site followed by the sites below it, siblings in creation order: a portal's table reads top-down."""
    profiles = list(profiles)
    present = {p.pk for p in profiles}
    children: dict[int | None, list] = {}
    for profile in sorted(profiles, key=lambda p: p.pk):
        children.setdefault(profile.parent_id if profile.parent_id in present else None, []).append(profile)
    ordered, stack = [], list(reversed(children.get(None, [])))
    while stack:
        profile = stack.pop()
        ordered.append(profile)
        stack.extend(reversed(children.get(profile.pk, [])))
    return ordered


def period_report(profiles, period: Period, today: datetime.date | None = None) -> PeriodReport:
    """Statistics of the messages received by ``profiles`` (SiteProfiles, e.g. ``group_profiles(portal)``) in the
    period, by receiving site and by handling unit. A unit's table also counts messages transferred to it from
    outside ``profiles`` (a department sees what the portal's mailbox sent it)."""
    from .models import Question

    today = today or timezone.localdate()
    profiles = tree_order(profiles)
    names = {p.slug: p.org_name for p in profiles}
    received = period.narrow(Question.objects.filter(site__in=profiles))
    handled = period.narrow(
        Question.objects.filter(Q(handler__in=profiles) | Q(handler__isnull=True, site__in=profiles))
    )
    by_site = reply_statistics(received, by="site", today=today)
    by_unit = reply_statistics(handled, by="unit", today=today)
    shown = sites_with_section(profiles)
    sites = [by_site.get(p.slug) or ReplyStats(key=p.slug) for p in profiles if p.pk in shown or p.slug in by_site]
    units = [by_unit[p.slug] for p in profiles if p.slug in by_unit]
    for row in (*sites, *units):
        row.name = names[row.key]
    return PeriodReport(
        period=period,
        today=today,
        total=combine(by_site.values()),
        sites=sites,
        units=units,
        months=monthly_series(Question.objects.filter(site__in=profiles), period.year),
    )


# The statistics page is not kept in the whole-page cache: its figures change with every message received,
# handled or rated (and "overdue" with the date), none of which is a publish. The report itself — the costly
# part, ~0.1 s for a 53-site portal — is cached under everything it reads: the messages' generation (bumped on
# every saved or deleted message), the date, the period, and the page-cache generations of the scope's site and
# its subtree (site names, which sites have a 互动交流 section).
QUESTIONS_GENERATION_KEY = "interaction-stats:questions-generation"
REPORT_SECONDS = 300


def bump_questions_generation() -> None:
    generations.bump(QUESTIONS_GENERATION_KEY)


def cached_period_report(hostname: str, profiles, period: Period, today: datetime.date) -> PeriodReport:
    """``period_report`` of the site at ``hostname`` and ``profiles`` (its group), from the cache when fresh."""
    from django.core.cache import cache

    from sites.page_cache import current_generations

    questions = generations.read(QUESTIONS_GENERATION_KEY)
    scope = hashlib.sha256(",".join(str(p.pk) for p in profiles).encode()).hexdigest()[:16]
    scope_generations = ":".join(str(g) for g in current_generations(hostname))
    key = f"interaction-stats:report:{questions}:{scope_generations}:{scope}:{period.year}:{period.month}:{today}"
    report = cache.get(key)
    if report is None:
        report = period_report(profiles, period, today)
        cache.set(key, report, REPORT_SECONDS)
    return report
