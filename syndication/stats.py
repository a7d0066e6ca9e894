"""报送量 and 采用率 per submitting unit and period (month or year), overall and by column, with the XLSX export.

A submission counts in the period it was submitted in; it counts as adopted when it has been adopted (whenever),
so the rate of a period never exceeds 100 % and does not change meaning when the office adopts late.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from core.exports import Sheet, xlsx_response

from .enums import SubmissionStatus


@dataclass
class Figures:
    submitted: int = 0
    adopted: int = 0

    @property
    def rate(self) -> float | None:
        return self.adopted / self.submitted if self.submitted else None

    @property
    def rate_text(self) -> str:
        return "—" if self.rate is None else f"{self.rate * 100:.1f}%"


@dataclass
class UnitRow(Figures):
    unit_id: int = 0
    unit: str = ""
    rank: int = 0
    columns: list = field(default_factory=list)  # [(column title, Figures)]


def period_bounds(year: int, month: int | None = None) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    if month:
        start = datetime.datetime(year, month, 1, tzinfo=tz)
        end = datetime.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    else:
        start, end = datetime.datetime(year, 1, 1, tzinfo=tz), datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    return start, end


def period_label(year: int, month: int | None = None) -> str:
    return f"{year}年{month}月" if month else f"{year}年"


def in_period(queryset, year: int, month: int | None = None):
    start, end = period_bounds(year, month)
    return queryset.filter(submitted_at__gte=start, submitted_at__lt=end)


def unit_statistics(queryset, year: int, month: int | None = None) -> list[UnitRow]:
    """Ranking rows (most adopted first, then rate, then name) of the submissions in ``queryset`` (already scoped
    to the receiving sites the caller may see)."""
    adopted = Count("pk", filter=Q(status=SubmissionStatus.ADOPTED))
    grouped = (
        in_period(queryset, year, month)
        .values("source_site_id", "source_site__org_name", "column__title")
        .annotate(submitted=Count("pk"), adopted=adopted)
        .order_by("source_site_id", "column__title")
    )
    rows: dict[int, UnitRow] = {}
    for entry in grouped:
        row = rows.setdefault(
            entry["source_site_id"],
            UnitRow(unit_id=entry["source_site_id"], unit=entry["source_site__org_name"]),
        )
        row.submitted += entry["submitted"]
        row.adopted += entry["adopted"]
        row.columns.append((entry["column__title"], Figures(entry["submitted"], entry["adopted"])))
    ranked = sorted(rows.values(), key=lambda r: (-r.adopted, -(r.rate or 0), r.unit))
    previous = None
    for position, row in enumerate(ranked, start=1):
        # Equal adoptions and rate share a place (1, 1, 3 …).
        key = (row.adopted, row.rate)
        row.rank = previous[1] if previous and previous[0] == key else position
        previous = (key, row.rank)
    return ranked


def totals(rows: list[UnitRow]) -> Figures:
    return Figures(sum(r.submitted for r in rows), sum(r.adopted for r in rows))


def xlsx_export(rows: list[UnitRow], year: int, month: int | None):
    ranking = Sheet(
        title="采用情况排名",
        header=["名次", "报送单位", "报送数", "采用数", "采用率"],
        rows=[[r.rank, r.unit, r.submitted, r.adopted, r.rate_text] for r in rows],
    )
    by_column = Sheet(
        title="分栏目统计",
        header=["报送单位", "栏目", "报送数", "采用数", "采用率"],
        rows=[[r.unit, title, f.submitted, f.adopted, f.rate_text] for r in rows for title, f in r.columns],
    )
    suffix = f"{year}-{month:02d}" if month else f"{year}"
    return xlsx_response([ranking, by_column], f"syndication-{suffix}")
