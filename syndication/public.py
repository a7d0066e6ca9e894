"""信息报送采用情况排名: the public ranking on a portal (/xxbs/): units that submitted to the portal's group,
their submissions, adoptions and rate, for a month or a year (国办发〔2017〕47号 asks portals to organise 信息报送
from their departments and districts; the counts feed the departments' assessment)."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import translate_url
from django.utils import timezone, translation

from core.params import report
from sites.enums import PORTAL_KINDS
from sites.page_cache import depends_on_subtree
from sites.utils import get_profile_for_request, group_profiles

from . import stats
from .forms import MONTH, YEAR
from .models import Submission


def ranking(request):
    profile = get_profile_for_request(request)
    if profile is None or profile.kind not in PORTAL_KINDS:
        raise Http404("本网站没有信息报送排名")
    if translation.get_language() != settings.LANGUAGE_CODE:
        return redirect(translate_url(request.path, settings.LANGUAGE_CODE))
    errors: dict[str, str] = {}
    year = YEAR.from_query(request.GET, errors) or timezone.localdate().year
    month = MONTH.from_query(request.GET, errors)
    report(request, errors)  # bad parameters: the page still renders its messages, answered with 400
    depends_on_subtree(request)  # counts what the portals below received too (their transitions bump the subtree)
    received = Submission.objects.filter(target_site__in=[p.pk for p in group_profiles(profile)])
    rows = stats.unit_statistics(received, year, month)
    context = {
        "profile": profile,
        "rows": rows,
        "total": stats.totals(rows),
        "year": year,
        "month": month,
        "label": stats.period_label(year, month),
        "errors": errors,
        "years": range(timezone.localdate().year, timezone.localdate().year - 5, -1),
        "months": range(1, 13),
    }
    return TemplateResponse(request, "syndication/ranking.html", context)
