"""The filters of the workbench and the API, declared once (core.params): kind, parent, severity, check, format.

A bad value is a Chinese message under the parameter's name — the page shows it and answers 400
(core.params.report), the API answers 400 with the same messages — never a 500.
"""

from core.exports import API_FORMAT
from core.params import ChoiceParam, choices_of, single_values
from sites.enums import SiteKind

from .checks import registry
from .enums import Severity
from .health import SiteFilters

KIND = ChoiceParam("kind", "网站类型", choices_of(SiteKind))
SEVERITY = ChoiceParam("severity", "严重程度", choices_of(Severity))
FORMAT = API_FORMAT
PAGE_FORMAT = ChoiceParam("format", "格式", {"csv": "CSV 表格", "xlsx": "Excel 表格"})
# Which table a CSV holds (a CSV file holds one table; the Excel file holds them all).
TABLE = ChoiceParam("table", "表格", {"sites": "网站", "findings": "问题清单", "trend": "趋势"})
UNKNOWN_PARENT = "未知的上级网站（或无权查看）"
MAX_SLUG = 64


def check_param() -> ChoiceParam:
    """The registered checks, read when asked: checks of later apps register in their AppConfig.ready()."""
    return ChoiceParam("check", "检查项", {check.name: check.label for check in registry.all_checks()})


def parent_profile(slug: str, profiles, errors: dict[str, str]):
    """The profile of ``slug`` among ``profiles`` (those the reader may see), or None with an error."""
    if not slug:
        return None
    found = profiles.filter(slug=slug[:MAX_SLUG]).first() if len(slug) <= MAX_SLUG else None
    if found is None:
        errors["parent"] = UNKNOWN_PARENT
    return found


def site_filters(querydict, profiles, errors: dict[str, str]) -> SiteFilters:
    """The filters of a workbench page's query string; ``profiles``: the sites the user may see."""
    slug = single_values(querydict, ["parent"], errors)["parent"]
    return SiteFilters(
        kind=KIND.from_query(querydict, errors),
        parent=parent_profile(slug, profiles, errors),
        severity=SEVERITY.from_query(querydict, errors),
        check=check_param().from_query(querydict, errors),
    )
