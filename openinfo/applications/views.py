"""Public pages of 依申请公开 (ApplicationPage): the form and its receipt, the status query, the statistics.

The applicant's data never reaches a page: the receipt shows the tracking code, the password (once) and the dates;
the status page, to whoever holds code *and* password, shows the steps, the outcome and the applicant masked.
"""

from urllib.parse import urlencode

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers

from core import antispam, params, ratelimit, submissions
from core.clients import client_ip, client_key, network_key
from core.forms import TrackingQueryForm
from sites.utils import get_profile_for_request

from ..models import DisclosureIndexPage
from . import intake, public, statistics
from .enums import OutcomeGroup
from .forms import ApplicationForm

API_URL = "/api/v1/openinfo/applications/stats/"
QUERY_FAILURE_WINDOW = submissions.QUERY_FAILURE_WINDOW
QUERY_MAX_FAILURES = 10  # wrong code/password pairs per client per organ per hour
QUERY_MAX_FAILURES_PER_CODE = 10  # wrong passwords for one tracking code per hour, from all clients together
WRONG_CREDENTIALS = "查询码或查询密码不正确。"


def _profile(request):
    profile = get_profile_for_request(request)
    if profile is None:
        raise Http404("本网站未登记为网站群站点")
    return profile


def _render(request, page, template, context, status=200):
    section = DisclosureIndexPage.objects.ancestor_of(page).first()
    context = {**page.get_context(request), "section": section, **context}
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)  # forms carry one-time tokens and CSRF; a receipt is one person's
    return response


def _form_page(request, page, form, status=200):
    context = {"form": form, "form_token": antispam.issue_form_token(intake.TOKEN_SALT)}
    return _render(request, page, "openinfo/application_page.html", context, status=status)


def form_view(request, page):
    profile = _profile(request)
    if request.method != "POST":
        return _form_page(request, page, ApplicationForm())
    form_token = antispam.read_form_token(request.POST.get("form_token", ""), intake.TOKEN_SALT)
    captcha_shown = "captcha_0" in request.POST
    form = ApplicationForm(request.POST, request.FILES, with_captcha=captcha_shown)
    if not form.is_valid():
        return _form_page(request, page, form, status=400)
    ip = client_ip(request)
    outcome = intake.accept(
        intake.Attempt(
            site=profile,
            fields=form.application_fields(),
            attachments=form.cleaned_data["attachments"],
            token=submissions.submission_token("form", form_token.nonce if form_token else None),
            client_ip=ip,
            client=network_key(ip),
            captcha_solved=captcha_shown,
            form_token=form_token,
            honeypot=request.POST.get("website", ""),
        )
    )
    if outcome.receipt is not None:
        return _render(request, page, "openinfo/application_receipt.html", {"receipt": outcome.receipt})
    if outcome.needs_captcha:
        # Keep what was typed; only the captcha (and any attachments) must be given again.
        form = ApplicationForm(request.POST, with_captcha=True)
        form.is_valid()
        form.errors.pop("captcha", None)
        form.add_error(None, "为确认不是自动程序提交，请填写验证码后再次提交（如有附件请重新选择）。")
        return _form_page(request, page, form, status=400)
    form.add_error(None, outcome.message)
    return _form_page(request, page, form, status=outcome.status)


def _failure_counters(request, profile, code: str) -> list[tuple[str, int]]:
    return submissions.query_failure_counters(
        "openinfo", profile.pk, client_key(request), code, QUERY_MAX_FAILURES, QUERY_MAX_FAILURES_PER_CODE
    )


def query_view(request, page):
    profile = _profile(request)
    template = "openinfo/application_query.html"
    if request.method != "POST":
        errors: dict[str, str] = {}
        code = params.single_values(request.GET, ("code",), errors)["code"]
        if len(code) > TrackingQueryForm.base_fields["code"].max_length:
            errors["code"], code = "查询码格式不正确", ""
        params.report(request, errors)
        return _render(request, page, template, {"form": TrackingQueryForm(initial={"code": code}), "notices": errors})
    form = TrackingQueryForm(request.POST)
    context = {"form": form}
    if not form.is_valid():
        return _render(request, page, template, context, status=400)
    counters = _failure_counters(request, profile, form.cleaned_data["code"])
    if any(ratelimit.count(name, QUERY_FAILURE_WINDOW) >= limit for name, limit in counters):
        form.add_error(None, "查询失败次数过多，请一小时后再试，或致电受理机构查询。")
        return _render(request, page, template, context, status=429)
    application = intake.find_by_code(form.cleaned_data["code"], form.cleaned_data["password"])
    if application is None or application.site_id != profile.pk:
        for name, _limit in counters:
            ratelimit.hit(name, QUERY_FAILURE_WINDOW)
        form.add_error(None, WRONG_CREDENTIALS)
        return _render(request, page, template, context, status=400)
    context.update(
        application=application,
        applicant=public.masked_applicant(application),
        summary=public.status_summary(application),
        steps=public.timeline(application),
    )
    return _render(request, page, template, context)


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f}%"


def stats_context(request, page) -> dict:
    profile = _profile(request)
    today = timezone.localdate()
    errors: dict[str, str] = {}
    year = params.IntParam("year", "年份", statistics.FIRST_YEAR, today.year).from_query(request.GET, errors)
    params.report(request, errors)
    year = year or today.year
    figures = statistics.year_figures(profile, year, today)
    history = statistics.by_year(profile, today)
    outcomes = [(OutcomeGroup(key).label, count) for key, count in figures.outcomes.items()]
    return {
        "figures": figures,
        "on_time_rate": percent(figures.on_time_rate),
        "median_days": "—" if figures.median_working_days is None else f"{figures.median_working_days:g}",
        "outcomes": outcomes,
        "history": history,
        "year": year,
        "year_options": statistics.years_of(profile, today),
        "filter_errors": errors,
        "json_url": f"{API_URL}?{urlencode({'site': profile.slug, 'year': year})}",
        "chart_data": {
            "months": [f"{m['month']}月" for m in figures.months],
            "received": [m["received"] for m in figures.months],
            "closed": [m["closed"] for m in figures.months],
            "outcomes": [{"name": label, "value": count} for label, count in outcomes if count],
            "years": [str(row["year"]) for row in history],
            "years_received": [row["received"] for row in history],
            "years_closed": [row["closed"] for row in history],
        },
    }
