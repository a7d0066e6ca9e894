"""Admin report for evaluators and platform admins: completeness heat map, monthly volume, per-site findings."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from core.params import IntParam

from .statistics import disclosing_profiles, disclosure_statistics, totals

PERMISSION = "openinfo.view_disclosure_statistics"
HEATMAP_KINDS = ("city", "district", "department", "township")


def statistics_report(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    today = timezone.localdate()
    errors: dict[str, str] = {}
    year = IntParam("year", "年份", 2000, today.year + 1, default=today.year).from_query(request.GET, errors)
    slug = request.GET.get("site", "").strip()
    profiles = disclosing_profiles(slug or None)
    error = "未知的站点，已显示全网站群。" if profiles is None else "；".join(errors.values())
    if profiles is None:
        profiles, slug = disclosing_profiles(), ""
    stats = disclosure_statistics(profiles, year, today)
    shown = [s for s in stats if s.kind in HEATMAP_KINDS]
    categories = sorted({(row.code, row.name) for s in shown for row in s.categories})
    heatmap = {
        "sites": [s.name for s in shown],
        "categories": [name for _, name in categories],
        "codes": [code for code, _ in categories],
        # [category index, site index, count]; -1 marks "not required for this kind".
        "cells": [
            [ci, si, next((r.count for r in s.categories if r.code == code), -1)]
            for si, s in enumerate(shown)
            for ci, (code, _) in enumerate(categories)
        ],
    }
    monthly = [sum(s.months[m] for s in stats) for m in range(12)]
    return render(
        request,
        "openinfo/admin/report.html",
        {
            "year": year,
            "site": slug,
            "error": error,
            "stats": stats,
            "totals": totals(stats),
            "chart_data": {"heatmap": heatmap, "monthly": monthly},
            "site_options": disclosing_profiles(),
            "years": list(range(today.year, today.year - 6, -1)),
        },
    )
