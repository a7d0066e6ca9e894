"""The 政府信息公开 admin menu: 依申请公开 (handling applications) and 文书模板 (the organ's letter texts).

Both are confined to each organ's staff (permissions.py, sites.policies): another organ's application or template
answers 404; platform administrators see all.
"""

from django.core.exceptions import ValidationError
from django.urls import path
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from sites.policies import SiteOwnedPolicy
from sites.site_owned_views import SiteOwnedViewSet

from ..models import LetterTemplate
from . import admin_views as views
from . import letters, permissions

letter_template_policy = SiteOwnedPolicy(LetterTemplate)


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_application_staff(request.user)


class ApplicationViewSet(ViewSet):
    name = views.URL_NAMESPACE
    url_prefix = "openinfo/applications"
    icon = "doc-full-inverse"
    menu_label = "依申请公开"
    menu_name = "openinfo-applications"
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        index = views.ApplicationIndexView
        detail = views.ApplicationDetailView.as_view()
        remedy = views.RemedyView.as_view()
        return [
            path("", index.as_view(), name="index"),
            path("results/", index.as_view(results_only=True), name="index_results"),
            path("add/", views.RegisterView.as_view(), name="add"),
            path("<int:pk>/", detail, name="detail"),
            path("<int:pk>/remedy/", remedy, name="remedy_add"),
            path("<int:pk>/remedy/<int:remedy>/", remedy, name="remedy_edit"),
            path("<int:pk>/letter/<slug:kind>.<slug:fmt>", views.letter, name="letter"),
            path("<int:pk>/<slug:action>/", detail, name="act"),
            path("attachments/<int:pk>/", views.download_attachment, name="attachment"),
        ]


def placeholder_help() -> str:
    return "可用占位符：" + "、".join(f"{{{name}}}（{label}）" for name, label in letters.PLACEHOLDERS.items())


class LetterTemplateForm(WagtailAdminModelForm):
    class Meta:
        model = LetterTemplate
        fields = ["site", "kind", "body"]
        error_messages = {
            "site": {"required": "请选择所属网站。", "invalid_choice": "只能选择您所在的网站。"},
            "kind": {"required": "请选择文书类型。", "invalid_choice": "请从列表中选择文书类型。"},
            "body": {"required": "请填写正文模板。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self.fields["site"]
        site.queryset = letter_template_policy.sites_for(self.for_user)
        site.empty_label = None if site.queryset.count() == 1 else "请选择"
        self.fields["body"].help_text = placeholder_help()
        if not self.instance.pk and not self.is_bound:
            self.fields["body"].initial = letters.DEFAULT_TEXTS[self.fields["kind"].choices[0][0]]

    def clean_body(self):
        body = self.cleaned_data["body"]
        unknown = letters.unknown_placeholders(body)
        if unknown:
            listed = "、".join(f"{{{name}}}" for name in unknown)
            raise ValidationError(f"不认识的占位符：{listed}。请使用下方列出的占位符。")
        return body


class LetterTemplateViewSet(SiteOwnedViewSet):
    model = LetterTemplate
    name = "openinfo_letter_templates"
    icon = "doc-full"
    menu_label = "文书模板"
    menu_name = "openinfo-letter-templates"
    url_prefix = "openinfo/letter-templates"
    policy = letter_template_policy
    inspect_view_enabled = False
    list_display = [
        Column("kind", label="文书类型", accessor="get_kind_display"),
        Column("site", label="所属网站", accessor=lambda t: t.site.org_name),
    ]

    def get_form_class(self, for_update=False):
        return LetterTemplateForm


class OpenInfoMenu(ViewSetGroup):
    menu_label = "政府信息公开"
    menu_name = "openinfo"
    menu_icon = "doc-full-inverse"
    menu_order = 240
    items = (ApplicationViewSet, LetterTemplateViewSet)
