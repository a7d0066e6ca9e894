"""The handling forms of the admin's application page: one small form per step of services.py.

The forms check what a person can get wrong (empty or overlong text, a malformed date, a choice outside the list);
whether the step is allowed now is the service's business, and its refusal (StepError) is shown on the same form,
on the field it names.
"""

from django import forms

from sites.models import SiteProfile

from ..models import ApplicationRemedy, InformationApplication
from .enums import ApplicantKind, Channel, FeeMethod, Outcome

DATE_ERRORS = {"invalid": "请输入正确的日期，如 2026-03-02。", "required": "请填写日期。"}


def date_field(
    label="生效日期", required=False, help_text="默认为今天；补录线下办理的步骤时填写实际日期"
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages=DATE_ERRORS,
    )


def text_field(label: str, max_length: int, *, required=False, rows=None, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={
            "required": f"请填写{label}。",
            "max_length": f"{label}不能超过 %(limit_value)d 个字（现有 %(show_value)d 个）。",
        },
    )


def int_field(label: str, minimum: int, maximum: int, *, required=True, initial=None, help_text=""):
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        required=required,
        initial=initial,
        help_text=help_text,
        error_messages={
            "required": f"请填写{label}。",
            "invalid": f"{label}须为整数。",
            "min_value": f"{label}不能小于 %(limit_value)s。",
            "max_value": f"{label}不能大于 %(limit_value)s。",
        },
    )


class StepForm(forms.Form):
    """A step with an effective day and a note for the record."""

    on = date_field()
    note = text_field("办理说明", 1000, rows=2)

    def __init__(self, *args, application=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application, self.user = application, user

    def step_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "") or k == "note"}


