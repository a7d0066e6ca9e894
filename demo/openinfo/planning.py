"""Plan one site's demo disclosure documents: which texts, dates, 文号, validity and slugs (no database access).

Every random choice is drawn, in a fixed order, from the site's own ``random.Random`` and every date is an offset
from ``today``, so one ``--seed`` gives the same catalogue relative to the day the seed runs. Dates are real
working days of the national calendar: most documents are published a few working days after 成文日期, a share
is published later than 条例 Art. 26's 20 working days. Every statutory category of the site's kind gets a document,
the newest of each inside its update frequency (``fresh_texts``), so that the healthy demo has no blank or stale
disclosure column on the day it is seeded; plan.toml's ``[gaps]`` can still leave categories blank or stale per
site (none by default) — all from the data files, never from a site's name.
"""

import datetime
import random
import re
from dataclasses import dataclass, field

from home.enums import ColumnType
from openinfo.catalogue import categories_for_kind, category_map
from openinfo.enums import DocumentGenre, Validity

from . import data
from .data import DocumentText

POLICY_GENRES = (DocumentGenre.RULE, DocumentGenre.NORMATIVE)
INTERPRETATION_DELAYS = (0, 0, 1, 2)  # working days after the policy: 解读 is published with it or just after
SERIAL_RANGE = (1, 60)  # 文号 serials drawn per organ, prefix and year
OFFICE_MINUTES = (8 * 60 + 30, 17 * 60 + 30)
SUMMARY_MAX = 120
_SENTENCE_END = re.compile(r"(?<=[。！？])")


@dataclass(frozen=True)
class SiteFacts:
    """What the plan needs to know about a site (taken from its SiteProfile by the builder)."""

    slug: str
    kind: str
    org: str  # 株洲市财政局
    short: str  # 市财政局 / 荷塘区
    city: str  # 株洲市 (the site's city; itself for a city portal)
    group: str  # slug of that city's site


@dataclass
class PlannedDocument:
    key: int
    category: str
    title: str
    paragraphs: list[str]
    subject: str
    genre: str
    written_on: datetime.date
    published_on: datetime.date
    publish_minute: int  # minute of the day, for first/last_published_at
    document_number: str = ""
    keywords: str = ""
    description: str = ""
    co_publishers: str = ""
    validity: str = Validity.VALID.value
    valid_from: datetime.date | None = None
    invalid_from: datetime.date | None = None
    interprets: int | None = None  # key of the policy this 解读 belongs to
    slug: str = ""
    late: bool = False
    text: DocumentText | None = field(default=None, repr=False)


@dataclass
class SitePlan:
    documents: list[PlannedDocument]
    blank: set[str]
    stale: set[str]


def context_for(facts: SiteFacts, year: int) -> dict[str, str]:
    plan = data.plan()
    return {
        "org": facts.org,
        "short": facts.short or facts.org,
        "city": facts.city,
        "city_short": facts.city.removesuffix("市"),
        "year": str(year),
        "prev_year": str(year - 1),
        "abbr": plan.issuers.get(facts.slug, ""),
    }


MIN_SUMMARY = 12


def summary(paragraph: str) -> str:
    """内容概述 default: the first sentence of the first paragraph, cut to what list pages show."""
    # Skip short lead-ins such as the heading “一、制定背景。” so the summary says something.
    sentences = [part for part in _SENTENCE_END.split(paragraph) if part.strip()]
    first = next((part for part in sentences if len(part) >= MIN_SUMMARY), sentences[0] if sentences else paragraph)
    return first if len(first) <= SUMMARY_MAX else first[: SUMMARY_MAX - 1] + "…"


# -- dates ----------------------------------------------------------------------------------------------------


def working_days_before(calendar, day: datetime.date, count: int) -> datetime.date:
    """The day ``count`` working days before ``day`` (so ``working_days_between`` of the two is ``count``)."""
    while count:
        day -= datetime.timedelta(days=1)
        if calendar.is_working_day(day):
            count -= 1
    return day


def last_working_day(calendar, day: datetime.date) -> datetime.date:
    while not calendar.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def draw_published(rng: random.Random, today: datetime.date, window: str, months) -> datetime.date:
    """A day in ``window`` (days before today), in ``months`` when given, favouring recent days by the bias."""
    plan = data.plan()
    low, high = plan.windows[window]
    offsets = range(low, high + 1)
    if months:
        seasonal = [d for d in offsets if months[0] <= (today - datetime.timedelta(days=d)).month <= months[1]]
        offsets = seasonal or offsets
    index = int(len(offsets) * rng.random() ** plan.window_bias.get(window, 1.0))
    return today - datetime.timedelta(days=offsets[min(index, len(offsets) - 1)])


