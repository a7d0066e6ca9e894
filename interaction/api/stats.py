"""GET /api/v1/interaction/stats/: reply statistics (留言受理反馈情况统计) as JSON, CSV or XLSX.

The same figures as the public statistics page: messages received in the period (a year, or one month of it)
by the chosen site and every site below it, by receiving site and by handling unit. Only counts, rates and
organisation names leave this module — never a message, a name or a phone number.
"""

import datetime

from django.utils import timezone
from ninja import Field, Query, Schema

from core.api import ApiBadRequest, error_responses, table_download_extra
from core.exports import API_FORMAT, Sheet, table_download
from core.params import IntParam
from sites.models import SiteProfile
from sites.utils import group_profiles

from ..statistics import FIRST_YEAR, MONTH, ReplyStats, parse_period, period_report
from . import router

FORMAT = API_FORMAT
# The schema's bound; the server also refuses years after the current one (statistics.parse_period).
YEAR = IntParam("year", "年份", FIRST_YEAR, 2100)


class ReplySatisfactionOut(Schema):
    satisfied: int = Field(description="满意")
    mostly: int = Field(description="基本满意")
    unsatisfied: int = Field(description="不满意")


class ReplyStatsOut(Schema):
    slug: str = Field(description="站点标识（合计行为空）")
    name: str = Field(description="机构名称")
    received: int = Field(description="受理留言数（含不予受理）")
    answered: int = Field(description="已答复数")
    rejected: int = Field(description="不予受理数")
    pending: int = Field(description="办理中（未答复、未不予受理）")
    published: int = Field(description="答复已公开数")
    on_time: int = Field(description="按期答复数（答复日期不晚于答复期限）")
    late: int = Field(description="超期答复数")
    on_time_rate: float | None = Field(description="按期答复率（0–1，无答复时为 null）")
    mean_reply_days: float | None = Field(description="平均答复用时（工作日）")
    median_reply_days: float | None = Field(description="答复用时中位数（工作日）")
    overdue_open: int = Field(description="超期未答复数（截至统计日）")
    satisfaction: ReplySatisfactionOut
    satisfied_rate: float | None = Field(description="满意率：（满意+基本满意）/已评价（0–1）")


class ReplyMonthOut(Schema):
    month: int
    received: int = Field(description="当月受理")
    answered: int = Field(description="当月受理的留言中已答复的件数")


class InteractionStatsOut(Schema):
    site: str | None = Field(description="所查站点标识；省略时为全部站点")
    year: int
    month: int | None = Field(description="所查月份；省略时为全年")
    generated_on: datetime.date = Field(description="统计日（超期未答复以此日计）")
    total: ReplyStatsOut
    sites: list[ReplyStatsOut] = Field(description="按受理网站：设有互动交流栏目或有留言的站点")
    units: list[ReplyStatsOut] = Field(description="按办理单位（转办单位，未转办时为受理网站）：有留言的单位")
    months: list[ReplyMonthOut] = Field(description="全年逐月受理与答复（按受理月份归集）")


def stats_out(row: ReplyStats, name: str | None = None) -> ReplyStatsOut:
    return ReplyStatsOut(
        slug=row.key,
        name=name if name is not None else row.name,
        received=row.received,
        answered=row.answered,
        rejected=row.rejected,
        pending=row.pending,
        published=row.published,
        on_time=row.on_time,
        late=row.late,
        on_time_rate=row.on_time_rate,
        mean_reply_days=row.mean_reply_days,
        median_reply_days=row.median_reply_days,
        overdue_open=row.overdue_open,
        satisfaction=ReplySatisfactionOut(**row.satisfaction),
        satisfied_rate=row.satisfied_rate,
    )


ROW_HEADER = [
    "站点标识",
    "机构名称",
    "受理",
    "已答复",
    "不予受理",
    "办理中",
    "已公开",
    "按期答复",
    "超期答复",
    "按期答复率（%）",
    "平均答复用时（工作日）",
    "答复用时中位数（工作日）",
    "超期未答复",
    "满意",
    "基本满意",
    "不满意",
    "满意率（%）",
]


