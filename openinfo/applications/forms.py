"""The public 依申请公开 form (政府信息公开条例 Art. 29: what an application contains). The HTML page and
``POST /api/v1/openinfo/applications/`` validate with it: every mistake is a Chinese error on its field.

Identity numbers are checked with their check character (python-stdnum): a 居民身份证 number (GB 11643, 18 characters,
the last a digit or X, a real birth date) and a 统一社会信用代码 (GB 32100, 18 characters). Other documents are
checked for their shape only.
"""

import re

from captcha.fields import CaptchaField
from django import forms
from django.core.validators import EmailValidator
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc

from core.forms import MultipleFileField, PlainTextField, clean_mobile, clean_text
from core.uploads import attachment_kind, sanitize

from .enums import ApplicantKind, Delivery, IdentityDocument, OrganisationType, ProvisionForm
from .services import APPLICANT_FIELDS

NAME_LENGTH = 100
DESCRIPTION_LENGTH = (10, 2000)
DOCUMENT_TITLE_LENGTH = 200
DOCUMENT_NUMBER_LENGTH = 100
PURPOSE_LENGTH = 200
ADDRESS_LENGTH = 200
PERSON_LENGTH = 40
WAIVER_REASON_LENGTH = 500
MAX_ATTACHMENTS = 3
OTHER_DOCUMENT_RE = re.compile(r"^[A-Z0-9]{5,40}$")
POSTCODE_RE = re.compile(r"^\d{6}$")
CITIZEN_DOCUMENTS = [choice for choice in IdentityDocument.choices if choice[0] != IdentityDocument.CREDIT_CODE]
STDNUM_MESSAGES = {
    stdnum_errors.InvalidChecksum: "校验位不正确，请核对后重新填写",
    stdnum_errors.InvalidLength: "应为18位",
    stdnum_errors.InvalidFormat: "含有不应出现的字符",
    stdnum_errors.InvalidComponent: "其中的出生日期或地区代码无效",
}


def identity_number(document: str, value: str) -> str:
    """The number in its stored form (upper case, no spaces), or a ValidationError saying what is wrong."""
    number = re.sub(r"[\s-]", "", value or "").upper()
    if not number:
        raise forms.ValidationError("请填写证件号码。")
    if document in (IdentityDocument.ID_CARD, IdentityDocument.CREDIT_CODE):
        module, label = (ric, "居民身份证号码") if document == IdentityDocument.ID_CARD else (uscc, "统一社会信用代码")
        try:
            return module.validate(number)
        except stdnum_errors.ValidationError as error:
            reason = next((m for kind, m in STDNUM_MESSAGES.items() if isinstance(error, kind)), "无效")
            raise forms.ValidationError(f"{label}{reason}。") from None
    if not OTHER_DOCUMENT_RE.match(number):
        raise forms.ValidationError("证件号码应为5—40位字母或数字。")
    return number


