"""The handling forms of the admin's message page: one small form per step of the state machine.

The forms check what a person can get wrong (empty, overlong or control-character text, a unit outside the
offered list); whether the step is allowed in the message's current state is ``services.transition``'s
business, and its refusal is shown on the same form.
"""

import re

from django import forms
from django.core.exceptions import ValidationError

from sites.models import SiteProfile

from ..redaction import summary

# Line breaks and tabs are text; other control characters are never typed by a person.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def no_control_characters(value: str) -> None:
    if CONTROL_CHARACTERS.search(value or ""):
        raise ValidationError("不能包含控制字符。")


def text_field(label: str, max_length: int, *, required=True, rows=None, **kwargs) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        validators=[no_control_characters],
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": f"请填写{label}。",
            "max_length": f"{label}不能超过 %(limit_value)d 个字（现有 %(show_value)d 个）。",
            "null_characters_not_allowed": "不能包含控制字符。",
        },
        **kwargs,
    )


class StepForm(forms.Form):
    """A step with nothing but an optional note for the history (审核, 公开, 办结不公开)."""

    note = text_field("办理说明", 500, required=False, rows=2, help_text="记入办理记录，不对外公开")

    def transition_data(self) -> dict:
        return {"note": self.cleaned_data.get("note", "")}


class RejectForm(forms.Form):
    reason = text_field("不予受理理由", 200, rows=2, help_text="如：重复留言、内容与政务无关、信息不全无法办理")

    def transition_data(self) -> dict:
        reason = self.cleaned_data["reason"]
        return {"reason": reason, "note": reason}


class AssignForm(StepForm):
    handler = forms.ModelChoiceField(
        label="办理单位",
        queryset=SiteProfile.objects.none(),
        error_messages={"required": "请选择办理单位。", "invalid_choice": "请从列表中选择办理单位。"},
    )

    def __init__(self, *args, targets=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["handler"]
        field.queryset = SiteProfile.objects.filter(pk__in=[t.pk for t in targets])
        field.label_from_instance = lambda p: f"{p.org_name}（{p.get_kind_display()}）"
        field.empty_label = "请选择"
        self.fields = {"handler": field, "note": self.fields["note"]}

    def transition_data(self) -> dict:
        return {**super().transition_data(), "handler": self.cleaned_data["handler"]}


class AnswerForm(StepForm):
    answer = text_field("答复内容", 5000, rows=12)
    answered_by = text_field("答复单位", 100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {name: self.fields[name] for name in ("answer", "answered_by", "note")}

    def transition_data(self) -> dict:
        return {
            **super().transition_data(),
            "answer": self.cleaned_data["answer"],
            "answered_by": self.cleaned_data["answered_by"],
        }


class PublicCopyForm(forms.Form):
    """Staff's correction of a message's public copy (interaction/privacy.py). Personal data the detector still
    finds in it must be masked, or confirmed as not personal (e.g. a unit's office number in the reply)."""

    title = text_field("公开标题", 200)
    content = text_field("公开留言内容", 5000, rows=8)
    answer = text_field("公开答复内容", 8000, rows=10)
    confirm = forms.BooleanField(
        label="已核对：标出的内容不是个人信息，可以公开",
        required=False,
        help_text="仅当修改后的文本中仍被标出疑似个人信息时需要勾选",
    )
    note = text_field("修改说明", 500, required=False, rows=2, help_text="记入办理记录，不对外公开")

    def __init__(self, *args, find=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.find = find  # text → findings (privacy.personal_data for the message)
        self.remaining = {}

    def clean(self):
        data = super().clean()
        if self.find is None or self.errors:
            return data
        labels = {"title": "标题", "content": "留言内容", "answer": "答复内容"}
        found = {field: self.find(data[field]) for field in labels}
        self.remaining = {field: items for field, items in found.items() if items}
        if self.remaining and not data.get("confirm"):
            listed = "；".join(
                f"{labels[field]}中的“{f.text}”（{f.label}）" for field, found in self.remaining.items() for f in found
            )
            self.add_error(
                "confirm",
                f"公开文本中仍有疑似个人信息：{listed}。请遮盖（如改为 138****8000）后再保存；"
                "如确认不是个人信息，请勾选本项。",
            )
        return data

    def correction(self) -> dict:
        """The arguments of privacy.correct_public_copy; the history notes what staff confirmed as public."""
        data = self.cleaned_data
        kept = summary(f for found in self.remaining.values() for f in found)
        note = "\n".join(p for p in (data["note"], f"经核对保留（非个人信息）：{kept}" if kept else "") if p)
        return {"title": data["title"], "content": data["content"], "answer": data["answer"], "note": note}


# action → (form class, button label, whether the button is a serious one)
STEP_FORMS = {
    "answer": (AnswerForm, "答复", False),
    "assign": (AssignForm, "转办", False),
    "reject": (RejectForm, "不予受理", True),
    "review": (StepForm, "审核通过", False),
    "publish": (StepForm, "公开", False),
    "close": (StepForm, "办结不公开", False),
}
