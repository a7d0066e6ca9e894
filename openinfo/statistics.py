"""Evaluator statistics for proactive disclosure, computed with a constant number of queries for any group size.

- Completeness per site × statutory category: item count, last publication, blank and stale flags. Freshness
  thresholds by column type are those monitors apply under 国办秘函〔2019〕19号 (动态/要闻 2 weeks;
  通知公告/政策文件 6 months; 人事/规划计划 1 year); categories of other types are never stale.
- Per site and year: totals per month; 本年制发 / 本年废止 / 现行有效 of 规章 and 行政规范性文件 (inputs of
  annual-report Table 2); publications later than 20 working days (条例 Art. 26).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Q
from django.db.models.functions import ExtractMonth

from core.workdays import load_calendar
from sites.models import SiteProfile

from .catalogue import categories_for_kind
from .enums import DocumentGenre, Validity
from .models import DisclosureDocumentPage
from .models.documents import PUBLICATION_DEADLINE_WORKING_DAYS

# (unit, amount) of the longest gap a category of this column type may go without a new item.
FRESHNESS = {
    "news": ("days", 14),
    "notice": ("months", 6),
    "policy": ("months", 6),
    "personnel": ("months", 12),
    "planning": ("months", 12),
}
TABLE2_GENRES = (DocumentGenre.RULE, DocumentGenre.NORMATIVE)


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    last_day = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ][month - 1]
    return datetime.date(year, month, min(day.day, last_day))


def stale_before(column_type: str, today: datetime.date) -> datetime.date | None:
    """Items published before this date no longer keep a category of ``column_type`` fresh."""
    rule = FRESHNESS.get(column_type)
    if rule is None:
        return None
    unit, amount = rule
    return today - datetime.timedelta(days=amount) if unit == "days" else months_before(today, amount)


@dataclass
class CategoryRow:
    code: str
    name: str
    count: int
    last_published: datetime.date | None
    blank: bool
    stale: bool


@dataclass
class SiteStats:
    slug: str
    name: str
    kind: str
    categories: list[CategoryRow] = field(default_factory=list)
    year_total: int = 0
    months: list[int] = field(default_factory=lambda: [0] * 12)
    table2: dict[str, dict[str, int]] = field(default_factory=dict)
    late: int = 0

    @property
    def blank_count(self) -> int:
        return sum(row.blank for row in self.categories)

    @property
    def stale_count(self) -> int:
        return sum(row.stale for row in self.categories)


def disclosure_statistics(profiles, year: int, today: datetime.date | None = None) -> list[SiteStats]:
    """Statistics for ``profiles`` (SiteProfiles of disclosing kinds); five queries whatever their number."""
    today = today or datetime.date.today()
    profiles = [p for p in profiles if categories_for_kind(p.kind)]
    by_id = {p.pk: SiteStats(slug=p.slug, name=p.org_name, kind=p.kind) for p in profiles}
    # order_by(): Wagtail's page manager orders by path, which would otherwise split every GROUP BY per page.
    live = DisclosureDocumentPage.objects.live().due().filter(host_site__isnull=False).order_by()
    if len(by_id) <= 500:  # a site or a district: filter in SQL; the whole group: skip foreign rows below
        live = live.filter(host_site__in=list(by_id))

    per_category = {
        (r["host_site"], r["category"]): r
        for r in live.values("host_site", "category").annotate(count=Count("pk"), last=Max("published_on"))
    }
    for profile in profiles:
        stats = by_id[profile.pk]
        for category in categories_for_kind(profile.kind):
            row = per_category.get((profile.pk, category.code), {})
            count, last = row.get("count", 0), row.get("last")
            threshold = stale_before(category.column_type, today)
            stats.categories.append(
                CategoryRow(
                    code=category.code,
                    name=category.name,
                    count=count,
                    last_published=last,
                    blank=count == 0,
                    stale=bool(count and threshold and last < threshold),
                )
            )

    in_year = live.filter(published_on__year=year)
    for row in (
        in_year.annotate(month=ExtractMonth("published_on")).values("host_site", "month").annotate(n=Count("pk"))
    ):
        by_id[row["host_site"]].months[row["month"] - 1] = row["n"]
    for stats in by_id.values():
        stats.year_total = sum(stats.months)

    year_end = datetime.date(year, 12, 31)
    table2 = (
        live.filter(genre__in=TABLE2_GENRES)
        .values("host_site", "genre")
        .annotate(
            issued=Count("pk", filter=Q(written_on__year=year)),
            abolished=Count("pk", filter=Q(invalid_from__year=year) & ~Q(validity=Validity.VALID)),
            in_force=Count(
                "pk", filter=Q(written_on__lte=year_end) & (Q(validity=Validity.VALID) | Q(invalid_from__gt=year_end))
            ),
        )
    )
    for stats in by_id.values():
        stats.table2 = {g.value: {"issued": 0, "abolished": 0, "in_force": 0} for g in TABLE2_GENRES}
    for row in table2:
        if row["host_site"] not in by_id:
            continue
        by_id[row["host_site"]].table2[row["genre"]] = {k: row[k] for k in ("issued", "abolished", "in_force")}

    calendar = load_calendar()
    for host, written, changed, published in in_year.values_list(
        "host_site", "written_on", "changed_on", "published_on"
    ):
        if host not in by_id:
            continue
        formed = max(d for d in (written, changed) if d)
        if calendar.working_days_between(formed, published) > PUBLICATION_DEADLINE_WORKING_DAYS:
            by_id[host].late += 1
    return list(by_id.values())


def disclosing_profiles(slug: str | None = None):
    """The group (every site) or one site by slug, in display order; None when the slug is unknown."""
    profiles = SiteProfile.objects.order_by("sort_order", "pk")
    if slug:
        profiles = profiles.filter(slug=slug)
        if not profiles.exists():
            return None
    return list(profiles)


def totals(stats: list[SiteStats]) -> dict:
    summary = defaultdict(int)
    for site in stats:
        summary["sites"] += 1
        summary["documents"] += site.year_total
        summary["blank"] += site.blank_count
        summary["stale"] += site.stale_count
        summary["late"] += site.late
    return dict(summary)