def _text(label, *, required=False, textarea=False, help_text=""):
    widget = forms.Textarea(attrs={"rows": 6}) if textarea else None
    return PlainTextField(
        label=label,
        required=required,
        widget=widget,
        help_text=help_text,
        error_messages={"required": f"请填写{label}。"},
    )


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=ApplicantKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择申请人类型。", "invalid_choice": "申请人类型无效。"},
    )
    organisation_type = forms.ChoiceField(
        label="法人或其他组织类别",
        required=False,
        choices=[("", "（公民无需选择）"), *OrganisationType.choices],
        error_messages={"invalid_choice": "组织类别无效。"},
    )
    name = _text("申请人姓名或名称", required=True)
    id_document = forms.ChoiceField(
        label="证件类型",
        choices=IdentityDocument.choices,
        help_text="公民填写身份证件；法人或其他组织填写统一社会信用代码",
        error_messages={"required": "请选择证件类型。", "invalid_choice": "证件类型无效。"},
    )
    id_number = _text("证件号码", required=True, help_text="不会在任何页面公开")
    legal_representative = _text("法定代表人或负责人", help_text="法人或其他组织填写")
    contact_person = _text("联系人", help_text="法人或其他组织填写")
    phone = _text("联系电话（手机）", required=True, help_text="仅用于办理联系，不会在任何页面公开")
    email = _text("电子邮箱", help_text="通过电子邮件获取信息时必填")
    address = _text("通信地址", help_text="邮寄获取信息时必填")
    postcode = _text("邮政编码")
    description = _text(
        "所需信息的内容描述",
        required=True,
        textarea=True,
        help_text=f"{DESCRIPTION_LENGTH[0]}—{DESCRIPTION_LENGTH[1]}字；请写明便于查询的特征，如制作机关、时间、事项",
    )
    document_title = _text("所需信息的名称", help_text="知道文件名称时填写")
    document_number = _text("文号", help_text="如“株政发〔2024〕1号”，知道时填写")
    purpose = _text("用途", help_text="选填")
    provision_form = forms.ChoiceField(
        label="获取信息的方式",
        choices=ProvisionForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的方式。", "invalid_choice": "获取信息的方式无效。"},
    )
    delivery = forms.ChoiceField(
        label="获取信息的途径",
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择获取信息的途径。", "invalid_choice": "获取信息的途径无效。"},
    )
    fee_waiver_requested = forms.BooleanField(label="申请减免信息处理费", required=False)
    fee_waiver_reason = _text("减免理由", textarea=True, help_text="申请减免时填写，如享受最低生活保障")
    attachments = MultipleFileField(
        label="附件",
        required=False,
        help_text=f"选填，如身份证件复印件；最多{MAX_ATTACHMENTS}个，JPG/PNG/PDF，每个不超过5MB",
    )

    # What services store on the application (attachments and the captcha are not part of it): what a transfer
    # copies to the receiving organ too.
    APPLICATION_FIELDS = APPLICANT_FIELDS

    def __init__(self, *args, with_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_captcha:
            self.fields["captcha"] = CaptchaField(
                label="验证码",
                help_text="请计算图中算式并填写结果",
                error_messages={"invalid": "验证码不正确，请重新计算。", "required": "请填写验证码。"},
            )

    def application_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.APPLICATION_FIELDS}

    def clean_name(self):
        return clean_text(self.cleaned_data["name"], label="申请人姓名或名称", bounds=(1, NAME_LENGTH))

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def clean_email(self):
        email = clean_text(self.cleaned_data.get("email"), label="电子邮箱", bounds=(0, 254))
        if email:
            EmailValidator(message="电子邮箱格式不正确。")(email)
        return email

    def clean_postcode(self):
        postcode = clean_text(self.cleaned_data.get("postcode"), label="邮政编码", bounds=(0, 6))
        if postcode and not POSTCODE_RE.match(postcode):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return postcode

    def clean_description(self):
        value = self.cleaned_data["description"]
        return clean_text(value, label="所需信息的内容描述", bounds=DESCRIPTION_LENGTH, multiline=True)

    def clean_fee_waiver_reason(self):
        value = self.cleaned_data.get("fee_waiver_reason")
        return clean_text(value, label="减免理由", bounds=(0, WAIVER_REASON_LENGTH), multiline=True)

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"附件最多{MAX_ATTACHMENTS}个。")
        accepted = []
        for upload in files:
            kind = attachment_kind(upload)
            accepted.append((sanitize(upload, kind), kind))  # images re-encoded, PDFs checked: core/uploads.py
        return accepted

    def clean(self):
        data = super().clean()
        self._clean_applicant(data)
        self._clean_delivery(data)
        if data.get("fee_waiver_requested") and not data.get("fee_waiver_reason"):
            self.add_error("fee_waiver_reason", "申请减免信息处理费时请说明理由。")
        return data

    def _clean_applicant(self, data):
        kind, document = data.get("applicant_kind"), data.get("id_document")
        if kind == ApplicantKind.ORGANISATION:
            if not data.get("organisation_type"):
                self.add_error("organisation_type", "法人或其他组织请选择组织类别。")
            if document and document != IdentityDocument.CREDIT_CODE:
                self.add_error("id_document", "法人或其他组织请选择“统一社会信用代码”。")
                return
        elif kind == ApplicantKind.CITIZEN:
            data["organisation_type"] = ""
            if document == IdentityDocument.CREDIT_CODE:
                self.add_error("id_document", "公民请选择身份证件（如居民身份证）。")
                return
        if document and "id_number" in data:
            try:
                data["id_number"] = identity_number(document, data["id_number"])
            except forms.ValidationError as error:
                self.add_error("id_number", error)

    def _clean_delivery(self, data):
        needs_email = data.get("provision_form") == ProvisionForm.EMAIL or data.get("delivery") == Delivery.ELECTRONIC
        if needs_email and "email" in data and not data["email"]:
            self.add_error("email", "通过电子邮件或电子方式获取信息时，请填写电子邮箱。")
        if data.get("delivery") == Delivery.POST and "address" in data and not data["address"]:
            self.add_error("address", "邮寄获取信息时，请填写通信地址。")


def _bounded(name: str, label: str, limit: int):
    def clean(self):
        return clean_text(self.cleaned_data.get(name), label=label, bounds=(0, limit))

    clean.__name__ = f"clean_{name}"
    return clean


for _name, _label, _limit in (
    ("id_number", "证件号码", 40),
    ("legal_representative", "法定代表人或负责人", PERSON_LENGTH),
    ("contact_person", "联系人", PERSON_LENGTH),
    ("address", "通信地址", ADDRESS_LENGTH),
    ("document_title", "所需信息的名称", DOCUMENT_TITLE_LENGTH),
    ("document_number", "文号", DOCUMENT_NUMBER_LENGTH),
    ("purpose", "用途", PURPOSE_LENGTH),
):
    setattr(ApplicationForm, f"clean_{_name}", _bounded(_name, _label, _limit))
