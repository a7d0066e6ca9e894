"""Form pieces every public submission form shares (the mailbox, the 依申请公开 form): plain-text fields whose
errors name the field in Chinese, mainland mobile numbers, and a multiple-file field."""

import re

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .text import has_forbidden_characters, normalize_input

PHONE_RE = re.compile(r"^1[3-9]\d{9}$")  # mainland mobile numbers (11 digits, 13x–19x)


def clean_text(value: str, *, label: str, bounds: tuple[int, int], multiline=False) -> str:
    """Plain text as typed, minus invisible leftovers (core.text.normalize_input); control and bidi characters,
    and line breaks in a one-line field, are refused with a message naming the field."""
    value = normalize_input(value or "").strip()
    if multiline:
        value = value.replace("\r\n", "\n")
    if has_forbidden_characters(value, allow_lines=multiline):
        raise forms.ValidationError(f"{label}含有不可见的控制字符，请删除后重新提交。")
    low, high = bounds
    if len(value) < low:
        raise forms.ValidationError(f"{label}至少需要{low}个字。")
    if len(value) > high:
        raise forms.ValidationError(f"{label}不能超过{high}个字（当前{len(value)}个）。")
    return value


def clean_mobile(value: str) -> str:
    """An 11-digit mainland mobile number, spaces, “-” and a +86 prefix removed; a Chinese error otherwise."""
    phone = re.sub(r"[\s-]", "", value or "").removeprefix("+86")
    if not PHONE_RE.match(phone):
        raise forms.ValidationError("请填写正确的11位手机号码。")
    return phone


class PlainTextField(forms.CharField):
    """A CharField whose control-character check is ours (clean_text), so the message names the field in Chinese
    instead of Django's generic null-character error."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators = [v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class TrackingQueryForm(forms.Form):
    """The status query of a public submission: its tracking code and query password (core.submissions)."""

    code = forms.CharField(label=_("查询码"), max_length=20, error_messages={"required": _("请填写查询码。")})
    password = forms.CharField(
        label=_("查询密码"),
        max_length=20,
        widget=forms.PasswordInput(render_value=True),
        error_messages={"required": _("请填写查询密码。")},
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class ReportYearForm(forms.Form):
    """A yearly report's 生成 form: the subclass adds ``site`` (its choices are the user's ``sites``) and sets
    ``first_year``, the first year its format applies to; the year defaults to last year, never past this one."""

    first_year: int
    field_order = ["site", "year"]

    year = forms.IntegerField(
        label="年度", error_messages={"required": "请填写年度。", "invalid": "年度须为四位数字，例如 2025。"}
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        self.fields["year"].initial = self.initial.get("year") or timezone.localdate().year - 1

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not self.first_year <= year <= this_year:
            raise forms.ValidationError(f"年度须在 {self.first_year} 年至 {this_year} 年之间。")
        return year