def percent(rate: float | None):
    return "" if rate is None else round(rate * 100, 1)


def blank(value):
    return "" if value is None else value


def row_values(row: ReplyStats, name: str | None = None) -> list:
    sat = row.satisfaction
    return [
        row.key,
        name if name is not None else row.name,
        row.received,
        row.answered,
        row.rejected,
        row.pending,
        row.published,
        row.on_time,
        row.late,
        percent(row.on_time_rate),
        blank(row.mean_reply_days),
        blank(row.median_reply_days),
        row.overdue_open,
        sat["satisfied"],
        sat["mostly"],
        sat["unsatisfied"],
        percent(row.satisfied_rate),
    ]


class StatsQuery(Schema):
    site: str | None = Field(None, max_length=64, description="站点标识；省略为全部站点")
    year: YEAR.annotation(f"年份，{FIRST_YEAR} 至今年；省略为当年") = None
    month: MONTH.annotation("月份 1–12；省略为全年") = None
    format: FORMAT.annotation("json（默认）、csv 或 xlsx") = None


@router.get(
    "/stats/",
    response={200: InteractionStatsOut, **error_responses()},
    openapi_extra=table_download_extra(),
    summary="政民互动留言办理统计",
    description="所查站点及其下级站点在统计期（全年或某月）受理的留言：受理、答复、按期答复率、答复用时"
    "（工作日，平均与中位数）、超期未答复、满意度；按受理网站和按办理单位（转办单位）分列，并给出全年逐月受理与答复。"
    "统计按受理日期归集。省略 site 为全部站点；省略 year 为当年。format=csv 下载逐站与逐单位明细（UTF-8），"
    "format=xlsx 另含逐月表。只含统计数字，不含任何个人信息。参数错误时返回 400 与逐项中文说明。",
)
def interaction_stats(request, params: Query[StatsQuery]):
    today = timezone.localdate()
    period = parse_period(params.year, params.month, today)
    errors = dict(period.errors)
    format = params.format or "json"
    site = (params.site or "").strip() or None
    profile = SiteProfile.objects.filter(slug=site).first() if site else None
    if site and profile is None:
        errors["site"] = "未知的站点"
    if errors:
        raise ApiBadRequest(errors)
    if profile is not None:
        profiles = group_profiles(profile)
    else:
        profiles = SiteProfile.objects.only("id", "parent_id", "slug", "org_name", "short_name", "kind")
    report = period_report(profiles, period, today)
    if format == "json":
        return InteractionStatsOut(
            site=site,
            year=period.year,
            month=period.month,
            generated_on=today,
            total=stats_out(report.total, "合计"),
            sites=[stats_out(row) for row in report.sites],
            units=[stats_out(row) for row in report.units],
            months=[ReplyMonthOut(**m) for m in report.months],
        )
    filename = f"interaction-stats-{site or 'all'}-{period.year}" + (f"-{period.month:02d}" if period.month else "")
    # One table for CSV: a 统计口径 column tells the per-site rows from the per-unit rows and the total.
    rows = [
        *(["按受理网站", *row_values(row)] for row in report.sites),
        *(["按办理单位", *row_values(row)] for row in report.units),
        ["合计", *row_values(report.total, "合计")],
    ]
    combined = Sheet("统计", ["统计口径", *ROW_HEADER], rows)
    sheets = [
        Sheet("按受理网站", ROW_HEADER, [row_values(row) for row in report.sites]),
        Sheet("按办理单位", ROW_HEADER, [row_values(row) for row in report.units]),
        Sheet("合计", ROW_HEADER, [row_values(report.total, "合计")]),
        Sheet(f"{period.year}年逐月", ["月份", "受理", "已答复"], [list(m.values()) for m in report.months]),
    ]
    return table_download(format, sheets, filename, csv_sheet=combined)
