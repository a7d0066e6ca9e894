"""Staff session limits (core.accounts.middleware): idle timeout, absolute lifetime, what counts as activity,
cookie flags, and no session work for anonymous visitors."""

import time

import pytest
from django.contrib.sessions.models import Session

from core.accounts.middleware import LAST_SEEN, LOGIN_AT
from core.enums import SecurityEventKind
from tests.conftest import EDITOR_PASSWORD

from .login_helpers import admin_client, events, post_login, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(group, editor):
    client = admin_client()
    client.force_login(editor("hetang"))
    return client


def set_session(client, **values):
    session = client.session
    for key, value in values.items():
        session[key] = value
    session.save()


def test_defaults(settings):
    assert (settings.STAFF_IDLE_MINUTES, settings.STAFF_SESSION_HOURS) == (30, 8)
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_idle_staff_are_signed_out_to_the_login_page_with_a_chinese_message(staff, editor):
    set_session(staff, **{LAST_SEEN: time.time() - 31 * 60})
    response = staff.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=%2Fadmin%2Fpages%2F"
    assert not signed_in(staff)
    login_page = staff.get(response["Location"]).content.decode()
    assert "您已超过 30 分钟未操作，为保障账户安全已自动退出，请重新登录。" in login_page
    (event,) = events(SecurityEventKind.IDLE_LOGOUT)
    assert event.user == editor("hetang")
    assert not events(SecurityEventKind.LOGOUT)


def test_activity_within_the_limit_keeps_the_session(staff):
    set_session(staff, **{LAST_SEEN: time.time() - 29 * 60})
    assert staff.get("/admin/").status_code == 200
    assert time.time() - staff.session[LAST_SEEN] < 5  # refreshed


def test_the_absolute_lifetime_ends_even_an_active_session(staff):
    set_session(staff, **{LOGIN_AT: time.time() - 8 * 3600 - 60, LAST_SEEN: time.time()})
    response = staff.get("/admin/")
    assert response["Location"].startswith("/admin/login/")
    assert "本次登录已超过 8 小时" in staff.get(response["Location"]).content.decode()
    assert len(events(SecurityEventKind.SESSION_EXPIRED)) == 1


def test_last_seen_is_written_at_most_once_a_minute(staff):
    recent = time.time() - 30
    set_session(staff, **{LAST_SEEN: recent})
    staff.get("/admin/")
    assert staff.session[LAST_SEEN] == recent
    older = time.time() - 90
    set_session(staff, **{LAST_SEEN: older})
    staff.get("/admin/")
    assert staff.session[LAST_SEEN] > older


def test_editing_session_pings_are_not_activity(staff, group):
    before = time.time() - 120
    set_session(staff, **{LAST_SEEN: before})
    page_id = group.hetang.site.root_page_id
    staff.post(f"/admin/editing-sessions/ping/wagtailcore.page/{page_id}/0/")
    assert staff.session[LAST_SEEN] == before


def test_an_idle_session_on_a_public_page_is_ended_and_the_page_served(staff, group):
    set_session(staff, **{LAST_SEEN: time.time() - 3600})
    response = staff.get("/")
    assert response.status_code == 200
    assert not signed_in(staff)


def test_anonymous_visitors_get_no_session(group):
    before = Session.objects.count()
    response = admin_client().get("/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == before


def test_the_session_cookie_is_httponly_and_samesite_lax(group):
    client = admin_client()
    response = post_login(client, "editor-hetang", EDITOR_PASSWORD)
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
