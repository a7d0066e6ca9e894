"""The figures of a 政府信息公开工作年度报告 the platform counts itself, per organ (SiteProfile) and calendar year.

Table 3 (收到和处理政府信息公开申请情况) rests on the invariant of the application records (apply-common.md): an
application that leaves the open states gets exactly one ``outcome`` and a ``closed_on`` day. So, per applicant
column, for the year Y:

- 一 new: received in Y;
- 二 carried over: received before 1 January Y and not closed before it;
- 三 results: closed in Y, in the cell of its outcome (a transfer is 本机关不掌握, a withdrawal 其他);
- 四 carried on: received by 31 December Y and not closed by then;

and 一 + 二 = 三(七) + 四 holds by construction. Each count is one aggregate query per organ and year.
Table 4 counts the reconsiderations and lawsuits that were pending at some point of Y: decided in Y by their
result, still undecided on 31 December as 尚未审结.
"""

import datetime

from django.db.models import Count, Q, Sum

from ..applications.enums import Outcome, OutcomeGroup, RemedyResult, table_column
from ..models import ApplicationFee, ApplicationRemedy, InformationApplication
from ..statistics import TABLE2_GENRES, disclosure_statistics
from . import layout


def empty_row() -> dict[str, int]:
    return dict.fromkeys(layout.COLUMNS, 0)


def count_table3(profile, year: int) -> dict[str, dict[str, int]]:
    """The counted rows of Table 3 (``layout.CORRECTABLE_ROWS`` × the six columns) for ``profile`` and ``year``."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    counted = {key: empty_row() for key in layout.CORRECTABLE_ROWS}
    relevant = InformationApplication.objects.filter(site=profile, received_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    rows = (
        relevant.order_by()
        .values("applicant_kind", "organisation_type", "outcome")
        .annotate(
            new=Count("pk", filter=Q(received_on__gte=start)),
            carried_in=Count("pk", filter=Q(received_on__lt=start)),
            closed=Count("pk", filter=Q(closed_on__lte=end)),
            carried_out=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
        )
    )
    for row in rows:
        column = str(table_column(row["applicant_kind"], row["organisation_type"]))
        counted[layout.NEW][column] += row["new"]
        counted[layout.CARRIED_IN][column] += row["carried_in"]
        counted[layout.CARRIED_OUT][column] += row["carried_out"]
        # A closed record without an outcome breaks the invariant; counting it under 其他 keeps the table whole.
        outcome = row["outcome"] if row["outcome"] in Outcome.values else Outcome.OTHER
        counted[outcome][column] += row["closed"]
    return counted


def apply_corrections(counted: dict, corrections) -> dict[str, dict[str, int]]:
    """``counted`` plus every correction (``row``, ``column``, ``delta``), as a new dict."""
    table = {key: dict(counted.get(key) or empty_row()) for key in layout.CORRECTABLE_ROWS}
    for correction in corrections:
        table[correction.row][correction.column] = table[correction.row].get(correction.column, 0) + correction.delta
    return table


def full_table3(base: dict) -> dict[str, dict[str, int]]:
    """Every printed row of Table 3 with its 总计 column: group rows are the sum of their leaves, 三(七) the sum of
    the groups, 总计 the sum of the six columns."""
    table = {key: {c: base[key].get(c, 0) for c in layout.COLUMNS} for key in layout.CORRECTABLE_ROWS}
    results = empty_row()
    for group in OutcomeGroup.values:
        leaves = layout.leaves_of(group)
        group_row = {c: sum(table[leaf][c] for leaf in leaves) for c in layout.COLUMNS}
        if len(leaves) > 1:
            table[layout.group_key(group)] = group_row
        for column in layout.COLUMNS:
            results[column] += group_row[column]
    table[layout.RESULTS_TOTAL] = results
    for row in table.values():
        row[layout.TOTAL] = sum(row[c] for c in layout.COLUMNS)
    return table


def count_table4(profile, year: int) -> dict[str, dict[str, int]]:
    """Table 4: per block, the remedies decided in ``year`` by result, and those filed by 31 December still
    undecided then (尚未审结); 总计 is the sum of the four."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    table = {kind: dict.fromkeys((*layout.REMEDY_RESULTS, layout.TOTAL), 0) for kind in layout.REMEDY_KINDS}
    remedies = ApplicationRemedy.objects.filter(application__site=profile, filed_on__lte=end).filter(
        Q(decided_on__isnull=True) | Q(decided_on__gte=start)
    )
    for kind, result, decided_on in remedies.values_list("kind", "result", "decided_on"):
        decided = result != RemedyResult.PENDING and decided_on is not None and decided_on <= end
        table[kind][result if decided else RemedyResult.PENDING] += 1
    for row in table.values():
        row[layout.TOTAL] = sum(row[r] for r in layout.REMEDY_RESULTS)
    return table


def count_table2(profile, year: int) -> dict[str, dict[str, int]]:
    """Table 2 第二十条第（一）项: 规章 and 行政规范性文件 made, repealed and in force (openinfo/statistics.py)."""
    stats = disclosure_statistics([profile], year)
    if not stats:  # kinds without a disclosure catalogue (villages, topic sites)
        return {g.value: {"issued": 0, "abolished": 0, "in_force": 0} for g in TABLE2_GENRES}
    return stats[0].table2


def fees_collected(profile, year: int) -> int:
    """信息处理费 paid in ``year`` to ``profile`` (元; waived fees are not collected)."""
    paid = ApplicationFee.objects.filter(application__site=profile, paid_on__year=year, waived=False)
    return paid.aggregate(total=Sum("amount"))["total"] or 0
