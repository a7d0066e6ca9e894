from django import forms

from core.params import IntParam

from .enums import AdoptionMode, SubmissionStatus

FIRST_YEAR = 2000
YEAR = IntParam("year", "年份", FIRST_YEAR, 2100)
MONTH = IntParam("month", "月份", 1, 12)


class ColumnsForm(forms.Form):
    """报送 / 共享到…: the columns offered are only those open to the page's site."""

    columns = forms.ModelMultipleChoiceField(
        label="栏目",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一个栏目。", "invalid_choice": "所选栏目不可用。"},
    )

    def __init__(self, *args, columns, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["columns"].queryset = columns


class AdoptForm(forms.Form):
    mode = forms.ChoiceField(label="采用方式", choices=AdoptionMode.choices, initial=AdoptionMode.ALIAS)


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "请填写理由。"},
    )


class QueueFilterForm(forms.Form):
    """Filters of the queue and of 我的报送 (status, unit, column, month)."""

    status = forms.ChoiceField(label="状态", choices=[("", "全部"), *SubmissionStatus.choices], required=False)
    unit = forms.ChoiceField(label="报送单位", required=False)
    column = forms.ChoiceField(label="栏目", required=False)
    month = forms.RegexField(
        label="月份",
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        error_messages={"invalid": "月份格式应为 YYYY-MM，例如 2026-03"},
        widget=forms.TextInput(attrs={"placeholder": "YYYY-MM"}),
    )

    def __init__(self, *args, units=(), columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部"), *((str(pk), name) for pk, name in units)]
        self.fields["column"].choices = [("", "全部"), *((str(pk), name) for pk, name in columns)]
