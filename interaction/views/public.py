"""Public pages of the 互动交流 section: the mailbox form, the published replies, one reply, the status query.

Personal data never reaches these pages: names are masked (张**), phone numbers and emails are never shown,
and a private message is shown only to whoever holds its tracking code *and* query password.
"""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

from core import ratelimit, submissions
from core.clients import client_ip, client_key, network_key
from core.pagination import paginate
from core.params import ChoiceParam, IntParam, choices_of, report, single_values
from sites.enums import PORTAL_KINDS, SiteKind
from sites.utils import get_profile_for_request, group_profiles

from .. import antispam, intake, services
from ..enums import QuestionType, Satisfaction, Status
from ..forms import QuestionForm
from ..models import InteractionIndexPage, Question
from ..privacy import mask_name, public_copies, public_copy
from ..statistics import FIRST_YEAR
from .query import QueryForm, public_history

REPLIES_PER_PAGE = 20
# Messages published before public copies existed, masked one by one when a keyword search finds them.
LEGACY_SEARCH_LIMIT = 200
# Kinds a portal's mailbox may route a message to (a department, a district, or a township of a district portal).
TARGET_KINDS = (SiteKind.DISTRICT, SiteKind.DEPARTMENT, SiteKind.TOWNSHIP)
QUERY_FAILURE_WINDOW = 3600
QUERY_MAX_FAILURES = 10  # wrong code/password pairs per client per site per hour before the query page refuses
QUERY_MAX_FAILURES_PER_CODE = 10  # wrong passwords for one tracking code per hour, from all clients together


def _profile(request):
    profile = get_profile_for_request(request)
    if profile is None:
        raise Http404("本网站未登记为网站群站点")
    return profile


def targets_for(profile) -> list:
    """Sites a message sent to ``profile``'s mailbox can be addressed to: on portals, every department, district
    and township site of its group; other sites handle their own mail."""
    if profile.kind not in PORTAL_KINDS:
        return []
    order = {kind: n for n, kind in enumerate(TARGET_KINDS)}
    found = [p for p in group_profiles(profile) if p.pk != profile.pk and p.kind in order]
    return sorted(found, key=lambda p: (order[p.kind], p.display_name))


def _render(request, page, template, context, status=200):
    context = {**page.get_context(request), **context}
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)  # forms carry one-time tokens and CSRF; never serve a cached copy
    return response


def mailbox_view(request, page):
    profile = _profile(request)
    targets = targets_for(profile)
    if request.method != "POST":
        errors: dict[str, str] = {}
        kind = ChoiceParam("type", "留言类型", choices_of(QuestionType), QuestionType.CONSULT).from_query(
            request.GET, errors
        )
        report(request, errors)
        return _mailbox_form(request, page, QuestionForm(targets=targets, initial={"type": kind}), notices=errors)

    form_token = antispam.read_form_token(request.POST.get("form_token", ""))
    captcha_shown = "captcha_0" in request.POST
    form = QuestionForm(request.POST, request.FILES, targets=targets, with_captcha=captcha_shown)
    if not form.is_valid():
        return _mailbox_form(request, page, form, status=400)
    ip = client_ip(request)
    outcome = intake.accept(
        intake.Attempt(
            site=profile,
            channel=page.channel,
            fields=form.message_fields(),
            target=form.cleaned_data.get("target"),
            attachments=form.cleaned_data["attachments"],
            token=services.submission_token("form", form_token.nonce if form_token else None),
            client_ip=ip,
            client=network_key(ip),
            captcha_solved=captcha_shown,
            form_token=form_token,
            honeypot=request.POST.get("website", ""),
        )
    )
    if outcome.receipt is not None:
        context = {"receipt": outcome.receipt, "section": _section(page)}
        return _render(request, page, "interaction/receipt.html", context)
    if outcome.needs_captcha:
        # Keep what the visitor typed; only the captcha (and any attachments) must be given again.
        form = QuestionForm(request.POST, targets=targets, with_captcha=True)
        form.is_valid()
        form.errors.pop("captcha", None)
        form.add_error(None, "为确认不是自动程序提交，请填写验证码后再次提交（如有附件请重新选择）。")
        return _mailbox_form(request, page, form, status=400)
    # Refused (429 too many, 422 a form already sent with another message): the form comes back with what was
    # typed and a fresh token, so a new message can be sent once the reason is gone.
    form.add_error(None, outcome.message)
    return _mailbox_form(request, page, form, status=outcome.status)


def _section(page):
    return InteractionIndexPage.objects.ancestor_of(page).first()


def _mailbox_form(request, page, form, status=200, notices=None):
    section = _section(page)
    context = {"form": form, "form_token": antispam.issue_form_token(), "section": section, "notices": notices}
    if section is not None:
        context["mailbox_rules"] = services.mailbox_settings(_profile(request))
    return _render(request, page, "interaction/mailbox_page.html", context, status=status)


def published_for(profile):
    """Published messages this site received or handled (a department lists replies to mail the portal routed
    to it)."""
    return (
        Question.objects.filter(Q(site=profile) | Q(handler=profile), status=Status.PUBLISHED)
        .select_related("site", "handler")
        .order_by("-received_at", "-pk")
    )


