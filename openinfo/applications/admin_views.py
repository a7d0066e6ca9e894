"""依申请公开 in the Wagtail admin (政府信息公开 → 依申请公开): the list of the applications a user's organs
received, with filters and alarm badges; one application's page with the applicant, the deadlines (dates and
working days left), the timeline, the handling forms, the letters (DOCX/PDF) and the remedies; the attachments.

Every view starts from ``permissions.applications_for(user)``: an application of another organ answers 404, so its
existence and the applicant's personal data never show. Steps go through services.py; its refusals appear on the
form that asked for the step, on the field they name.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.workdays import load_calendar

from ..models import ApplicationAttachment, InformationApplication
from . import admin_forms as forms
from . import deadlines, letters, permissions, services, signoff
from .alarms import Alarm, alarm, alarms_for, filter_alarm
from .enums import OPEN_STATUSES, LetterKind, Outcome, Status

URL_NAMESPACE = "openinfo_applications"
WORKING, REPLYABLE = services.WORKING, services.REPLYABLE
CLOSED_ONLY = (Status.REPLIED, Status.TRANSFERRED, Status.WITHDRAWN)
# action → (form, button label, service, states it applies to, serious button)
ACTIONS = {
    "accept": (forms.AcceptForm, "审核受理", services.accept, (Status.RECEIVED,), False),
    "request_supplement": (forms.SupplementForm, "发出补正通知", services.request_supplement, WORKING, False),
    "receive_supplement": (forms.StepForm, "登记补正材料", services.receive_supplement, (Status.SUPPLEMENT,), False),
    "start_consultation": (forms.ConsultationForm, "征求意见", services.start_consultation, WORKING, False),
    "end_consultation": (forms.StepForm, "结束征求意见", services.end_consultation, (Status.CONSULTING,), False),
    "extend": (forms.ExtensionForm, "延长答复期限", services.extend, REPLYABLE, False),
    "notify_fee": (forms.FeeForm, "发出收费通知", services.notify_fee, WORKING, False),
    "record_payment": (forms.StepForm, "登记缴费", services.record_payment, (Status.AWAITING_FEE,), False),
    "waive_fee": (forms.WaiverForm, "减免费用", services.waive_fee, (Status.AWAITING_FEE,), False),
    # 拟稿 and 签发 by different staff (issue 14): the reply goes out only through sign_off.
    "draft_reply": (forms.ReplyForm, "拟定答复（提交签发）", signoff.draft_reply, REPLYABLE, False),
    "sign_off": (forms.SignOffForm, "签发答复", signoff.sign_off, REPLYABLE, False),
    "transfer": (forms.TransferForm, "转送其他机关", services.transfer, REPLYABLE, True),
    "withdraw": (forms.StepForm, "登记申请人撤回", services.withdraw, OPEN_STATUSES, True),
    "archive": (forms.NoteOnlyForm, "归档", services.archive, CLOSED_ONLY, False),
}


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


def _staff_only(user):
    if not permissions.is_application_staff(user):
        raise PermissionDenied


def _years():
    """收到年度 choices: from this year back to 2008 (the 条例 in force since 1 May 2008)."""
    return [(str(y), f"{y}年") for y in range(timezone.localdate().year, 2007, -1)]


def _sites(request):
    from sites.models import SiteProfile

    return permissions.sites_for(request.user) if request else SiteProfile.objects.none()


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices, empty_label="全部")
    alarm = django_filters.ChoiceFilter(label="告警", choices=Alarm.choices, empty_label="全部", method="by_alarm")
    outcome = django_filters.ChoiceFilter(label="办理结果", choices=Outcome.choices, empty_label="全部")
    year = django_filters.ChoiceFilter(label="收到年度", choices=_years, empty_label="全部", method="by_year")
    site = django_filters.ModelChoiceFilter(label="受理机关", queryset=_sites, empty_label="全部")

    class Meta:
        model = InformationApplication
        fields = ["status", "alarm", "outcome", "year", "site"]

    def by_alarm(self, queryset, name, value):
        return filter_alarm(queryset, value, timezone.localdate()) if value else queryset

    def by_year(self, queryset, name, value):
        return queryset.filter(received_on__year=int(value)) if value else queryset


class AlarmColumn(Column):
    cell_template_name = "openinfo/admin/application_alarm_cell.html"


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def _open_due(application) -> str:
    return _date(application.due_on) if application.is_open else ""


class ApplicationIndexView(IndexView):
    model = InformationApplication
    any_permission_required = None  # the site groups confer the right (permissions.py)
    template_name = "openinfo/admin/application_index.html"
    index_url_name = f"{URL_NAMESPACE}:index"
    index_results_url_name = f"{URL_NAMESPACE}:index_results"
    filterset_class = ApplicationFilterSet
    search_fields = ["tracking_code", "document_title", "description"]
    search_backend_name = None
    default_ordering = "-received_on"
    page_title = "依申请公开"
    header_icon = "doc-full-inverse"
    verbose_name = "申请"
    verbose_name_plural = "申请"
    paginate_by = 30

    add_item_label = "登记线下申请"

    def dispatch(self, request, *args, **kwargs):
        _staff_only(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_add_url(self):
        return url("add")

    @cached_property
    def columns(self):
        return [
            TitleColumn("tracking_code", label="查询码", get_url=lambda a: url("detail", a.pk)),
            Column("title", label="所需信息", accessor=lambda a: a.document_title or a.description[:30]),
            Column("status", label="状态", accessor="get_status_display", sort_key="status"),
            Column("site", label="受理机关", accessor=lambda a: a.site.org_name),
            Column("received_on", label="收到日期", accessor=lambda a: _date(a.received_on), sort_key="received_on"),
            Column(
                "due_on", label="答复期限", accessor=lambda a: _date(a.due_on) if a.is_open else "", sort_key="due_on"
            ),
            Column("outcome", label="办理结果", accessor="get_outcome_display"),
            AlarmColumn("alarm", label="告警", accessor="admin_alarm"),
        ]

    def get_base_queryset(self):
        return permissions.applications_for(self.request.user).select_related("site")

    def get_table(self, object_list):
        rows = list(object_list)
        found = alarms_for(rows, timezone.localdate())
        for application in rows:
            application.admin_alarm = found.get(application.pk)
        return super().get_table(rows)


class RegisterView(WagtailAdminTemplateMixin, TemplateView):
    """登记线下申请: staff register a letter, fax or visit (services.receive with their receipt day and channel)."""

    template_name = "openinfo/admin/application_register.html"
    header_icon = "doc-full-inverse"
    page_title = "登记线下申请"

    def dispatch(self, request, *args, **kwargs):
        _staff_only(request.user)
        self.form = forms.RegisterForm(data=request.POST or None, user=request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": url("index"), "label": "依申请公开"}, {"url": "", "label": "登记"}]

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "form": self.form, "action_url": url("add")}

    def post(self, request):
        if self.form.is_valid():
            try:
                application, password = services.receive(actor=request.user, **self.form.receive_kwargs())
            except services.StepError as error:
                for field, message in error.errors.items():
                    self.form.add_error(field if field in self.form.fields else None, message)
            else:
                messages.success(
                    request,
                    f"已登记申请，查询码 {application.tracking_code}，查询密码 {password}。"
                    "请告知申请人（密码仅显示这一次）。",
                )
                return redirect(url("detail", application.pk))
        return self.render_to_response(self.get_context_data())


def visible_application(request, pk: int) -> InformationApplication:
    """The application, if the user may see it; 404 otherwise (even when it exists at another organ)."""
    _staff_only(request.user)
    queryset = permissions.applications_for(request.user).select_related("site__site", "transferred_to")
    return get_object_or_404(queryset, pk=pk)


class ApplicationDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One application; POST to ``<pk>/<action>/`` takes a step, to ``<pk>/remedy/[<id>/]`` records a remedy."""

    template_name = "openinfo/admin/application_detail.html"
    header_icon = "doc-full-inverse"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.bound_action, self.bound_form, self.remedy_forms = None, None, {}

    def dispatch(self, request, *args, **kwargs):
        self.application = visible_application(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if "action" in kwargs:
            return redirect(url("detail", self.application.pk) + f"#step-{kwargs['action']}")
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return "依申请公开"

    def get_page_subtitle(self):
        return self.application.tracking_code

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": "依申请公开"},
            {"url": "", "label": self.application.tracking_code},
        ]

    def make_form(self, action: str, data=None):
        form_class = ACTIONS[action][0]
        return form_class(data=data, prefix=action, application=self.application, user=self.request.user)

    def available_actions(self) -> list[str]:
        status = self.application.status
        actions = [a for a, spec in ACTIONS.items() if status in spec[3]]
        if self.application.extension_days and "extend" in actions:
            actions.remove("extend")
        if "sign_off" in actions and signoff.pending_draft(self.application) is None:
            actions.remove("sign_off")
        return actions

    def schedule(self):
        app = self.application
        if app.status not in OPEN_STATUSES:
            return None
        today = timezone.localdate()
        return deadlines.schedule(
            load_calendar(), app.received_on, app.events.all(), app.extension_days, app.status, today
        )

    def step_forms(self) -> list[dict]:
        actions = self.available_actions()
        if self.bound_action and self.bound_action not in actions:
            actions.append(self.bound_action)  # refused because the state changed: show the reason on its form
        found = []
        for action in actions:
            form = self.bound_form if action == self.bound_action else self.make_form(action)
            _, label, _, _, serious = ACTIONS[action]
            step_url = url("act", self.application.pk, action)
            found.append({"action": action, "form": form, "label": label, "serious": serious, "url": step_url})
        return found

    def remedies(self) -> list[dict]:
        found = []
        for remedy in self.application.remedies.all():
            form = self.remedy_forms.get(remedy.pk) or forms.RemedyForm(instance=remedy, prefix=f"remedy-{remedy.pk}")
            found.append({"item": remedy, "form": form, "url": url("remedy_edit", self.application.pk, remedy.pk)})
        return found

    def letters(self) -> list[dict]:
        pk = self.application.pk
        return [
            {"label": LetterKind(k).label, "docx": url("letter", pk, k, "docx"), "pdf": url("letter", pk, k, "pdf")}
            for k in letters.available_kinds(self.application)
        ]

    def transferred_from_url(self) -> str:
        source = self.application.transferred_from_id
        if source and permissions.applications_for(self.request.user).filter(pk=source).exists():
            return url("detail", source)
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        app = self.application
        context.update(
            application=app,
            alarm=alarm(app, timezone.localdate()),
            plan=self.schedule(),
            events=app.events.select_related("actor").order_by("at", "pk"),
            attachments=[{"item": a, "url": url("attachment", a.pk)} for a in app.attachments.all()],
            fee=getattr(app, "fee", None),
            step_forms=self.step_forms(),
            open_action=self.bound_action or "",
            letters=self.letters(),
            pdf_available=letters.cjk_font() is not None,
            remedies=self.remedies(),
            new_remedy_form=self.remedy_forms.get("new") or forms.RemedyForm(prefix="remedy-new"),
            new_remedy_url=url("remedy_add", app.pk),
            transferred_from_url=self.transferred_from_url(),
        )
        return context

    def post(self, request, pk, action):
        if action not in ACTIONS:
            raise Http404
        form = self.make_form(action, data=request.POST)
        if form.is_valid():
            service = ACTIONS[action][2]
            try:
                application = service(self.application, actor=request.user, **form.step_kwargs())
            except services.StepError as error:
                for field, message in error.errors.items():
                    form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, f"申请 {application.tracking_code} 已{ACTIONS[action][1]}。")
                return redirect(url("detail", application.pk))
        self.bound_action, self.bound_form = action, form
        return self.render_to_response(self.get_context_data())


