"""Admin forms of the search records confined to site staff (search.permissions): promoted results, where site
staff pin only for their own sites and only platform administrators leave 所属网站 empty (a pin for every site);
and hot-term rules, where staff choose only among the website groups they manage."""

from wagtail.admin.forms import WagtailAdminModelForm

from .permissions import hot_rule_policy, is_platform_admin, promoted_policy


class PromotedResultForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["site"]
        field.queryset = promoted_policy.sites_for(self.for_user)
        field.error_messages["invalid_choice"] = "只能选择您所在的网站。"
        field.error_messages["required"] = "请选择所属网站。"
        if is_platform_admin(self.for_user):
            field.empty_label = "所有网站"
        else:
            field.required = True
            field.empty_label = None if field.queryset.count() == 1 else "请选择"
            field.help_text = "在所选网站上检索时显示"


class HotTermRuleForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["site"]
        field.queryset = hot_rule_policy.sites_for(self.for_user)
        field.error_messages["invalid_choice"] = "只能选择您管理的网站群。"
        field.error_messages["required"] = "请选择网站群。"
        field.empty_label = None if field.queryset.count() == 1 else "请选择"
        self.fields["term"].error_messages["required"] = "请填写检索词。"
