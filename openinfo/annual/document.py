"""The report as a document — six sections with Tables 2–4 in the 2021 format's shape — built once and used
alike by the published page (stored as its snapshot), the admin preview and the XLSX and DOCX exports."""

from decimal import Decimal

from ..applications.enums import Outcome, OutcomeGroup
from . import layout

SECTION_HEADINGS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
EMPTY = "—"


def _value(value) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def fee_sentence(report) -> str:
    """Section 六 opens with the 信息处理费 collected in the year (Art. 42; 国办函〔2020〕109号)."""
    if report.fees_collected:
        return f"本年度共收取政府信息公开信息处理费{report.fees_collected}元。"
    return "本年度未收取政府信息公开信息处理费。"


def table2_blocks(report) -> list[dict]:
    """Table 2 as its four blocks: caption, header and rows (strings)."""
    t2 = report.table2 or {}
    rule, normative = t2.get("rule", {}), t2.get("normative", {})
    keys = ("issued", "abolished", "in_force")
    return [
        {
            "caption": "第二十条第（一）项",
            "header": ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
            "rows": [
                ["规章", *[_value(rule.get(k, 0)) for k in keys]],
                ["行政规范性文件", *[_value(normative.get(k, 0)) for k in keys]],
            ],
        },
        {
            "caption": "第二十条第（五）项",
            "header": ["信息内容", "本年处理决定数量"],
            "rows": [["行政许可", _value(report.licensing)]],
        },
        {
            "caption": "第二十条第（六）项",
            "header": ["信息内容", "本年处理决定数量"],
            "rows": [["行政处罚", _value(report.penalties)], ["行政强制", _value(report.enforcement)]],
        },
        {
            "caption": "第二十条第（八）项",
            "header": ["信息内容", "本年收费金额（单位：万元）"],
            "rows": [["行政事业性收费", _value(report.charges)]],
        },
    ]


def table3_rows(table: dict) -> list[dict]:
    columns = (*layout.COLUMNS, layout.TOTAL)
    return [
        {"key": key, "label": label, "depth": depth, "cells": [int(table[key][c]) for c in columns]}
        for key, label, depth in layout.table3_layout()
    ]


def table4_cells(table: dict) -> list[int]:
    """The 15 numbers of Table 4 in printed order (three blocks × 维持、纠正、其他、尚未审结、总计)."""
    return [
        int(table.get(kind, {}).get(result, 0))
        for kind in layout.REMEDY_KINDS
        for result in (*layout.REMEDY_RESULTS, layout.TOTAL)
    ]


def build_document(report, table3: dict) -> dict:
    profile = report.site
    return {
        "title": f"{profile.org_name}{report.year}年政府信息公开工作年度报告",
        "organ": profile.org_name,
        "year": report.year,
        "overview": report.overview,
        "problems": report.problems,
        "other": "\n".join(part for part in (fee_sentence(report), report.other_matters.strip()) if part),
        "table2": table2_blocks(report),
        "table3": table3_rows(table3),
        "table4": table4_cells(report.table4),
    }


# Ends the generated draft of section 一; publishing is refused while it is still there (reports.publish_errors), so
# the organ's own account of its work, not the platform's reminder, is what the public reads.
OVERVIEW_HINT = "（以上数字由平台统计生成，请补充政府信息管理、平台建设和监督保障等情况。）"


def overview_draft(report) -> str:
    """A first draft of section 一 from the counted figures, offered when the section is still empty."""
    t2 = report.table2 or {}
    new, carried_in, carried_out = (
        sum((report.table3.get(key) or {}).values()) for key in (layout.NEW, layout.CARRIED_IN, layout.CARRIED_OUT)
    )
    closed = sum(sum((report.table3.get(leaf) or {}).values()) for leaf in Outcome.values)
    disclosed = sum((report.table3.get(OutcomeGroup.DISCLOSED) or {}).values())
    remedies = {kind: (report.table4.get(kind) or {}).get(layout.TOTAL, 0) for kind in layout.REMEDY_KINDS}
    litigation = remedies["litigation_direct"] + remedies["litigation_after"]
    return (
        f"{report.year}年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"
        f"主动公开方面，本年制发规章{t2.get('rule', {}).get('issued', 0)}件、"
        f"行政规范性文件{t2.get('normative', {}).get('issued', 0)}件。"
        f"依申请公开方面，本年新收政府信息公开申请{new}件，上年结转{carried_in}件，"
        f"本年办结{closed}件（其中予以公开{disclosed}件），结转下年度继续办理{carried_out}件。"
        f"因政府信息公开引起行政复议{remedies['reconsideration']}件、行政诉讼{litigation}件。" + OVERVIEW_HINT
    )
