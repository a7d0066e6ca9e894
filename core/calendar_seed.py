"""Seed ``CalendarDay`` from the chinese-calendar package (State Council holiday notices since 2004)."""

import datetime
from dataclasses import dataclass

from chinese_calendar import constants

from .enums import CalendarDayKind, CalendarSource
from .models import CalendarDay

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


@dataclass
class SeedResult:
    created: int = 0
    updated: int = 0
    kept_manual: int = 0


def package_days(first_year: int | None = None, last_year: int | None = None):
    """(date, kind, Chinese name) for every holiday and make-up working day the package knows."""
    for table, kind in ((constants.holidays, CalendarDayKind.HOLIDAY), (constants.workdays, CalendarDayKind.WORKDAY)):
        for day, name in table.items():
            if (first_year and day.year < first_year) or (last_year and day.year > last_year):
                continue
            yield day, kind, HOLIDAY_NAMES.get(name, name)


def package_years() -> tuple[int, int]:
    years = [day.year for day in constants.holidays]
    return min(years), max(years)


def seed_calendar(first_year: int | None = None, last_year: int | None = None) -> SeedResult:
    """Insert missing days and refresh seeded ones; days an administrator maintains are never touched."""
    result = SeedResult()
    existing: dict[datetime.date, CalendarDay] = {d.date: d for d in CalendarDay.objects.all()}
    new, changed = [], []
    for day, kind, name in package_days(first_year, last_year):
        row = existing.get(day)
        if row is None:
            new.append(CalendarDay(date=day, kind=kind, name=name, source=CalendarSource.SEEDED))
        elif row.source == CalendarSource.MANUAL:
            result.kept_manual += 1
        elif (row.kind, row.name) != (kind, name):
            row.kind, row.name = kind, name
            changed.append(row)
    CalendarDay.objects.bulk_create(new)
    CalendarDay.objects.bulk_update(changed, ["kind", "name"])
    result.created, result.updated = len(new), len(changed)
    if new or changed:
        from .workdays import forget_calendar  # bulk operations send no signals

        forget_calendar()
    return result
