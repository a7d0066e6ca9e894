"""留言办理 in the Wagtail admin: the list of messages a user may handle, one message's page with its history
and handling forms, and attachment downloads.

Every view starts from ``permissions.questions_for(user)``: a message outside the user's sites answers 404,
so its existence, title and personal data never show. Steps go through ``services.transition``; its
refusals (TransitionError) appear as errors on the form that asked for the step.
"""

import django_filters
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from sites.models import SiteProfile

from .. import permissions, privacy, services
from ..alarms import alarms_for, filter_alarm
from ..enums import Alarm, QuestionType, Status
from ..models import Question, QuestionAttachment
from ..privacy import mask_name
from . import admin_copy
from .admin_forms import STEP_FORMS

URL_NAMESPACE = "interaction_questions"
# Attachments are served as downloads; only these types keep their own Content-Type (the upload form accepts
# nothing else), anything unexpected is sent as opaque bytes.
SAFE_CONTENT_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"}
EVENT_LABELS = {
    "receive": "受理",
    "rate": "评价",
    privacy.EVENT_ACTION: "修改公开文本",
    **{action: step.label for action, step in services.STEPS.items()},
}


def url(name: str, *args) -> str:
    return reverse(f"{URL_NAMESPACE}:{name}", args=args)


class StaffOnlyMixin:
    """Only users who handle messages somewhere (or platform admins) get in; the rest are refused."""

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_interaction_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _sites_in_scope(field: str):
    def queryset(request):
        if request is None:
            return SiteProfile.objects.none()
        visible = permissions.questions_for(request.user).order_by().values(f"{field}_id")
        return SiteProfile.objects.filter(pk__in=visible).order_by("sort_order", "pk")

    return queryset


class QuestionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices, empty_label="全部")
    type = django_filters.ChoiceFilter(label="类型", choices=QuestionType.choices, empty_label="全部")
    alarm = django_filters.ChoiceFilter(label="告警", choices=Alarm.choices, empty_label="全部", method="by_alarm")
    site = django_filters.ModelChoiceFilter(label="受理网站", queryset=_sites_in_scope("site"), empty_label="全部")
    handler = django_filters.ModelChoiceFilter(
        label="办理单位", queryset=_sites_in_scope("handler"), empty_label="全部"
    )

    class Meta:
        model = Question
        fields = ["status", "type", "alarm", "site", "handler"]

    def by_alarm(self, queryset, name, value):
        return filter_alarm(queryset, value, timezone.localdate()) if value else queryset


class AlarmColumn(Column):
    cell_template_name = "interaction/admin/alarm_cell.html"


def _date(value) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


class QuestionIndexView(StaffOnlyMixin, IndexView):
    model = Question
    any_permission_required = None  # the site groups confer the right, not Django model permissions
    template_name = "interaction/admin/question_index.html"
    index_url_name = f"{URL_NAMESPACE}:index"
    index_results_url_name = f"{URL_NAMESPACE}:index_results"
    filterset_class = QuestionFilterSet
    search_fields = ["title", "tracking_code"]
    search_backend_name = None
    default_ordering = "-received_at"
    page_title = "留言办理"
    header_icon = "mail"
    verbose_name = "留言"
    verbose_name_plural = "留言"
    paginate_by = 30

    @cached_property
    def columns(self):
        return [
            TitleColumn("title", label="标题", get_url=lambda q: url("detail", q.pk)),
            Column("tracking_code", label="查询码"),
            Column("type", label="类型", accessor="get_type_display"),
            Column("status", label="状态", accessor="get_status_display", sort_key="status"),
            Column("site", label="受理网站", accessor=lambda q: q.site.display_name),
            Column("handler", label="办理单位", accessor=lambda q: q.handler.display_name if q.handler else ""),
            Column("received_on", label="受理日期", accessor=lambda q: _date(q.received_on), sort_key="received_at"),
            Column("due_on", label="答复期限", accessor=lambda q: _date(q.due_on), sort_key="due_on"),
            AlarmColumn("alarm", label="告警", accessor="admin_alarm"),
        ]

    def get_base_queryset(self):
        return permissions.questions_for(self.request.user).select_related("site", "handler")

    def get_table(self, object_list):
        rows = list(object_list)
        alarms = alarms_for(rows, timezone.localdate())
        for question in rows:
            value = alarms.get(question.pk)
            question.admin_alarm = Alarm(value) if value else None
        return super().get_table(rows)


def visible_question(request, pk: int) -> Question:
    """The message, if the user may see it; 404 otherwise (even for a message that exists elsewhere)."""
    queryset = permissions.questions_for(request.user).select_related("site__site", "handler")
    return get_object_or_404(queryset, pk=pk)


class QuestionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One message: its content, the citizen's details, attachments, history and the handling forms.
    POST to ``<pk>/<action>/`` takes a step."""

    template_name = "interaction/admin/question_detail.html"
    header_icon = "mail"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.bound_action, self.bound_form = None, None
        self.copy_form = None  # the public-copy correction, when posted with errors

    def dispatch(self, request, *args, **kwargs):
        if not permissions.is_interaction_staff(request.user):
            raise PermissionDenied
        self.question = visible_question(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if "action" in kwargs:  # a step's address opened directly: show the page with that form open
            return redirect(url("detail", self.question.pk) + f"?action={kwargs['action']}")
        return super().get(request, *args, **kwargs)

    def get_page_title(self):
        return "留言办理"

    def get_page_subtitle(self):
        return self.question.tracking_code

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": "留言办理"},
            {"url": "", "label": self.question.tracking_code, "sublabel": self.question.title},
        ]

    # The answering unit: the unit it was transferred to, else the site that received it.
    @cached_property
    def answering_unit(self) -> SiteProfile:
        return self.question.handler or self.question.site

    def available_actions(self) -> list[str]:
        allowed = permissions.permitted_actions(self.request.user, self.question)
        status = self.question.status
        actions = [a for a in STEP_FORMS if a in allowed and status in services.STEPS[a].sources]
        if not self.question.consent_publish and "publish" in actions:
            actions.remove("publish")  # the citizen did not consent: only 办结不公开 remains
        if "assign" in actions and not self.transfer_targets:
            actions.remove("assign")
        self.review_by_another = "review" in actions and self.wrote_the_answer
        if self.review_by_another:
            actions.remove("review")  # refused anyway (services._check_reviewer_is_not_answerer): not offered
        return actions

    @cached_property
    def wrote_the_answer(self) -> bool:
        author = services.answerer(self.question) if self.question.status == Status.ANSWERED else None
        return author is not None and author.pk == self.request.user.pk

    @cached_property
    def transfer_targets(self):
        return permissions.transfer_targets(self.request.user, self.question)

    def make_form(self, action: str, data=None):
        form_class = STEP_FORMS[action][0]
        kwargs = {"prefix": action, "data": data}
        if action == "assign":
            kwargs["targets"] = self.transfer_targets
        if action == "answer":
            kwargs["initial"] = {"answered_by": self.answering_unit.org_name, "answer": self.chosen_template_text()}
        return form_class(**kwargs)

    @cached_property
    def reply_templates(self) -> list[dict]:
        """The templates offered for the answer, filled in with the masked name, the title and the unit."""
        fill = {
            "name": mask_name(self.question.name),
            "title": self.question.title,
            "org": self.answering_unit.org_name,
        }
        chosen = self.request.GET.get("template", "")
        return [
            {
                "id": t.pk,
                "title": t.title,
                "platform": t.site_id is None,
                "text": t.render(**fill),
                "chosen": str(t.pk) == chosen,
            }
            for t in permissions.reply_templates_for(self.question)
        ]

    def chosen_template_text(self) -> str:
        # Without JavaScript, ?template=<id> reloads the page with the template in the answer box.
        return next((t["text"] for t in self.reply_templates if t["chosen"]), "")

    def events(self) -> list:
        events = list(self.question.events.select_related("actor", "handler"))
        for event in events:
            event.label = EVENT_LABELS.get(event.action, event.action)
        return events

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        question = self.question
        forms = []
        actions = self.available_actions()
        if self.bound_action and self.bound_action not in actions:
            actions.append(self.bound_action)  # refused because the state changed: show the form with the reason
        for action in actions:
            form = self.bound_form if action == self.bound_action else self.make_form(action)
            _, label, serious = STEP_FORMS[action]
            step_url = url("act", question.pk, action)
            forms.append({"action": action, "form": form, "label": label, "serious": serious, "url": step_url})
        rules = services.mailbox_settings(question)
        alarm = services.alarm(question, timezone.localdate(), rules=rules)
        context.update(
            question=question,
            alarm=Alarm(alarm) if alarm else None,
            rules=rules,
            attachments=[{"item": a, "url": url("attachment", a.pk)} for a in question.attachments.all()],
            events=self.events(),
            step_forms=forms,
            reply_templates=self.reply_templates,
            open_action=self.bound_action or self.request.GET.get("action", ""),
            no_consent=not question.consent_publish and question.status in (Status.ANSWERED, Status.REVIEWED),
            review_by_another=self.review_by_another,
            copy_url=url("act", question.pk, admin_copy.ACTION),
            **admin_copy.context(question, self.request.user, self.copy_form),
        )
        return context

    def post(self, request, pk, action):
        if action == admin_copy.ACTION:
            return self.post_public_copy(request)
        if action not in STEP_FORMS:
            raise Http404
        if not permissions.can_handle(request.user, self.question, action):
            raise PermissionDenied
        form = self.make_form(action, data=request.POST)
        if form.is_valid():
            try:
                question = services.transition(self.question, action, actor=request.user, **form.transition_data())
            except services.TransitionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"“{question.title}”已{STEP_FORMS[action][1]}。")
                if action == "assign" and not permissions.can_view(request.user, question):
                    return redirect(url("index"))  # passed on to a unit below: no longer this user's
                return redirect(url("detail", question.pk))
        self.bound_action, self.bound_form = action, form
        return self.render_to_response(self.get_context_data())

    def post_public_copy(self, request):
        """Save the staff's version of the public copy (privacy.correct_public_copy); errors show on its form."""
        if not admin_copy.may_correct(request.user, self.question):
            raise PermissionDenied
        form = admin_copy.make_form(self.question, data=request.POST)
        if form.is_valid():
            try:
                privacy.correct_public_copy(self.question, actor=request.user, **form.correction())
            except privacy.PublicCopyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"“{self.question.title}”的公开文本已保存。")
                return redirect(url("detail", self.question.pk) + "#public-copy-section")
        self.copy_form = form
        return self.render_to_response(self.get_context_data())


def download_attachment(request, pk: int):
    """Stream an attachment from private storage to a user who may see its message; 404 to anyone else."""
    if not permissions.is_interaction_staff(request.user):
        raise PermissionDenied
    attachment = get_object_or_404(
        QuestionAttachment.objects.filter(Q(question__in=permissions.questions_for(request.user).values("pk"))),
        pk=pk,
    )
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("附件文件不存在") from error
    content_type = attachment.content_type if attachment.content_type in SAFE_CONTENT_TYPES else None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.name,
        content_type=content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
