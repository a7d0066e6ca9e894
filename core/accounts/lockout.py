"""Login failure handling with django-axes (等保 2.0 身份鉴别: 应具有登录失败处理功能，应配置并启用结束会话、限制非法
登录次数等相关措施).

Failures are counted twice, separately: per username (from any address: someone guessing one account's password
from many machines) and per client address (any usernames: someone trying many accounts from one machine). Either
reaching its limit (``LOGIN_FAILURE_LIMIT``, ``LOGIN_IP_FAILURE_LIMIT``) within ``LOGIN_LOCKOUT_MINUTES`` of the
last failure refuses further logins for that long; every refused attempt restarts the period.

The client address is the one ``core.clients`` trusts (behind ``TRUSTED_PROXIES`` only), an IPv6 client counted by
its /64. The lockout page is the same whether or not the username exists, and a locked account is refused even
with the right password, so neither tells an attacker anything. Platform administrators unlock with
``manage.py unlock_login`` or on *设置 → 登录锁定* (``unlock``), which is audited.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.utils import timezone
from wagtail.admin.views.account import get_user_login_form

from ..clients import client_ip, network_key
from ..enums import SecurityEventKind
from .audit import clean_text, record, user_named

LOCKOUT_STATUS = 429


def lockout_message() -> str:
    return (
        f"登录失败次数过多，已暂停登录 {settings.LOGIN_LOCKOUT_MINUTES} 分钟，请稍后再试。"
        "如需立即恢复，请联系平台管理员解除锁定。"
    )


def lockout_ip(request) -> str | None:
    """The address failures are counted by: the trusted client address, an IPv6 client as the first address of
    its /64 (a subscriber holds a whole /64 and could otherwise rotate through it; axes stores an address)."""
    key = network_key(client_ip(request))
    if key == "unknown":
        return None
    return key.split("/")[0]


def failure_limits() -> dict[str, int]:
    return {"username": settings.LOGIN_FAILURE_LIMIT, "ip_address": settings.LOGIN_IP_FAILURE_LIMIT}


class LockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per counted parameter, and every failure written to the audit."""

    def get_failures(self, request, credentials=None) -> int:
        """Failures on the scale of ``AXES_FAILURE_LIMIT``: axes compares one number with one limit, so each
        parameter's count is rescaled — ``failures * base // limit`` reaches ``base`` exactly when ``failures``
        reaches that parameter's own limit."""
        base, limits = settings.AXES_FAILURE_LIMIT, failure_limits()
        worst = 0
        attempts_list = self.get_user_attempts(request, credentials)
        for parameter, attempts in zip(settings.AXES_LOCKOUT_PARAMETERS, attempts_list, strict=True):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            worst = max(worst, failures * base // limits[parameter])
        return worst

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        if request is not None:
            # Axes stores these headers as sent; a NUL in one would make PostgreSQL refuse the query (a 500).
            for attribute in ("axes_user_agent", "axes_http_accept"):
                setattr(request, attribute, clean_text(getattr(request, attribute, "") or "", 255))
        # Axes refuses a locked-out login in its backend without flagging the request (the failure is counted
        # again, restarting the period), so ask before it counts.
        already_locked = request is not None and self.is_locked(request, credentials)
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        username = get_client_username(request, credentials) or ""
        user = user_named(username)
        if already_locked:
            record(SecurityEventKind.LOCKED_ATTEMPT, request, user=user, username=username)
            return
        record(SecurityEventKind.LOGIN_FAILED, request, user=user, username=username, detail="用户名或密码错误")
        if getattr(request, "axes_locked_out", False):
            record(
                SecurityEventKind.LOCKED_OUT,
                request,
                user=user,
                username=username,
                detail=f"锁定 {settings.LOGIN_LOCKOUT_MINUTES} 分钟",
            )


def lockout_response(request, original_response=None, credentials=None):
    """Wagtail's own login page with the Chinese lockout message (429); nothing on it depends on the account."""
    context = {
        "form": get_user_login_form()(request),
        "lockout_message": lockout_message(),
        "show_password_reset": False,
        "username_field": "用户名",
    }
    return render(request, "core/accounts/locked_out.html", context, status=LOCKOUT_STATUS)


def active_lockouts():
    """Counted failures still inside the lockout period, newest first (the *登录锁定* page)."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(attempt_time__gte=threshold).order_by("-attempt_time")


def unlock(*, username: str = "", ip: str = "", actor=None, request=None, via: str = "") -> int:
    """Forget the counted failures of a username and/or an address; returns how many records went. Audited."""
    if not (username or ip):
        raise ValueError("unlock needs a username or an address")
    removed = reset(ip=ip or None, username=username or None)
    what = "，".join(part for part in (username and f"用户名 {username}", ip and f"地址 {ip}") if part)
    record(
        SecurityEventKind.UNLOCKED,
        request,
        user=user_named(username),
        username=username,
        actor=actor,
        detail=f"解除{what}的锁定（清除 {removed} 条失败记录）{via}",
    )
    return removed
