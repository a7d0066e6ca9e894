"""Platform administrators' pages: the security audit report (read-only, filterable, exportable) and the list of
current login lockouts with unlocking (等保 2.0 安全审计: 审计记录应包括事件的日期和时间、用户、事件类型、事件是否成功
及其他与审计相关的信息；应对审计记录进行保护，避免受到未预期的删除、修改或覆盖)."""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from ..enums import SecurityEventKind
from ..models import SecurityEvent
from . import lockout
from .views import SuperuserRequiredMixin, TitledAdminMixin


class IPAddressFilter(django_filters.CharFilter):
    """Exact address; anything that is not an address is a field error (PostgreSQL's inet would raise)."""

    field_class = forms.GenericIPAddressField


class SecurityEventFilterSet(WagtailFilterSet):
    timestamp = django_filters.DateFromToRangeFilter(label="时间", widget=DateRangePickerWidget)
    kind = django_filters.ChoiceFilter(
        label="事件", choices=SecurityEventKind.choices, empty_label="全部", widget=forms.RadioSelect
    )
    username = django_filters.CharFilter(label="用户名", lookup_expr="icontains")
    ip_address = IPAddressFilter(label="来源地址")

    class Meta:
        model = SecurityEvent
        fields = ["timestamp", "kind", "username", "ip_address"]


def local_time(event) -> str:
    return f"{timezone.localtime(event.timestamp):%Y-%m-%d %H:%M:%S}"


def actor_name(event) -> str:
    return event.actor.get_username() if event.actor else ""


class SecurityEventReportView(SuperuserRequiredMixin, ReportView):
    """*报告 → 安全审计*: every staff login event; no edit or delete exists anywhere for these records."""

    page_title = "安全审计"
    header_icon = "history"
    filterset_class = SecurityEventFilterSet
    index_url_name = "core_security_events"
    index_results_url_name = "core_security_events_results"
    paginate_by = 50
    columns = [
        Column("timestamp", label="时间", accessor=local_time),
        Column("kind", label="事件", accessor="get_kind_display"),
        Column("username", label="用户名"),
        Column("ip_address", label="来源地址"),
        Column("actor", label="操作人", accessor=actor_name),
        Column("detail", label="说明"),
        Column("user_agent", label="浏览器"),
    ]
    list_export = ["timestamp", "kind", "username", "ip_address", "actor", "detail", "user_agent"]
    export_headings = {
        "timestamp": "时间",
        "kind": "事件",
        "username": "用户名",
        "ip_address": "来源地址",
        "actor": "操作人",
        "detail": "说明",
        "user_agent": "浏览器",
    }

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        as_text = {self.FORMAT_CSV: str, self.FORMAT_XLSX: str}
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "timestamp": {self.FORMAT_CSV: self.local_text, self.FORMAT_XLSX: self.local_text},
            "kind": {self.FORMAT_CSV: self.kind_label, self.FORMAT_XLSX: self.kind_label},
            "actor": {self.FORMAT_CSV: self.username_of, self.FORMAT_XLSX: self.username_of},
            "ip_address": as_text,
        }

    @staticmethod
    def local_text(value) -> str:
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}"

    @staticmethod
    def kind_label(value) -> str:
        return str(SecurityEventKind(value).label) if value in SecurityEventKind.values else value

    @staticmethod
    def username_of(value) -> str:
        return value.get_username() if value else ""

    def get_filename(self):
        return f"security-audit-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        return SecurityEvent.objects.select_related("actor")


class LockoutsView(SuperuserRequiredMixin, TitledAdminMixin, TemplateView):
    """*设置 → 登录锁定*: counted failures inside the lockout period, and unlocking a username or an address."""

    template_name = "core/accounts/lockouts.html"
    page_title = "登录锁定"
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            attempts=lockout.active_lockouts()[:200],
            limits=lockout.failure_limits(),
            minutes=settings.LOGIN_LOCKOUT_MINUTES,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "").strip()[:150]
        ip = request.POST.get("ip", "").strip()
        try:
            ip = forms.GenericIPAddressField(required=False).clean(ip)
        except forms.ValidationError:
            messages.error(request, "来源地址格式不正确。")
            return redirect("core_lockouts")
        if not (username or ip):
            messages.error(request, "请指定要解除锁定的用户名或来源地址。")
            return redirect("core_lockouts")
        removed = lockout.unlock(username=username, ip=ip, actor=request.user, request=request, via="（管理后台）")
        messages.success(request, f"已解除锁定，清除 {removed} 条失败记录。")
        return redirect("core_lockouts")
