"""Admin forms of the 政府信息公开工作年度报告: generating one (organ + year) and correcting a Table 3 cell."""

from django import forms

from core.forms import ReportYearForm
from sites.models import SiteProfile

from ..applications.enums import Outcome
from ..models import Table3Correction
from ..models.annual import MAX_COUNT
from . import layout

FIRST_YEAR = 2021  # 国办公开办函〔2021〕30号: the format applies from the 2021 reports on


class GenerateForm(ReportYearForm):
    site = forms.ModelChoiceField(
        label="机关（网站）",
        queryset=SiteProfile.objects.none(),
        error_messages={"required": "请选择机关。", "invalid_choice": "只能为本人所在机关生成年度报告。"},
    )
    first_year = FIRST_YEAR


def _row_choices():
    rows = [(layout.NEW, layout.ROW_LABELS[layout.NEW]), (layout.CARRIED_IN, layout.ROW_LABELS[layout.CARRIED_IN])]
    rows += [(outcome, f"三、{layout.row_name(outcome).removeprefix('三')}") for outcome in Outcome.values]
    rows.append((layout.CARRIED_OUT, layout.ROW_LABELS[layout.CARRIED_OUT]))
    return rows


class CorrectionForm(forms.ModelForm):
    """One cell, a signed change and why: stored as a Table3Correction that no view edits or deletes."""

    row = forms.ChoiceField(label="行", choices=_row_choices, error_messages={"invalid_choice": "请选择表三中的一行。"})
    column = forms.ChoiceField(
        label="列（申请人类型）",
        choices=[(key, layout.COLUMN_LABELS[key]) for key in layout.COLUMNS],
        error_messages={"invalid_choice": "请选择表三中的一列。"},
    )
    delta = forms.IntegerField(
        label="增减数量",
        min_value=-MAX_COUNT,
        max_value=MAX_COUNT,
        help_text="正数为增加，负数为减少，例如 3 或 -1",
        error_messages={
            "required": "请填写增减数量。",
            "invalid": "增减数量须为整数，例如 3 或 -1。",
            "min_value": "增减数量超出范围。",
            "max_value": "增减数量超出范围。",
        },
    )
    reason = forms.CharField(
        label="更正理由",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="例如：线下受理、未录入平台的申请",
        error_messages={"required": "请填写更正理由。", "max_length": "更正理由不能超过 1000 字。"},
    )

    class Meta:
        model = Table3Correction
        fields = ["row", "column", "delta", "reason"]

    def __init__(self, *args, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current  # the corrected Table 3 now (openinfo.annual.reports.table3)

    def clean(self):
        cleaned = super().clean()
        row, column, delta = cleaned.get("row"), cleaned.get("column"), cleaned.get("delta")
        if delta == 0:
            self.add_error("delta", "增减数量不能为 0。")
        elif None not in (row, column, delta) and self.current[row][column] + delta < 0:
            now = self.current[row][column]
            self.add_error("delta", f"该单元格现为 {now}，更正后不能小于 0。")
        return cleaned
