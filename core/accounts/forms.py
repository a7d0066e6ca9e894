"""Forms of the staff login pages, and the “登录安全” panel of Wagtail's group editor."""

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from wagtail.admin.forms.auth import LoginForm
from wagtail.log_actions import get_active_log_context

from ..models import GroupLoginPolicy
from . import two_factor

TOKEN_MESSAGE = "请输入验证器上显示的 6 位数字。"


class StaffLoginForm(LoginForm):
    """Wagtail's login form with its labels in Chinese (its password field has none, so Django shows
    “Password”); ``WAGTAILADMIN_USER_LOGIN_FORM``."""

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["username"].widget.attrs["placeholder"] = "请输入用户名"
        self.fields["password"].label = "密码"
        self.fields["password"].widget.attrs["placeholder"] = "请输入密码"


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label="动态口令",
        min_length=6,
        max_length=6,
        error_messages={"required": TOKEN_MESSAGE, "min_length": TOKEN_MESSAGE, "max_length": TOKEN_MESSAGE},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
        help_text=(
            "打开手机上的身份验证器应用（支持 TOTP 标准的任一应用，如 FreeOTP、Microsoft Authenticator），"
            "输入本账户当前的 6 位数字。"
        ),
    )

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError(TOKEN_MESSAGE)
        return token


class EnrolForm(TokenForm):
    name = forms.CharField(
        label="设备名称",
        max_length=64,
        required=False,
        initial=two_factor.DEFAULT_DEVICE_NAME,
        help_text="便于识别，如“办公手机”。",
    )


class GroupLoginPolicyPanel(forms.Form):
    """Shown on the group create/edit page (``register_group_permission_panel``); only platform administrators
    edit groups."""

    template_name = "core/accounts/group_login_policy_panel.html"
    require_two_factor = forms.BooleanField(
        label="本组成员登录须两步验证",
        required=False,
        help_text=GroupLoginPolicy._meta.get_field("require_two_factor").help_text,
    )

    def __init__(self, data=None, files=None, instance=None, prefix="login_policy"):
        self.instance = instance
        initial = {}
        if instance is not None and instance.pk is not None:
            policy = GroupLoginPolicy.objects.filter(group=instance).first()
            initial["require_two_factor"] = bool(policy and policy.require_two_factor)
        super().__init__(data, files, initial=initial, prefix=prefix)

    def as_admin_panel(self):
        return render_to_string(
            self.template_name, {"form": self, "enforced": settings.TWO_FACTOR_ENFORCE, "panel_id": "login-policy"}
        )

    def save(self):
        actor = get_active_log_context().user
        two_factor.set_group_requirement(self.instance, self.cleaned_data["require_two_factor"], actor=actor)
