"""Two-factor login with time-based one-time codes (等保 2.0 三级 身份鉴别 d: 应采用口令、密码技术、生物技术等两种或
两种以上组合的鉴别技术对用户进行身份鉴别).

After the password, a user with a confirmed TOTP device (django-otp; any RFC 6238 authenticator app) must enter
the app's current 6-digit code before anything else. Who *must* have a device once ``TWO_FACTOR_ENFORCE`` is on:
superusers (platform administrators) and members of a group whose ``GroupLoginPolicy`` requires it; anyone else
may enrol. A required user without a device is sent to enrolment. The QR code is drawn here as inline SVG
(segno): the secret never leaves the server in a URL or to a third party.
"""

import base64

import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..enums import SecurityEventKind
from ..models import GroupLoginPolicy
from .audit import record

DEFAULT_DEVICE_NAME = "手机验证器"


def two_factor_required(user) -> bool:
    """Whether the user may not use the admin without a second factor."""
    if not (settings.TWO_FACTOR_ENFORCE and user.is_authenticated):
        return False
    if user.is_superuser:
        return True
    return GroupLoginPolicy.objects.filter(group__user=user, require_two_factor=True).exists()


def confirmed_devices(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("created_at", "pk")


def has_device(user) -> bool:
    return confirmed_devices(user).exists()


def pending_device(user, *, create: bool = True) -> TOTPDevice | None:
    """The device being enrolled (unconfirmed until a code from it is entered); one per user."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None and create:
        device = TOTPDevice.objects.create(user=user, name=DEFAULT_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing into an app when the QR code cannot be scanned."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (no image request, no external service)."""
    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=4, light="#fff", title="两步验证二维码")


def seconds_locked(devices) -> int:
    """Seconds until django-otp's throttling (doubling delay after each wrong code) lets a code be tried again."""
    waits = []
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if allowed:
            return 0
        locked_until = (data or {}).get("locked_until")
        if locked_until:
            waits.append(max(1, int((locked_until - timezone.now()).total_seconds()) + 1))
    return min(waits) if waits else 0


def verify(request, token: str) -> tuple[bool, int]:
    """Check a code against the user's confirmed devices; on success mark the session verified. Audited.
    Returns (verified, seconds to wait before another try is allowed)."""
    user = request.user
    with transaction.atomic():
        devices = list(devices_for_user(user, confirmed=True, for_verify=True))
        wait = seconds_locked(devices)
        if wait:
            return False, wait
        for device in devices:
            if device.verify_token(token):
                otp_login(request, device)
                record(SecurityEventKind.OTP_VERIFIED, request, user=user, detail=device.name)
                return True, 0
    record(SecurityEventKind.OTP_FAILED, request, user=user, detail="动态口令错误")
    return False, 0


def enrol(request, device: TOTPDevice, token: str, name: str) -> bool:
    """Confirm the pending device with a code it produced; the session counts as verified from then on."""
    user = request.user
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().filter(pk=device.pk, user=user, confirmed=False).first()
        if device is None or not device.verify_token(token):
            return False
        device.confirmed = True
        device.name = name or DEFAULT_DEVICE_NAME
        device.save()
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    otp_login(request, device)
    record(SecurityEventKind.OTP_ENROLLED, request, user=user, detail=device.name)
    return True


def remove_device(request, device: TOTPDevice) -> None:
    name, owner = device.name, device.user
    device.delete()
    record(SecurityEventKind.OTP_REMOVED, request, user=owner, detail=name)


def reset_devices(request, user) -> int:
    """A platform administrator removes every device of ``user`` (lost phone); they enrol again at next login."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    record(SecurityEventKind.OTP_RESET, request, user=user, actor=request.user, detail=f"删除 {removed} 个设备")
    return removed


def set_group_requirement(group, required: bool, *, actor=None) -> bool:
    """Store a group's requirement; audited when it changes. Returns whether it changed."""
    policy, _ = GroupLoginPolicy.objects.get_or_create(group=group)
    if policy.require_two_factor == required:
        return False
    policy.require_two_factor = required
    policy.save(update_fields=["require_two_factor"])
    record(
        SecurityEventKind.OTP_POLICY_CHANGED,
        actor=actor,
        detail=f"用户组“{group.name}”：{'须两步验证' if required else '两步验证改为可选'}",
    )
    return True
