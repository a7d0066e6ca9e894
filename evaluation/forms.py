"""Admin forms of the inspection workbench."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm

from sites.policies import SiteOwnedPolicy

# --- 错敏词 (evaluation/words/) ---------------------------------------------------------------------------------


class OneErrorPerFieldMixin:
    """The model's clean() re-checks what the form field already refused (empty, too long): show one message."""

    def _update_errors(self, errors):
        if hasattr(errors, "error_dict"):
            for name in [n for n in errors.error_dict if n in self._errors]:
                del errors.error_dict[name]
        super()._update_errors(errors)


class WordWhitelistForm(OneErrorPerFieldMixin, WagtailAdminModelForm):
    """A site's staff choose only among their own sites (sites.policies); platform administrators any site."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import WordWhitelist

        field = self.fields["site"]
        field.queryset = SiteOwnedPolicy(WordWhitelist).sites_for(self.for_user)
        field.error_messages["invalid_choice"] = "只能选择您所在的网站。"
        field.error_messages["required"] = "请选择所属网站。"
        field.empty_label = None if field.queryset.count() == 1 else "请选择"
        self.fields["word"].error_messages["required"] = "请填写白名单词语。"


class WordEntryForm(OneErrorPerFieldMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["word"].error_messages["required"] = "请填写词条。"
        self.fields["word"].error_messages["max_length"] = "词条最多%(limit_value)d个字（当前%(show_value)d个）。"


class WordOverrideForm(forms.Form):
    reason = forms.CharField(
        label="放行理由",
        min_length=4,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="说明为什么这些词在本页是正确的，如“引用原文”“专有名词”。记入页面历史。",
        error_messages={
            "required": "请填写放行理由。",
            "min_length": "放行理由至少%(limit_value)d个字。",
            "max_length": "放行理由最多%(limit_value)d个字（当前%(show_value)d个）。",
        },
    )
