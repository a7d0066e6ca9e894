"""The form that creates (or refreshes) a site's 政府网站工作年度报表 in the admin."""

from django import forms
from django.utils import timezone

from sites.models import SiteProfile

FIRST_YEAR = 2018  # 国办函〔2018〕12号


class GenerateForm(forms.Form):
    site = forms.ModelChoiceField(
        label="网站",
        queryset=SiteProfile.objects.none(),
        error_messages={"required": "请选择网站。", "invalid_choice": "只能为本人负责的网站生成报表。"},
    )
    year = forms.IntegerField(
        label="年度",
        error_messages={"required": "请填写年度。", "invalid": "年度须为四位数字，例如 2025。"},
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["year"].initial = self.initial.get("year") or timezone.localdate().year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not FIRST_YEAR <= year <= this_year:
            raise forms.ValidationError(f"年度须在 {FIRST_YEAR} 年至 {this_year} 年之间。")
        return year
