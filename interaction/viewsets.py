"""The 互动交流 admin menu: 留言办理 (handling messages) and 答复模板 (reply templates).

Both are confined by ``interaction.permissions``: the site groups confer the rights, Django model permissions
play no part, and an object outside the user's sites answers 404.
"""

from django.urls import path
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from sites.site_owned_views import SiteOwnedViewSet

from . import permissions
from .models import ReplyTemplate
from .permissions import reply_template_policy
from .views import admin as question_views


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.is_interaction_staff(request.user)


class QuestionViewSet(ViewSet):
    name = question_views.URL_NAMESPACE
    url_prefix = "interaction/questions"
    icon = "mail"
    menu_label = "留言办理"
    menu_name = "interaction-questions"
    menu_item_class = StaffMenuItem

    def get_urlpatterns(self):
        index = question_views.QuestionIndexView
        detail = question_views.QuestionDetailView.as_view()
        return [
            path("", index.as_view(), name="index"),
            path("results/", index.as_view(results_only=True), name="index_results"),
            path("<int:pk>/", detail, name="detail"),
            path("<int:pk>/<slug:action>/", detail, name="act"),
            path("attachments/<int:pk>/", question_views.download_attachment, name="attachment"),
        ]


# Reply templates ---------------------------------------------------------------------------------------------


class ReplyTemplateForm(WagtailAdminModelForm):
    """Site staff file a template under one of their own sites; only platform admins leave 所属网站 empty."""

    class Meta:
        model = ReplyTemplate
        fields = ["site", "title", "body", "sort_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["site"]
        field.queryset = reply_template_policy.sites_for(self.for_user)
        field.error_messages["invalid_choice"] = "只能选择您所在的网站。"
        field.error_messages["required"] = "请选择所属网站。"
        if permissions.is_platform_admin(self.for_user):
            field.empty_label = "全平台通用"
        else:
            field.required = True
            field.empty_label = None if field.queryset.count() == 1 else "请选择"
            field.help_text = "模板只对所选网站的工作人员可见"


class ReplyTemplateViewSet(SiteOwnedViewSet):
    model = ReplyTemplate
    name = "interaction_reply_templates"
    icon = "doc-full"
    menu_label = "答复模板"
    menu_name = "interaction-reply-templates"
    url_prefix = "interaction/reply-templates"
    policy = reply_template_policy
    search_fields = ["title", "body"]
    inspect_view_fields = ["site", "title", "body", "sort_order"]

    list_display = [
        "title",
        Column("site", label="所属网站", accessor=lambda t: t.site.display_name if t.site else "全平台通用"),
        Column("sort_order", label="排序", sort_key="sort_order"),
    ]

    def get_form_class(self, for_update=False):
        return ReplyTemplateForm


class InteractionMenu(ViewSetGroup):
    menu_label = "互动交流"
    menu_name = "interaction"
    menu_icon = "mail"
    menu_order = 250
    items = (QuestionViewSet, ReplyTemplateViewSet)