class NoteOnlyForm(StepForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["on"]


class AcceptForm(StepForm):
    items = int_field(
        "申请事项件数", 1, 1000, initial=1, help_text="按件计收信息处理费时按此计数（国办函〔2020〕109号）"
    )


class SupplementForm(StepForm):
    until = date_field("补正期限", required=True, help_text="申请人应在此日期前补正")
    note = text_field(
        "需要补正的事项", 1000, required=True, rows=3, help_text="一次性告知（条例第三十条），将写入补正通知书"
    )


class ConsultationForm(StepForm):
    party = text_field("征求意见对象", 100, required=True, help_text="第三方（条例第三十二条）或其他机关（第三十四条）")


class ExtensionForm(StepForm):
    days = int_field("延长工作日数", 1, 20, initial=20)
    approver = forms.ModelChoiceField(
        label="批准人（政府信息公开工作机构负责人）",
        queryset=None,
        error_messages={"required": "请选择批准人。", "invalid_choice": "请从列表中选择批准人。"},
    )
    note = text_field("延期理由", 1000, required=True, rows=2, help_text="将写入延期答复通知书")

    def __init__(self, *args, **kwargs):
        from .permissions import approvers_for

        super().__init__(*args, **kwargs)
        field = self.fields["approver"]
        field.queryset = approvers_for(self.application, exclude=self.user)
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()
        field.empty_label = "请选择"


class FeeForm(StepForm):
    method = forms.ChoiceField(
        label="计收方式",
        choices=FeeMethod.choices,
        error_messages={"required": "请选择计收方式。", "invalid_choice": "请选择按件计收或按量计收。"},
    )
    quantity = int_field("页数", 1, 1_000_000, required=False, help_text="按量计收时填写；按件计收按审核时的件数")


class WaiverForm(StepForm):
    note = text_field("减免理由", 1000, required=True, rows=2)


class ReplyForm(StepForm):
    outcome = forms.ChoiceField(
        label="办理结果",
        choices=[("", "请选择"), *Outcome.choices],
        required=False,  # the service names the missing outcome on this field
    )
    reply_text = text_field("答复内容及理由", 8000, rows=8, help_text="除予以公开外须说明理由（条例第三十六条）")
    responsible_organ = text_field("负责公开该信息的机关", 100, help_text="办理结果为“本机关不掌握”时必填")
    responsible_organ_contact = text_field("该机关的联系方式", 100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["note"]

    def step_kwargs(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v is not None}


class SignOffForm(StepForm):
    """签发: shows the pending draft (办理结果 and 答复内容) the signer approves; the note is the 签发意见."""

    def __init__(self, *args, **kwargs):
        from .signoff import pending_draft  # imports nothing of the admin; keep this module light

        super().__init__(*args, **kwargs)
        self.fields["note"].label = "签发意见"
        draft = pending_draft(self.application) if self.application is not None else None
        if draft is not None:
            outcome = Outcome(draft.data.get("outcome")).label if draft.data.get("outcome") in Outcome.values else ""
            drafter = draft.actor.get_username() if draft.actor else "系统"
            text = draft.data.get("reply_text", "")
            self.fields["note"].help_text = f"待签发答复（拟稿人：{drafter}）：{outcome}。{text[:300]}"


class TransferForm(StepForm):
    target = forms.ModelChoiceField(
        label="转送机关",
        queryset=SiteProfile.objects.none(),
        error_messages={"required": "请选择转送机关。", "invalid_choice": "请从列表中选择转送机关。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["target"]
        field.queryset = SiteProfile.objects.exclude(pk=self.application.site_id).order_by("sort_order", "pk")
        field.label_from_instance = lambda p: p.org_name
        field.empty_label = "请选择"


class RemedyForm(forms.ModelForm):
    """行政复议 / 行政诉讼 and its result (Table 4)."""

    class Meta:
        model = ApplicationRemedy
        fields = ["kind", "filed_on", "result", "decided_on", "note"]
        widgets = {
            "filed_on": forms.DateInput(attrs={"type": "date"}),
            "decided_on": forms.DateInput(attrs={"type": "date"}),
        }
        error_messages = {
            "kind": {"required": "请选择类型。", "invalid_choice": "请从列表中选择类型。"},
            "filed_on": DATE_ERRORS,
            "decided_on": DATE_ERRORS,
            "result": {"invalid_choice": "请从列表中选择结果。"},
        }

    def clean(self):
        data = super().clean()
        filed, decided, result = data.get("filed_on"), data.get("decided_on"), data.get("result")
        if decided and filed and decided < filed:
            self.add_error("decided_on", "审结日期不能早于申请或起诉日期。")
        if result and result != "pending" and not decided:
            self.add_error("decided_on", "已审结的请填写审结日期。")
        if result == "pending" and decided:
            self.add_error("result", "填写了审结日期的，请选择审结结果。")
        return data


REGISTER_FIELDS = [
    "site", "channel", "received_on", "applicant_kind", "organisation_type", "name", "id_document", "id_number",
    "legal_representative", "contact_person", "phone", "email", "address", "postcode", "document_title",
    "document_number", "description", "purpose", "provision_form", "delivery", "fee_waiver_requested",
    "fee_waiver_reason",
]  # fmt: skip


class RegisterForm(forms.ModelForm):
    """登记 an application received by letter, fax or in person (Art. 31: the day of receipt depends on the channel:
    the day signed for, the day confirmed, the day handed in)."""

    class Meta:
        model = InformationApplication
        fields = REGISTER_FIELDS
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "received_on": "信函以签收之日、传真以双方确认之日、当面提交以提交之日为收到申请之日（条例第三十一条）"
        }

    def __init__(self, *args, user=None, **kwargs):
        from .permissions import sites_for

        super().__init__(*args, **kwargs)
        site = self.fields["site"]
        site.queryset = sites_for(user).order_by("sort_order", "pk")
        site.label_from_instance = lambda p: p.org_name
        site.empty_label = None if site.queryset.count() == 1 else "请选择"
        site.error_messages["invalid_choice"] = "只能选择您所在的机关。"
        self.fields["channel"].choices = [c for c in Channel.choices if c[0] != Channel.ONLINE]
        self.fields["received_on"].error_messages.update(DATE_ERRORS)
        choices = (
            "site",
            "channel",
            "applicant_kind",
            "organisation_type",
            "id_document",
            "provision_form",
            "delivery",
        )
        for name, field in self.fields.items():
            field.error_messages["required"] = f"请{'选择' if name in choices else '填写'}{field.label}。"
            if name in choices and name != "site":
                field.error_messages["invalid_choice"] = f"请从列表中选择{field.label}。"

    def clean(self):
        data = super().clean()
        if data.get("applicant_kind") == ApplicantKind.ORGANISATION and not data.get("organisation_type"):
            self.add_error("organisation_type", "法人或其他组织请选择类别。")
        if data.get("fee_waiver_requested") and not (data.get("fee_waiver_reason") or "").strip():
            self.add_error("fee_waiver_reason", "申请减免费用请填写理由。")
        return data

    def receive_kwargs(self) -> dict:
        return dict(self.cleaned_data)
