"""The two-factor pages of the admin: the code page after the password, enrolment with a QR code, one's own
devices, and a platform administrator's reset of someone else's devices (lost phone). All audited."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..enums import SecurityEventKind
from ..errors import permission_denied
from . import two_factor
from .audit import record
from .forms import EnrolForm, TokenForm

WRONG_CODE = "动态口令不正确或已过期，请输入验证器上当前显示的数字。"
WRONG_ENROL_CODE = "动态口令不正确。请确认已扫描本页的二维码（或输入了本页的密钥），且手机时间准确，然后重试。"
THROTTLED = "输入错误次数过多，请 {seconds} 秒后再试。"
EXPIRED_SETUP = "二维码已失效，请重新扫描本页的新二维码。"
LAST_DEVICE = "您的账户须使用两步验证，不能删除唯一的验证设备；请先添加新设备，再删除旧设备。"


def with_next(view_name: str, next_url: str) -> str:
    return f"{reverse(view_name)}?{urlencode({'next': next_url})}"


class SuperuserRequiredMixin:
    """Platform administrators only; anyone else gets the Chinese 403 page. (Raising PermissionDenied would not
    do: Wagtail's admin turns it into a redirect to the dashboard.)"""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class NextUrlMixin:
    def next_url(self) -> str:
        url = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(
            url, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        )
        return url if safe else reverse("wagtailadmin_home")

    def get_context_data(self, **kwargs):
        return super().get_context_data(next=self.next_url(), **kwargs)


class VerifyView(NextUrlMixin, FormView):
    """After the password: the current code of one of the user's devices."""

    template_name = "core/accounts/verify.html"
    form_class = TokenForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_verified():
            return redirect(self.next_url())
        if not two_factor.has_device(request.user):
            return redirect(with_next("core_two_factor_setup", self.next_url()))
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        verified, wait = two_factor.verify(self.request, form.cleaned_data["otp_token"])
        if verified:
            return redirect(self.next_url())
        if wait:
            record(SecurityEventKind.OTP_FAILED, self.request, user=self.request.user, detail="尝试过于频繁，未校验")
        form.add_error("otp_token", THROTTLED.format(seconds=wait) if wait else WRONG_CODE)
        return self.form_invalid(form)


class SetupView(NextUrlMixin, FormView):
    """Enrolment: scan the QR code (or type the secret), then prove it with a code."""

    template_name = "core/accounts/setup.html"
    form_class = EnrolForm

    def dispatch(self, request, *args, **kwargs):
        if two_factor.has_device(request.user) and not request.user.is_verified():
            return redirect(with_next("core_two_factor_verify", self.next_url()))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        device = two_factor.pending_device(self.request.user)
        return super().get_context_data(
            qr_svg=two_factor.qr_svg(device),
            secret=two_factor.secret_text(device),
            required=two_factor.two_factor_required(self.request.user),
            has_device=two_factor.has_device(self.request.user),
            **kwargs,
        )

    def form_valid(self, form):
        device = two_factor.pending_device(self.request.user, create=False)
        if device is None:
            form.add_error("otp_token", EXPIRED_SETUP)
            return self.form_invalid(form)
        if not two_factor.enrol(self.request, device, form.cleaned_data["otp_token"], form.cleaned_data["name"]):
            form.add_error("otp_token", WRONG_ENROL_CODE)
            return self.form_invalid(form)
        messages.success(self.request, "两步验证已启用。以后登录时，输入密码后还须输入验证器上的动态口令。")
        return redirect(self.next_url() if self.request.POST.get("next") else reverse("core_two_factor_devices"))


class TitledAdminMixin(WagtailAdminTemplateMixin):
    """Wagtail's admin frame with the page's own title as the last breadcrumb (the frame shows only 首页 else)."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class DevicesView(TitledAdminMixin, TemplateView):
    """One's own devices (*账户设置 → 两步验证*)."""

    template_name = "core/accounts/devices.html"
    page_title = "两步验证"
    header_icon = "lock"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            devices=two_factor.confirmed_devices(user),
            required=two_factor.two_factor_required(user),
            **kwargs,
        )


class DeviceDeleteView(TitledAdminMixin, TemplateView):
    template_name = "core/accounts/device_delete.html"
    page_title = "删除验证设备"
    header_icon = "bin"

    def dispatch(self, request, *args, **kwargs):
        # Only one's own confirmed devices: anyone else's id is a 404, like any object outside one's reach.
        self.device = get_object_or_404(two_factor.confirmed_devices(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(device=self.device, **kwargs)

    def post(self, request, *args, **kwargs):
        user = request.user
        if two_factor.two_factor_required(user) and two_factor.confirmed_devices(user).count() <= 1:
            messages.error(request, LAST_DEVICE)
        else:
            two_factor.remove_device(request, self.device)
            messages.success(request, f"已删除验证设备“{self.device.name}”。")
        return redirect("core_two_factor_devices")


class UserTwoFactorView(SuperuserRequiredMixin, TitledAdminMixin, TemplateView):
    """A platform administrator sees a user's devices and can remove them all (the user enrols again)."""

    template_name = "core/accounts/user_two_factor.html"
    page_title = "两步验证"
    header_icon = "lock"

    def dispatch(self, request, *args, **kwargs):
        self.target = get_object_or_404(get_user_model(), pk=kwargs["user_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.target.get_username()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            target=self.target,
            devices=two_factor.confirmed_devices(self.target),
            required=two_factor.two_factor_required(self.target),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        removed = two_factor.reset_devices(request, self.target)
        messages.success(
            request,
            f"已重置用户“{self.target.get_username()}”的两步验证（删除 {removed} 个设备），其下次登录时重新绑定。",
        )
        return redirect("core_user_two_factor", user_id=self.target.pk)
