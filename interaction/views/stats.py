"""The public reply-statistics page (留言受理反馈情况统计) of a site's 互动交流 section.

A portal shows itself and every site below it; any other site shows its own figures. The numbers are those of
``GET /api/v1/interaction/stats/`` (both are built on ``statistics.period_report``), and each chart has a data
table beside it, so the page reads the same without JavaScript.
"""

from urllib.parse import urlencode

from django.db.models import Min
from django.utils import timezone
from django.utils.translation import gettext

from core import params
from sites.utils import get_profile_for_request, get_profile_for_site, group_profiles

from ..enums import Satisfaction
from ..models import Question
from ..statistics import FIRST_YEAR, ReplyStats, cached_period_report, parse_period, period_report

API_URL = "/api/v1/interaction/stats/"
YEARS_ALWAYS_OFFERED = 5


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def days(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def display(row: ReplyStats, name: str | None = None) -> dict:
    """One table row with its rates and day counts formatted ("—" where nothing was answered or rated)."""
    return {
        "key": row.key,
        "name": name or row.name,
        "received": row.received,
        "answered": row.answered,
        "rejected": row.rejected,
        "pending": row.pending,
        "published": row.published,
        "on_time": row.on_time,
        "late": row.late,
        "on_time_rate": percent(row.on_time_rate),
        "mean_reply_days": days(row.mean_reply_days),
        "median_reply_days": days(row.median_reply_days),
        "overdue_open": row.overdue_open,
        "satisfaction": [(gettext(Satisfaction(value).label), count) for value, count in row.satisfaction.items()],
        "rated": sum(row.satisfaction.values()),
        "satisfied_rate": percent(row.satisfied_rate),
    }


def year_options(profiles, today) -> list[int]:
    """The last few years, reaching back to the group's first message."""
    first = Question.objects.filter(site__in=profiles).aggregate(first=Min("received_on"))["first"]
    oldest = today.year - YEARS_ALWAYS_OFFERED + 1
    if first is not None:
        oldest = min(oldest, first.year)
    return list(range(today.year, max(oldest, FIRST_YEAR) - 1, -1))


def stats_context(request, index_page):
    today = timezone.localdate()
    profile = get_profile_for_request(request) or get_profile_for_site(index_page.get_site())
    profiles = group_profiles(profile) if profile is not None else []
    period = parse_period(request.GET.getlist("year"), request.GET.getlist("month"), today)
    params.report(request, period.errors)
    if profile is not None:
        report = cached_period_report(profile.site.hostname, profiles, period, today)
    else:
        report = period_report(profiles, period, today)
    total = display(report.total, gettext("合计"))
    query = {"year": period.year, **({"month": period.month} if period.month else {})}
    if profile is not None:
        query = {"site": profile.slug, **query}
    return {
        "section": index_page,
        "period": period,
        "filter_errors": period.errors,
        "report": report,
        "scope": profile,
        "whole_group": len(profiles) > 1,
        "total": total,
        "sites": [display(row) for row in report.sites],
        "units": [display(row) for row in report.units],
        "months": report.months,
        "year_totals": {key: sum(m[key] for m in report.months) for key in ("received", "answered")},
        "year_options": year_options(profiles, today),
        "month_options": range(1, 13),
        "downloads": {fmt: f"{API_URL}?{urlencode({**query, 'format': fmt})}" for fmt in ("csv", "xlsx", "json")},
        "chart_data": {
            "months": [f"{m['month']}月" for m in report.months],
            "received": [m["received"] for m in report.months],
            "answered": [m["answered"] for m in report.months],
            "satisfaction": [{"name": label, "value": count} for label, count in total["satisfaction"]],
        },
    }
