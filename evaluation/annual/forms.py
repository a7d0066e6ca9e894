"""The form that creates (or refreshes) a site's 政府网站工作年度报表 in the admin."""

from django import forms

from core.forms import ReportYearForm
from sites.models import SiteProfile

FIRST_YEAR = 2018  # 国办函〔2018〕12号


class GenerateForm(ReportYearForm):
    site = forms.ModelChoiceField(
        label="网站",
        queryset=SiteProfile.objects.none(),
        error_messages={"required": "请选择网站。", "invalid_choice": "只能为本人负责的网站生成报表。"},
    )
    first_year = FIRST_YEAR
