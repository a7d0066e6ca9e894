"""The fixed layout of the 2021 format's Tables 3 and 4 (国办公开办函〔2021〕30号; gov-standards.md §1.4,
verified): row and column keys with their printed labels, shared by the counts, the balance rule, the page, the
admin and both exports so that every one of them names a cell the same way.

Table 3 rows: 一 new this year, 二 carried over, 三 the year's results — groups (一)–(六), each group with more
than one leaf followed by its numbered leaves, then (七) 总计 — and 四 carried on. The six applicant columns are
``ReportColumn``; 总计 is their sum.
"""

from ..applications.enums import (
    OUTCOME_GROUP,
    OUTCOME_ROW,
    Outcome,
    OutcomeGroup,
    RemedyKind,
    RemedyResult,
    ReportColumn,
)

COLUMNS = tuple(ReportColumn.values)
COLUMN_LABELS = dict(ReportColumn.choices)
TOTAL = "total"
TOTAL_LABEL = "总计"

NEW = "new"
CARRIED_IN = "carried_in"
RESULTS_TOTAL = "results_total"
CARRIED_OUT = "carried_out"
# Rows a correction may change: the counted ones. Group rows, (七) and 总计 always follow from them.
CORRECTABLE_ROWS = (NEW, CARRIED_IN, *Outcome.values, CARRIED_OUT)

ROW_LABELS = {
    NEW: "一、本年新收政府信息公开申请数量",
    CARRIED_IN: "二、上年结转政府信息公开申请数量",
    RESULTS_TOTAL: "三、本年度办理结果（七）总计",
    CARRIED_OUT: "四、结转下年度继续办理",
}
SHORT_ROW_LABELS = {NEW: "一", CARRIED_IN: "二", RESULTS_TOTAL: "三(七)", CARRIED_OUT: "四"}
GROUP_LABELS = dict(OutcomeGroup.choices)


def group_key(group: str) -> str:
    return f"group_{group}"


def leaves_of(group: str) -> list[str]:
    return [outcome for outcome in Outcome.values if OUTCOME_GROUP[outcome] == group]


def leaf_label(outcome: str) -> str:
    """The printed leaf label: ``1.属于国家秘密`` (the text after the group name in ``Outcome``)."""
    return f"{OUTCOME_ROW[outcome]}.{Outcome(outcome).label.split('：', 1)[1]}"


def table3_layout() -> list[tuple[str, str, int]]:
    """Every printed row of Table 3 in order: ``(key, label, depth)`` (depth 0 一/二/四, 1 groups and (七), 2
    leaves). A single-leaf group ((一) 予以公开, (二) 部分公开) is printed as one row keyed by its leaf."""
    rows = [(NEW, ROW_LABELS[NEW], 0), (CARRIED_IN, ROW_LABELS[CARRIED_IN], 0)]
    for group in OutcomeGroup.values:
        leaves = leaves_of(group)
        label = GROUP_LABELS[group]
        if group == OutcomeGroup.DISCLOSED:
            label = "三、本年度办理结果" + label
        if len(leaves) == 1:
            rows.append((leaves[0], label, 1))
            continue
        rows.append((group_key(group), label, 1))
        rows.extend((leaf, leaf_label(leaf), 2) for leaf in leaves)
    rows.append((RESULTS_TOTAL, "（七）总计", 1))
    rows.append((CARRIED_OUT, ROW_LABELS[CARRIED_OUT], 0))
    return rows


def row_name(key: str) -> str:
    """A row's name in an error message: 一, 二, 三(七), 四, 三（三）不予公开, 三（三）1.属于国家秘密."""
    if key in SHORT_ROW_LABELS:
        return SHORT_ROW_LABELS[key]
    if key.startswith("group_"):
        return "三" + GROUP_LABELS[key.removeprefix("group_")]
    group = OUTCOME_GROUP[key]
    prefix = "三" + GROUP_LABELS[group].split("）")[0] + "）"
    return prefix + (leaf_label(key) if OUTCOME_ROW[key] else GROUP_LABELS[group].split("）", 1)[1])


# Table 4: three blocks × (维持, 纠正, 其他, 尚未审结, 总计).
REMEDY_KINDS = tuple(RemedyKind.values)
REMEDY_LABELS = dict(RemedyKind.choices)
REMEDY_RESULTS = tuple(RemedyResult.values)
REMEDY_RESULT_LABELS = dict(RemedyResult.choices)
