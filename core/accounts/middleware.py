"""What a signed-in staff member's request passes before any view (等保 2.0 身份鉴别 b: 登录连接超时自动退出).

1. Session limits: signed out after ``STAFF_IDLE_MINUTES`` without a request, and ``STAFF_SESSION_HOURS`` after
   signing in whatever they do; in the admin they land on the login page with a Chinese message. The last-seen
   time is written at most once a minute (``ACTIVITY_RESOLUTION``), and Wagtail's background editing-session
   pings do not count as activity (an open edit page would otherwise never time out).
2. Two-factor gate (``two_factor``): an unverified user with a device is sent to the code page; a user who must
   have one and has none is sent to enrolment; nothing else of the site or admin is served meanwhile.
3. Password age (``passwords``): in the admin, an expired password sends the user to *账户设置* to change it.

Requests without a session cookie (every anonymous visitor) pass untouched: no session read, no write.
"""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpResponseRedirect
from django.urls import reverse

from ..enums import SecurityEventKind
from . import two_factor
from .passwords import password_expired

LOGIN_AT = "core.login_at"
LAST_SEEN = "core.last_seen"
ACTIVITY_RESOLUTION = 60  # seconds
LOGOUT_KIND_ATTRIBUTE = "core_logout_kind"
ADMIN_PREFIX = "/admin/"
IDLE_MESSAGE = "您已超过 {minutes} 分钟未操作，为保障账户安全已自动退出，请重新登录。"
EXPIRED_MESSAGE = "本次登录已超过 {hours} 小时，为保障账户安全已自动退出，请重新登录。"
PASSWORD_MESSAGE = "您的密码已使用超过 {days} 天，请先修改密码（账户设置 → 密码），再继续使用管理后台。"


def _paths(*names: str) -> frozenset[str]:
    return frozenset(reverse(name) for name in names)


def open_paths() -> frozenset[str]:
    """Admin pages every signed-in user reaches whatever the gates say."""
    return _paths("wagtailadmin_logout", "wagtailadmin_javascript_catalog", "wagtailadmin_sprite")


def is_background_ping(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX + "editing-sessions/")


def mark_signed_in(request) -> None:
    now = time.time()
    request.session[LOGIN_AT] = now
    request.session[LAST_SEEN] = now


def redirect_to(view_name: str, request) -> HttpResponseRedirect:
    return HttpResponseRedirect(f"{reverse(view_name)}?{urlencode({'next': request.get_full_path()})}")


class StaffLoginMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and SESSION_KEY in request.session:
            response = self.check_session(request)
            if response is None and request.user.is_authenticated:
                response = self.check_two_factor(request) or self.check_password_age(request)
            if response is not None:
                return response
        return self.get_response(request)

    def check_session(self, request):
        session, now = request.session, time.time()
        login_at, last_seen = session.get(LOGIN_AT), session.get(LAST_SEEN)
        if login_at is not None and now - login_at > settings.STAFF_SESSION_HOURS * 3600:
            message = EXPIRED_MESSAGE.format(hours=settings.STAFF_SESSION_HOURS)
            return self.sign_out(request, SecurityEventKind.SESSION_EXPIRED, message)
        if last_seen is not None and now - last_seen > settings.STAFF_IDLE_MINUTES * 60:
            message = IDLE_MESSAGE.format(minutes=settings.STAFF_IDLE_MINUTES)
            return self.sign_out(request, SecurityEventKind.IDLE_LOGOUT, message)
        if login_at is None:  # a session from before these limits: count from now
            session[LOGIN_AT] = now
        if not is_background_ping(request) and (last_seen is None or now - last_seen >= ACTIVITY_RESOLUTION):
            session[LAST_SEEN] = now
        return None

    @staticmethod
    def sign_out(request, kind: SecurityEventKind, message: str):
        setattr(request, LOGOUT_KIND_ATTRIBUTE, kind)  # read by signal_handlers.staff_logged_out
        logout(request)
        if not request.path_info.startswith(ADMIN_PREFIX):
            return None  # a public page: served on to an anonymous visitor
        messages.warning(request, message)
        return redirect_to("wagtailadmin_login", request)

    @staticmethod
    def check_two_factor(request):
        user = request.user
        if user.is_verified() or request.path_info in open_paths():
            return None
        if two_factor.has_device(user):
            target = "core_two_factor_verify"
        elif two_factor.two_factor_required(user):
            target = "core_two_factor_setup"
        else:
            return None
        if request.path_info == reverse(target):
            return None
        return redirect_to(target, request)

    @staticmethod
    def check_password_age(request):
        if settings.PASSWORD_MAX_AGE_DAYS <= 0 or not request.path_info.startswith(ADMIN_PREFIX):
            return None
        allowed = open_paths() | _paths("wagtailadmin_account", "core_two_factor_verify", "core_two_factor_setup")
        if request.path_info in allowed or not password_expired(request.user):
            return None
        messages.warning(request, PASSWORD_MESSAGE.format(days=settings.PASSWORD_MAX_AGE_DAYS))
        return HttpResponseRedirect(reverse("wagtailadmin_account"))
