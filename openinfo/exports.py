"""CSV and XLSX downloads of the disclosure statistics (same numbers as the JSON API); the writing is core.exports."""

from core import exports

from .enums import DocumentGenre
from .statistics import TABLE2_GENRES, SiteStats

COMPLETENESS_HEADER = ["站点标识", "站点名称", "信息类别代码", "信息类别", "条数", "最近发布日期", "空白", "超期未更新"]
YEAR_HEADER = [
    "站点标识",
    "站点名称",
    "本年发布",
    *[f"{m}月" for m in range(1, 13)],
    "超20个工作日发布",
    *[f"{DocumentGenre(g).label}{label}" for g in TABLE2_GENRES for label in ("本年制发", "本年废止", "现行有效")],
]


def completeness_rows(stats: list[SiteStats]):
    for site in stats:
        for row in site.categories:
            yield [
                site.slug,
                site.name,
                row.code,
                row.name,
                row.count,
                row.last_published.isoformat() if row.last_published else "",
                "是" if row.blank else "否",
                "是" if row.stale else "否",
            ]


def year_rows(stats: list[SiteStats]):
    for site in stats:
        table2 = [site.table2[g][k] for g in TABLE2_GENRES for k in ("issued", "abolished", "in_force")]
        yield [site.slug, site.name, site.year_total, *site.months, site.late, *table2]


def stats_sheets(stats: list[SiteStats]) -> list[exports.Sheet]:
    """栏目完整性 (site × category; the CSV download) and 年度统计 (per site: months, lateness, Table 2 inputs)."""
    return [
        exports.Sheet("栏目完整性", COMPLETENESS_HEADER, completeness_rows(stats)),
        exports.Sheet("年度统计", YEAR_HEADER, year_rows(stats)),
    ]