# -- choosing texts -------------------------------------------------------------------------------------------


def draw_gaps(rng: random.Random, kind: str) -> tuple[set[str], set[str]]:
    """Categories this site leaves blank, and categories whose documents are all older than the stale window."""
    plan = data.plan()
    blank = {code for code, p in plan.blank.get(kind, {}).items() if rng.random() < p}
    stale = {code for code, p in plan.stale.get(kind, {}).items() if rng.random() < p and code not in blank}
    return blank, stale


def choose_texts(facts: SiteFacts, rng: random.Random, blank: set[str]) -> list[DocumentText]:
    """The site's own documents, then core and optional templates of its kind up to the quota."""
    low, high = data.plan().quota[facts.kind]
    own = [t for t in data.site_documents().get(facts.slug, ()) if t.has_fixed_dates or t.category not in blank]
    wanted = rng.randint(low, high)
    pool = [
        t
        for t in data.templates()
        if facts.kind in t.kinds and t.group in (None, facts.group) and t.text.category not in blank
    ]
    core = [t.text for t in pool if t.core]
    optional = [t.text for t in pool if not t.core]
    rng.shuffle(core)
    rng.shuffle(optional)
    chosen = own + (core + optional)[: max(0, wanted - len(own))]
    # Every statutory category of the kind gets a document, so that none of the site's columns is blank.
    for category in categories_for_kind(facts.kind):
        code = category.code
        if code in blank or any(t.category == code for t in chosen):
            continue
        spare = [t for t in (*core, *optional) if t.category == code]
        if spare:
            chosen.append(rng.choice(spare))
    return chosen


YEARLY_TYPES = (ColumnType.PLANNING, ColumnType.PERSONNEL)


def fresh_texts(texts: list[DocumentText], stale: set[str]) -> dict[int, str]:
    """The window of each category's first ordinary document (by position in ``texts``): "fresh", or "fresh_year"
    for the yearly categories, so that each category's newest document is within its update frequency."""
    categories = category_map()
    found: dict[int, str] = {}
    seen: set[str] = set()
    for i, text in enumerate(texts):
        if text.has_fixed_dates or text.window != "recent" or text.category in stale or text.category in seen:
            continue
        seen.add(text.category)
        column_type = getattr(categories.get(text.category), "column_type", ColumnType.OTHER)
        found[i] = "fresh_year" if column_type in YEARLY_TYPES else "fresh"
    return found


# -- one document ---------------------------------------------------------------------------------------------


