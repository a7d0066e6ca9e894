"""*报告 → 采编操作审计*: who created, edited, submitted, approved, published, unpublished, moved, deleted or changed
the shown date of which page, when — Wagtail's own page log entries, confined to the user's sites, filterable and
exportable (CSV/XLSX).

等保 2.0 安全审计 (GB/T 22239-2019 8.1.4.3): 审计记录应包括事件的日期和时间、用户、事件类型、事件是否成功及其他与审计
相关的信息 — the log rows are written by Wagtail (and ``register_log_actions`` of the apps) and nothing here edits or
deletes them. Per page the same entries are Wagtail's page history (linked from every row); per user it is the
操作人 filter. Higher apps add their own audited records under 范围 (``register_source``: 依申请公开 applications,
confined by that app's own rule).

Bounded at 2,000 sites: site staff's rows are one range condition per site they hold rights on (treebeard paths,
``sites.scopes``); the page and the user come in the same query (``select_related``); the action labels come from the
registry without queries; one page of 50 rows is read at a time, and an export streams the filtered rows.
"""

from collections.abc import Callable
from dataclasses import dataclass

import django_filters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from .policies import is_site_staff
from .scopes import _under, is_confined, page_roots


@dataclass(frozen=True)
class AuditSource:
    """Records of a higher app audited here besides pages (e.g. 依申请公开 applications), registered by that app
    (``register_source`` in its wagtail_hooks), so ``sites`` never names it."""

    label: str  # shown in the 范围 filter
    model: type  # the model whose ModelLogEntry rows are listed
    visible_pks: Callable  # user → queryset of the pks the user may see (``.values("pk")``)
    url_name: str  # the admin URL of one record, taking its pk


SOURCES: dict[str, AuditSource] = {}


def register_source(key: str, source: AuditSource) -> None:
    SOURCES[key] = source


def _source_choices():
    return [(key, source.label) for key, source in SOURCES.items()]


def _action_choices():
    """Every registered action that a page can log, with its Chinese label (the registry is filled at start-up)."""
    return [(action, force_str(label)) for action, label in log_action_registry.get_choices()]


class PageIdOrTitleFilter(django_filters.CharFilter):
    """页面: a page id (digits) or part of its title as logged."""

    def filter(self, queryset, value):
        value = (value or "").strip()
        if not value:
            return queryset
        if value.isdigit():
            if queryset.model is ModelLogEntry:
                return queryset.filter(object_id=value)
            return queryset.filter(page_id=int(value))
        return queryset.filter(label__icontains=value)


class EditorialAuditFilterSet(WagtailFilterSet):
    # Which records: pages (empty) or a registered source; read by the view's get_queryset, not filtered here.
    source = django_filters.ChoiceFilter(label="范围", choices=_source_choices, empty_label="页面", method="keep")
    timestamp = django_filters.DateFromToRangeFilter(label="时间", widget=DateRangePickerWidget)
    action = django_filters.ChoiceFilter(label="操作", choices=_action_choices, empty_label="全部")
    user = django_filters.CharFilter(label="操作人", field_name="user__username", lookup_expr="icontains")
    # Not ``page``: that parameter is the pagination's.
    page_ref = PageIdOrTitleFilter(label="页面（ID或标题）", max_length=100)

    class Meta:
        model = PageLogEntry
        fields = ["source", "timestamp", "action", "user", "page_ref"]

    def keep(self, queryset, name, value):
        return queryset


def record_id(entry):
    return entry.page_id if isinstance(entry, PageLogEntry) else entry.object_id


def record_url(entry) -> str:
    """The page's history, or the admin page of a registered source's record."""
    if isinstance(entry, PageLogEntry):
        return reverse("wagtailadmin_pages:history", args=[entry.page_id]) if entry.page_id else ""
    for source in SOURCES.values():
        if entry.content_type_id == ContentType.objects.get_for_model(source.model).pk:
            return reverse(source.url_name, args=[entry.object_id])
    return ""


def local_time(entry) -> str:
    return f"{timezone.localtime(entry.timestamp):%Y-%m-%d %H:%M:%S}"


def action_label(entry) -> str:
    return force_str(log_action_registry.get_action_label(entry.action))


def user_name(entry) -> str:
    return entry.user.get_username() if entry.user is not None else "系统"


def details(entry) -> str:
    """The entry's own message (with the reason for a date change, the comment of an approval or rejection)."""
    message = force_str(entry.message)
    comment = force_str(entry.comment or "")
    return f"{message}；{comment}" if comment else message


class HistoryColumn(Column):
    cell_template_name = "sites/admin/audit_history_cell.html"


class EditorialAuditView(ReportView):
    page_title = "采编操作审计"
    header_icon = "history"
    filterset_class = EditorialAuditFilterSet
    index_url_name = "sites_editorial_audit"
    index_results_url_name = "sites_editorial_audit_results"
    paginate_by = 50
    columns = [
        Column("timestamp", label="时间", accessor=local_time),
        Column("label", label="页面"),
        Column("page_id", label="编号", accessor=record_id),
        Column("action", label="操作", accessor=action_label),
        Column("user", label="操作人", accessor=user_name),
        Column("details", label="说明", accessor=details),
        HistoryColumn("history", label="历史", accessor=record_url),
    ]
    list_export = ["timestamp", "label", "page_id", "action", "user", "details"]
    export_headings = {
        "timestamp": "时间",
        "label": "页面",
        "page_id": "编号",
        "action": "操作",
        "user": "操作人",
        "details": "说明",
    }

    def dispatch(self, request, *args, **kwargs):
        if not is_site_staff(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        both = {self.FORMAT_CSV, self.FORMAT_XLSX}
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "timestamp": dict.fromkeys(both, lambda value: f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"),
            "action": dict.fromkeys(both, lambda value: force_str(log_action_registry.get_action_label(value))),
            "user": dict.fromkeys(both, lambda value: value.get_username() if value else "系统"),
        }

    def to_row_dict(self, item):
        values = {"details": details(item), "user": item.user, "page_id": record_id(item)}
        return {field: values[field] if field in values else getattr(item, field) for field in self.list_export}

    def get_filename(self):
        return f"editorial-audit-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        user = self.request.user
        source = SOURCES.get(self.request.GET.get("source", ""))
        if source is not None:
            visible = source.visible_pks(user).annotate(key=Cast("pk", CharField())).values("key")
            entries = ModelLogEntry.objects.filter(content_type=ContentType.objects.get_for_model(source.model))
            return entries.filter(object_id__in=visible).select_related("user").order_by("-timestamp", "-pk")
        entries = PageLogEntry.objects.select_related("user", "page").order_by("-timestamp", "-pk")
        if is_confined(user):
            entries = entries.filter(_under(page_roots(user), "page__path"))
        return entries