class RemedyView(ApplicationDetailView):
    """Add a 行政复议/诉讼 record to the application or update one (its result, Table 4)."""

    http_method_names = ["post"]

    def post(self, request, pk, remedy=None):
        instance = get_object_or_404(self.application.remedies, pk=remedy) if remedy else None
        prefix = f"remedy-{remedy}" if remedy else "remedy-new"
        form = forms.RemedyForm(data=request.POST, instance=instance, prefix=prefix)
        if form.is_valid():
            record = form.save(commit=False)
            record.application = self.application
            record.save()
            messages.success(request, f"已保存{record.get_kind_display()}记录。")
            return redirect(url("detail", self.application.pk) + "#remedies")
        self.remedy_forms[remedy or "new"] = form
        return self.render_to_response(self.get_context_data())


def letter(request, pk: int, kind: str, fmt: str):
    """A letter of the application as DOCX or PDF, for its organ's staff only."""
    application = visible_application(request, pk)
    if kind not in letters.available_kinds(application) or fmt not in ("docx", "pdf"):
        raise Http404("该申请没有此类文书")
    rendered = letters.render(application, kind)
    if fmt == "docx":
        body = letters.to_docx(rendered)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        try:
            body = letters.to_pdf(rendered)
        except letters.NoFont as error:
            messages.error(request, str(error))
            return redirect(url("detail", pk) + "#letters")
        content_type = "application/pdf"
    response = HttpResponse(body, content_type=content_type)
    filename = f"{application.tracking_code}-{kind}-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def download_attachment(request, pk: int):
    """An applicant's file from private storage, to the receiving organ's staff only (404 to anyone else)."""
    _staff_only(request.user)
    visible = permissions.applications_for(request.user).values("pk")
    attachment = get_object_or_404(ApplicationAttachment.objects.filter(application__in=visible), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except OSError as error:
        raise Http404("附件文件不存在") from error
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.name, content_type="application/octet-stream"
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
