"""The consistency rules printed in the 2021 format (国办公开办函〔2021〕30号; gov-standards.md §1.4, verified):
a report that breaks one is refused publication, with the cell named in Chinese.

Table 3, in every column (the six and 总计): 一 + 二 = 三(七) + 四; 总计 = the sum of the six columns; 三(七) = the
sum of (一)–(六), a group with sub-rows being their sum. Table 4: each block's 总计 = 维持 + 纠正 + 其他 + 尚未审结.
The tables are checked as they are stored and published (``tables.full_table3`` builds them consistent; a
correction of 一, 二 or 四 without its counterpart unbalances the first rule).
"""

from ..applications.enums import OutcomeGroup
from . import layout

ALL_COLUMNS = (*layout.COLUMNS, layout.TOTAL)


def _label(column: str) -> str:
    return layout.TOTAL_LABEL if column == layout.TOTAL else layout.COLUMN_LABELS[column]


def _cell(table: dict, row: str, column: str) -> int:
    return int((table.get(row) or {}).get(column) or 0)


def _group_value(table: dict, group: str, column: str) -> int:
    leaves = layout.leaves_of(group)
    key = leaves[0] if len(leaves) == 1 else layout.group_key(group)
    return _cell(table, key, column)


def table3_errors(table: dict) -> list[str]:
    errors = []
    for column in ALL_COLUMNS:
        name = _label(column)
        left = _cell(table, layout.NEW, column) + _cell(table, layout.CARRIED_IN, column)
        right = _cell(table, layout.RESULTS_TOTAL, column) + _cell(table, layout.CARRIED_OUT, column)
        if left != right:
            errors.append(f"表三 {name} 列：一+二={left}，三(七)+四={right}")
        groups = sum(_group_value(table, group, column) for group in OutcomeGroup.values)
        if groups != _cell(table, layout.RESULTS_TOTAL, column):
            errors.append(
                f"表三 {name} 列：三(七)总计={_cell(table, layout.RESULTS_TOTAL, column)}，（一）至（六）之和={groups}"
            )
        for group in OutcomeGroup.values:
            leaves = layout.leaves_of(group)
            if len(leaves) == 1:
                continue
            parts = sum(_cell(table, leaf, column) for leaf in leaves)
            key = layout.group_key(group)
            if parts != _cell(table, key, column):
                errors.append(
                    f"表三 {name} 列：{layout.row_name(key)}={_cell(table, key, column)}，其下各项之和={parts}"
                )
    for key, _label_text, _depth in layout.table3_layout():
        parts = sum(_cell(table, key, column) for column in layout.COLUMNS)
        if parts != _cell(table, key, layout.TOTAL):
            errors.append(f"表三 {layout.row_name(key)} 行：总计={_cell(table, key, layout.TOTAL)}，六列之和={parts}")
    return errors


def table4_errors(table: dict) -> list[str]:
    errors = []
    for kind in layout.REMEDY_KINDS:
        parts = sum(_cell(table, kind, result) for result in layout.REMEDY_RESULTS)
        if parts != _cell(table, kind, layout.TOTAL):
            errors.append(
                f"表四 {layout.REMEDY_LABELS[kind]}：总计={_cell(table, kind, layout.TOTAL)}，"
                f"维持、纠正、其他、尚未审结之和={parts}"
            )
    return errors


def balance_errors(table3: dict, table4: dict) -> list[str]:
    """Every broken rule of the two tables, each naming its cell; empty when the report may be published."""
    return table3_errors(table3) + table4_errors(table4)
