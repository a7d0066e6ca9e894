"""CSV and XLSX downloads of the workbench's tables and of the public API (the writing is core.exports).

Every table the workbench shows has its download: the sites (health, rank, counts per check and severity), the
findings (of a site or of a check) and the trend. Text a spreadsheet would read as a formula (a page title
beginning with “=”) stays text: core.exports does that for every download.
"""

from core import exports

from .checks import registry
from .enums import Severity
from .health import SEVERITIES, SiteHealth, TrendPoint

SEVERITY_LABELS = {str(s): str(s.label) for s in Severity}
TREND_HEADER = ["检查批次", "判定日期", "单项否决", "预警", "提示"]


def check_labels() -> list[tuple[str, str]]:
    return [(check.name, check.label) for check in registry.all_checks()]


def site_header() -> list[str]:
    per_check = [f"{label}·{SEVERITY_LABELS[s]}" for _, label in check_labels() for s in SEVERITIES]
    return [
        "排名",
        "站点标识",
        "站点名称",
        "网站类型",
        "上级网站",
        "健康指数",
        "单项否决",
        "预警",
        "提示",
        *per_check,
        "最近检查批次",
        "最近检查时间",
        "最早否决日期",
    ]


def site_rows(healths: list[SiteHealth]):
    names = [name for name, _ in check_labels()]
    for h in healths:
        per_check = [h.cell(name)[s] for name in names for s in SEVERITIES]
        yield [
            h.rank if h.rank is not None else "",
            h.slug,
            h.name,
            h.kind_label,
            h.parent_slug or "",
            h.index if h.index is not None else "未检查",
            h.veto,
            h.warning,
            h.advisory,
            *per_check,
            h.last_run_id or "",
            h.last_checked.strftime("%Y-%m-%d %H:%M") if h.last_checked else "",
            h.next_due.isoformat() if h.next_due else "",
        ]


def finding_header(*, staff: bool) -> list[str]:
    header = ["站点标识", "站点名称", "检查项", "严重程度", "问题", "说明", "页面地址", "首次发现", "否决日期"]
    return [*header, "编辑地址"] if staff else header


def finding_rows(findings, *, staff: bool):
    """``findings``: Finding objects with ``site`` selected."""
    labels = dict(check_labels())
    for f in findings:
        row = [
            f.site.slug,
            f.site.org_name,
            labels.get(f.check_name, f.check_name),
            SEVERITY_LABELS.get(f.severity, f.severity),
            f.title,
            f.detail,
            f.url,
            f.first_seen.isoformat(),
            f.due.isoformat() if f.due else "",
        ]
        yield [*row, f.edit_url] if staff else row


def trend_rows(points: list[TrendPoint]):
    for p in points:
        yield [p.run_id, p.day.isoformat(), p.veto, p.warning, p.advisory]


def sites_sheet(healths) -> exports.Sheet:
    return exports.Sheet("网站健康", site_header(), site_rows(healths))


def trend_sheet(points) -> exports.Sheet:
    return exports.Sheet("趋势", TREND_HEADER, trend_rows(points))


def findings_sheet(findings, *, staff: bool) -> exports.Sheet:
    return exports.Sheet("问题清单", finding_header(staff=staff), finding_rows(findings, staff=staff))