def replies_context(request, index_page) -> dict:
    profile = _profile(request)
    questions = published_for(profile)
    errors: dict[str, str] = {}
    params = single_values(request.GET, ("q", "type", "unit"), errors)
    q = params["q"]
    if len(q) > 50:
        errors["q"], q = "关键词不能超过50个字。", ""
    if q:
        questions = matching_public_text(questions, q)
    kind = ChoiceParam("type", "留言类型", choices_of(QuestionType), default="").parse(params["type"], errors)
    if kind:
        questions = questions.filter(type=kind)
    units = sorted(
        {
            u
            for u in published_for(profile).values_list("handler__slug", "handler__short_name", "handler__org_name")
            if u[0]
        }
    )
    unit = params["unit"]
    if unit and unit not in {u[0] for u in units}:
        errors["unit"], unit = "所选办理单位没有已公开的答复，已显示全部单位。", ""
    if unit:
        questions = questions.filter(handler__slug=unit)
    year = IntParam("year", "年份", FIRST_YEAR, timezone.localdate().year).from_query(request.GET, errors)
    if year:
        questions = questions.filter(received_on__year=year)
    report(request, errors)
    page_of_questions = paginate(request, questions, REPLIES_PER_PAGE)
    copies = public_copies(page_of_questions)
    for question in page_of_questions:
        question.public = copies[question.pk]  # the template shows the public copy, never the original
    return {
        "section": index_page,
        "mailboxes": index_page.mailboxes(),
        "questions": page_of_questions,
        "filters": {"q": q, "type": kind, "unit": unit, "year": year},
        "types": QuestionType.choices,
        "units": [(slug, short or name) for slug, short, name in units],
        "years": list(range(timezone.localdate().year, 2015, -1)),
        "filter_errors": errors,
    }


def reply_context(request, index_page, pk) -> dict:
    question = get_object_or_404(published_for(_profile(request)), pk=pk)
    return {
        "section": index_page,
        "question": question,
        "public": public_copy(question),  # the template shows this copy, never the original text
        "masked_name": mask_name(question.name),
    }


def matching_public_text(questions, q: str):
    """The messages whose *public copy* contains ``q``: a search must not reveal that a hidden ID or phone
    number is in a message. Stored copies are searched in SQL; a message published before copies existed is a
    candidate when its original contains ``q`` and kept only if its copy made now still does (the newest
    ``LEGACY_SEARCH_LIMIT`` candidates: older ones are left out rather than shown unchecked)."""
    stored = Q(public_copy_at__isnull=False) & (
        Q(public_title__icontains=q) | Q(public_content__icontains=q) | Q(public_answer__icontains=q)
    )
    unstored = questions.filter(
        Q(public_copy_at__isnull=True) & (Q(title__icontains=q) | Q(content__icontains=q) | Q(answer__icontains=q))
    )[:LEGACY_SEARCH_LIMIT]  # masking costs a few ms a message; `manage.py interaction_public_copies` ends this
    needle = q.casefold()
    copies = public_copies(unstored)
    kept = [pk for pk, c in copies.items() if needle in f"{c.title}\n{c.content}\n{c.answer}".casefold()]
    return questions.filter(stored | Q(pk__in=kept))


def _failure_counters(request, profile, code: str) -> list[tuple[str, int]]:
    return submissions.query_failure_counters(
        "interaction", profile.pk, client_key(request), code, QUERY_MAX_FAILURES, QUERY_MAX_FAILURES_PER_CODE
    )


def query_view(request, index_page):
    profile = _profile(request)
    context = {"section": index_page, "satisfaction_choices": Satisfaction.choices}
    if request.method != "POST":
        errors: dict[str, str] = {}
        code = single_values(request.GET, ("code",), errors)["code"]
        if len(code) > QueryForm.base_fields["code"].max_length:
            errors["code"], code = gettext("查询码格式不正确"), ""
        report(request, errors)
        context.update(form=QueryForm(initial={"code": code}), notices=errors)
        return _render(request, index_page, "interaction/query_page.html", context)
    form = context["form"] = QueryForm(request.POST)
    if not form.is_valid():
        return _render(request, index_page, "interaction/query_page.html", context, status=400)
    counters = _failure_counters(request, profile, form.cleaned_data["code"])
    if any(ratelimit.count(name, QUERY_FAILURE_WINDOW) >= limit for name, limit in counters):
        form.add_error(None, "查询失败次数过多，请一小时后再试，或拨打12345热线查询。")
        return _render(request, index_page, "interaction/query_page.html", context, status=429)
    question = services.find_by_code(form.cleaned_data["code"], form.cleaned_data["password"])
    if question is None or profile.pk not in (question.site_id, question.handler_id):
        for name, _limit in counters:
            ratelimit.hit(name, QUERY_FAILURE_WINDOW)
        form.add_error(None, "查询码或查询密码不正确。")
        return _render(request, index_page, "interaction/query_page.html", context, status=400)
    if "satisfaction" in request.POST:
        try:
            question = services.rate(question, request.POST["satisfaction"])
            context["rated"] = True
        except services.TransitionError as error:
            context["rating_error"] = str(error)
    context.update(
        question=question,
        masked_name=mask_name(question.name),
        history=public_history(question),
        alarm=services.alarm(question),
    )
    return _render(request, index_page, "interaction/query_page.html", context)
