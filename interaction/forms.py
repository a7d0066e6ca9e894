"""The public submission form (HTML page and API share its validation: every error is a Chinese field error)."""

from captcha.fields import CaptchaField
from django import forms
from django.core.validators import EmailValidator

from core.forms import MultipleFileField, PlainTextField, clean_mobile, clean_text
from core.uploads import attachment_kind, sanitize

from .enums import QuestionType

TITLE_LENGTH = (4, 100)
CONTENT_LENGTH = (10, 2000)
NAME_LENGTH = 40
MAX_ATTACHMENTS = 3


class QuestionForm(forms.Form):
    type = forms.ChoiceField(
        label="留言类型",
        choices=QuestionType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择留言类型。", "invalid_choice": "留言类型无效。"},
    )
    target = forms.ChoiceField(
        label="办理单位",
        required=False,
        help_text="可不选，由本网站转交有关单位办理",
        error_messages={"invalid_choice": "所选办理单位不在本网站群内。"},
    )
    title = PlainTextField(label="标题", error_messages={"required": "请填写标题。"})
    content = PlainTextField(
        label="内容",
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": "请填写留言内容。"},
        help_text=f"{CONTENT_LENGTH[0]}—{CONTENT_LENGTH[1]}字，纯文本",
    )
    name = PlainTextField(label="姓名", error_messages={"required": "请填写姓名。"})
    phone = PlainTextField(
        label="手机号码",
        error_messages={"required": "请填写手机号码。"},
        help_text="仅用于办理联系，任何页面都不会公开",
    )
    email = PlainTextField(label="电子邮箱", required=False, help_text="选填；答复后将邮件通知您")
    consent_publish = forms.BooleanField(label="同意公开我的留言和答复（姓名将隐去，手机号不会公开）", required=False)
    attachments = MultipleFileField(
        label="附件", required=False, help_text=f"选填，最多{MAX_ATTACHMENTS}个，JPG/PNG/PDF，每个不超过5MB"
    )

    def __init__(self, *args, targets=(), with_captcha=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.targets = {profile.slug: profile for profile in targets}
        if targets:
            self.fields["target"].choices = [("", "（不指定，由本网站转办）")] + [
                (profile.slug, profile.display_name) for profile in targets
            ]
        else:
            del self.fields["target"]
        if with_captcha:
            self.fields["captcha"] = CaptchaField(
                label="验证码",
                help_text="请计算图中算式并填写结果",
                error_messages={"invalid": "验证码不正确，请重新计算。", "required": "请填写验证码。"},
            )

    MESSAGE_FIELDS = ("type", "title", "content", "name", "phone", "email", "consent_publish")

    def message_fields(self) -> dict:
        """The cleaned message itself (what services.submit stores), without target, attachments and captcha."""
        return {name: self.cleaned_data[name] for name in self.MESSAGE_FIELDS}

    def clean_title(self):
        return clean_text(self.cleaned_data["title"], label="标题", bounds=TITLE_LENGTH)

    def clean_content(self):
        return clean_text(self.cleaned_data["content"], label="内容", bounds=CONTENT_LENGTH, multiline=True)

    def clean_name(self):
        return clean_text(self.cleaned_data["name"], label="姓名", bounds=(1, NAME_LENGTH))

    def clean_phone(self):
        return clean_mobile(self.cleaned_data["phone"])

    def clean_email(self):
        email = (self.cleaned_data.get("email") or "").strip()
        if email:
            EmailValidator(message="电子邮箱格式不正确。")(email)
        return email

    def clean_target(self):
        slug = self.cleaned_data.get("target") or ""
        if slug and slug not in self.targets:
            raise forms.ValidationError("所选办理单位不在本网站群内。")
        return self.targets.get(slug)

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(f"附件最多{MAX_ATTACHMENTS}个。")
        accepted = []
        for upload in files:
            kind = attachment_kind(upload)
            accepted.append((sanitize(upload, kind), kind))  # images re-encoded, PDFs checked: uploads.py
        return accepted