class _Numbers:
    """文号 serials: unique per prefix and year within the site, drawn so they look like a real year's output."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[tuple[str, int, int]] = set()

    def take(self, prefix: str, year: int) -> str:
        serial = self.rng.randint(*SERIAL_RANGE)
        while (prefix, year, serial) in self.used:
            serial += 1
        self.used.add((prefix, year, serial))
        return f"{prefix}〔{year}〕{serial}号"


def _dates(text: DocumentText, window, rng, today, calendar) -> tuple[datetime.date, datetime.date, bool]:
    plan = data.plan()
    published = last_working_day(calendar, draw_published(rng, today, window, text.months))
    late = text.late or rng.random() < plan.late_share
    delay = rng.randint(*plan.late_working_days) if late else rng.choice(plan.on_time_working_days)
    return working_days_before(calendar, published, delay), published, late


def plan_document(key, text, facts, rng, today, calendar, numbers, stale, fresh="") -> PlannedDocument:
    if text.has_fixed_dates:
        written, published, late = text.written_on, text.published_on, False
    else:
        # A stale category only moves ordinary documents; "old"/"new" windows order repealed and repealing ones.
        window = "stale" if text.category in stale and text.window == "recent" else fresh or text.window
        written, published, late = _dates(text, window, rng, today, calendar)
    context = context_for(facts, published.year)
    number = ""
    if text.has_fixed_dates:
        number = text.number
    elif text.number and (context["abbr"] or "{abbr}" not in text.number):
        number = numbers.take(text.number.format_map(context), written.year)
    paragraphs = [p.format_map(context) for p in text.paragraphs]
    # 主送机关 is its own first line, as in the printed document; the summary starts after it.
    addressees = [f"{text.to.format_map(context)}："] if text.to else []
    doc = PlannedDocument(
        key=key,
        category=text.category,
        title=text.title.format_map(context),
        paragraphs=addressees + paragraphs,
        subject=text.subject,
        genre=text.genre,
        written_on=written,
        published_on=published,
        publish_minute=rng.randint(*OFFICE_MINUTES),
        document_number=number,
        keywords=text.keywords.format_map(context),
        description=text.description.format_map(context) or summary(paragraphs[0]),
        co_publishers=text.co_publishers,
        validity=text.validity,
        late=late,
        text=text,
    )
    if text.genre in POLICY_GENRES or text.validity != Validity.VALID:
        doc.valid_from = published + datetime.timedelta(days=text.effective_after_days)
    if text.validity == Validity.EXPIRED:
        doc.invalid_from = _bounded_end(doc.valid_from, text.valid_days, today)
    return doc


def plan_interpretation(key, policy: PlannedDocument, facts, rng, today, calendar) -> PlannedDocument:
    interpretation = policy.text.interpretation
    context = context_for(facts, policy.published_on.year)
    published = policy.published_on
    for _ in range(rng.choice(INTERPRETATION_DELAYS)):
        published += datetime.timedelta(days=1)
        while not calendar.is_working_day(published):
            published += datetime.timedelta(days=1)
    paragraphs = [p.format_map(context) for p in interpretation.paragraphs]
    return PlannedDocument(
        key=key,
        category=policy.category,
        title=interpretation.title.format_map(context),
        paragraphs=paragraphs,
        subject=policy.subject,
        genre=DocumentGenre.INTERPRETATION.value,
        # Drafted together with the policy (同步起草), so it shares the policy's 成文日期.
        written_on=policy.written_on,
        published_on=min(published, today),
        publish_minute=rng.randint(*OFFICE_MINUTES),
        keywords=interpretation.keywords.format_map(context) or policy.keywords,
        description=interpretation.description.format_map(context) or summary(paragraphs[0]),
        interprets=policy.key,
        late=policy.late,
    )


def _bounded_end(start: datetime.date, days: int, today: datetime.date) -> datetime.date:
    """失效/废止日期 ``days`` after ``start``, but never in the future nor before ``start``."""
    return max(start, min(start + datetime.timedelta(days=days), today - datetime.timedelta(days=1)))


def _resolve_repeals(documents: list[PlannedDocument], today: datetime.date) -> None:
    """A repealed document ends on the day the document that repealed it takes effect."""
    by_id = {d.text.id: d for d in documents if d.text is not None and d.text.id}
    for doc in documents:
        if doc.validity != Validity.REPEALED:
            continue
        successor = by_id.get(doc.text.replaced_by)
        end = (successor.valid_from or successor.published_on) if successor else None
        if end is None or end < doc.valid_from or end >= today:
            end = _bounded_end(doc.valid_from, doc.text.valid_days or 365, today)
        doc.invalid_from = end


# -- the whole site -------------------------------------------------------------------------------------------


def plan_site(facts: SiteFacts, rng: random.Random, today: datetime.date, calendar) -> SitePlan:
    if facts.kind not in data.plan().quota:
        return SitePlan(documents=[], blank=set(), stale=set())
    blank, stale = draw_gaps(rng, facts.kind)
    numbers = _Numbers(rng)
    documents: list[PlannedDocument] = []
    texts = choose_texts(facts, rng, blank)
    fresh = fresh_texts(texts, stale)
    for i, text in enumerate(texts):
        policy = plan_document(len(documents), text, facts, rng, today, calendar, numbers, stale, fresh.get(i, ""))
        documents.append(policy)
        if text.interpretation is not None:
            documents.append(plan_interpretation(len(documents), policy, facts, rng, today, calendar))
    _resolve_repeals(documents, today)
    # Created in publication order, so each organ's 索引号 serials rise with the 发布日期 as they would live.
    documents.sort(key=lambda d: (d.published_on, d.key))
    for n, doc in enumerate(documents, start=1):
        doc.slug = f"t{doc.published_on:%Y%m%d}_{n:03d}"
    return SitePlan(documents=documents, blank=blank, stale=stale)
