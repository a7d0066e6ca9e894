"""Login failure handling (django-axes through core.accounts.lockout): per username and per client address,
behind trusted proxies only, the same for unknown usernames, unlocking, and the audit of each step."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from core.accounts.lockout import lockout_message
from core.enums import SecurityEventKind
from tests.conftest import EDITOR_PASSWORD

from .login_helpers import admin_client, events, post_login, signed_in

pytestmark = pytest.mark.django_db
WRONG = "Wrong-Passw0rd"
USER_LIMIT, IP_LIMIT = 5, 20


def test_the_limits_are_the_documented_defaults(settings):
    assert (settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_IP_FAILURE_LIMIT) == (USER_LIMIT, IP_LIMIT)
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_a_username_is_locked_after_its_limit_from_any_address(group):
    for n in range(1, USER_LIMIT):
        response = post_login(admin_client(f"198.51.100.{n}"), "editor-hetang", WRONG)
        assert response.status_code == 200  # the login page again, with Wagtail's “do not match” error
    response = post_login(admin_client("198.51.100.50"), "editor-hetang", WRONG)
    assert response.status_code == 429
    assert lockout_message() in response.content.decode()

    # Locked: even the right password from a fresh address is refused, and no session is opened.
    client = admin_client("203.0.113.99")
    response = post_login(client, "editor-hetang", EDITOR_PASSWORD)
    assert response.status_code == 429
    assert not signed_in(client)
    # Another account is not affected.
    other = admin_client("203.0.113.99")
    assert post_login(other, "editor-changde", EDITOR_PASSWORD).status_code == 302
    assert signed_in(other)


def test_the_lockout_does_not_tell_whether_the_username_exists(group):
    pages = {}
    for username in ("editor-hetang", "no-such-user"):
        for n in range(USER_LIMIT):
            response = post_login(admin_client(f"198.51.100.{n + 1}"), username, WRONG)
        pages[username] = response
    real, invented = pages["editor-hetang"], pages["no-such-user"]
    assert real.status_code == invented.status_code == 429
    assert lockout_message() in real.content.decode()
    assert lockout_message() in invented.content.decode()
    assert "editor-hetang" not in real.content.decode()


def test_an_address_is_locked_after_its_limit_whatever_usernames_it_tries(group):
    client = admin_client("198.51.100.7")
    for n in range(IP_LIMIT - 1):
        assert post_login(client, f"guess-{n}", WRONG).status_code == 200
    assert post_login(client, "guess-last", WRONG).status_code == 429
    # A real user behind that address is refused too; the same user elsewhere signs in.
    assert post_login(admin_client("198.51.100.7"), "editor-hetang", EDITOR_PASSWORD).status_code == 429
    elsewhere = admin_client("198.51.100.8")
    assert post_login(elsewhere, "editor-hetang", EDITOR_PASSWORD).status_code == 302
    assert signed_in(elsewhere)


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_behind_the_trusted_proxy_each_client_is_counted_on_its_own(group):
    attacker = admin_client("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    for n in range(IP_LIMIT):
        response = post_login(attacker, f"guess-{n}", WRONG)
    assert response.status_code == 429
    colleague = admin_client("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.67")
    assert post_login(colleague, "editor-hetang", EDITOR_PASSWORD).status_code == 302
    failures = events(SecurityEventKind.LOGIN_FAILED)
    assert {event.ip_address for event in failures} == {"198.51.100.66"}


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_forged_header_on_a_direct_connection_does_not_spread_the_count(group):
    for n in range(IP_LIMIT):
        client = admin_client("203.0.113.5", HTTP_X_FORWARDED_FOR=f"10.0.{n}.1")
        response = post_login(client, f"guess-{n}", WRONG)
    assert response.status_code == 429
    assert {e.ip_address for e in events(SecurityEventKind.LOGIN_FAILED)} == {"203.0.113.5"}


def test_an_ipv6_client_is_counted_by_its_64_network(group):
    for n in range(IP_LIMIT - 1):
        assert post_login(admin_client(f"2001:db8:1:2::{n + 1:x}"), f"guess-{n}", WRONG).status_code == 200
    assert post_login(admin_client("2001:db8:1:2:ffff::9"), "guess-last", WRONG).status_code == 429
    assert post_login(admin_client("2001:db8:1:3::1"), "editor-hetang", EDITOR_PASSWORD).status_code == 302


def test_every_step_is_audited_with_the_username_tried_and_the_client_address(group, editor):
    for _ in range(USER_LIMIT + 1):
        post_login(admin_client("198.51.100.9", HTTP_USER_AGENT="Mozilla/5.0 test"), "editor-hetang", WRONG)
    failed = events(SecurityEventKind.LOGIN_FAILED, username="editor-hetang")
    assert len(failed) == USER_LIMIT
    assert {(e.ip_address, e.user, e.user_agent) for e in failed} == {
        ("198.51.100.9", editor("hetang"), "Mozilla/5.0 test")
    }
    (locked,) = events(SecurityEventKind.LOCKED_OUT)
    assert (locked.username, locked.ip_address) == ("editor-hetang", "198.51.100.9")
    (refused,) = events(SecurityEventKind.LOCKED_ATTEMPT)
    assert refused.username == "editor-hetang"
    post_login(admin_client("198.51.100.9"), "nobody-at-all", WRONG)
    (unknown,) = events(SecurityEventKind.LOGIN_FAILED, username="nobody-at-all")
    assert unknown.user is None

    client = admin_client("198.51.100.10")
    post_login(client, "editor-changde", EDITOR_PASSWORD)
    (login,) = events(SecurityEventKind.LOGIN, username="editor-changde")
    assert login.ip_address == "198.51.100.10"
    client.post("/admin/logout/")
    (logout,) = events(SecurityEventKind.LOGOUT, username="editor-changde")
    assert logout.ip_address == "198.51.100.10"


def test_unlock_by_command_lets_the_user_in_again_and_is_audited(group, capsys):
    for _ in range(USER_LIMIT):
        post_login(admin_client("198.51.100.9"), "editor-hetang", WRONG)
    assert post_login(admin_client("198.51.100.11"), "editor-hetang", EDITOR_PASSWORD).status_code == 429
    call_command("unlock_login", username="editor-hetang")
    assert "已解除锁定" in capsys.readouterr().out
    client = admin_client("198.51.100.11")
    assert post_login(client, "editor-hetang", EDITOR_PASSWORD).status_code == 302
    (unlocked,) = events(SecurityEventKind.UNLOCKED)
    assert unlocked.username == "editor-hetang"
    assert "manage.py unlock_login" in unlocked.detail


def test_unlock_command_refuses_bad_input():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="请用 --username 或 --ip"):
        call_command("unlock_login")
    with pytest.raises(CommandError, match="来源地址格式不正确"):
        call_command("unlock_login", ip="10.0.0.300")


def test_a_platform_admin_unlocks_an_address_on_the_lockouts_page(group, django_user_model):
    attacker = admin_client("198.51.100.7")
    for n in range(IP_LIMIT):
        post_login(attacker, f"guess-{n}", WRONG)
    admin = admin_client("203.0.113.1")
    admin.force_login(django_user_model.objects.get(username="admin"))
    page = admin.get("/admin/security/lockouts/")
    assert page.status_code == 200
    assert "198.51.100.7" in page.content.decode()
    response = admin.post("/admin/security/lockouts/", {"ip": "198.51.100.7"})
    assert response.status_code == 302
    assert post_login(admin_client("198.51.100.7"), "editor-hetang", EDITOR_PASSWORD).status_code == 302
    (unlocked,) = events(SecurityEventKind.UNLOCKED)
    assert unlocked.actor.username == "admin"
    assert "198.51.100.7" in unlocked.detail
    bad = admin.post("/admin/security/lockouts/", {"ip": "not-an-address"}, follow=True)
    assert "来源地址格式不正确" in bad.content.decode()


def test_the_login_page_is_in_chinese(group):
    html = admin_client().get("/admin/login/").content.decode()
    assert "密码<span" in "".join(html.split())  # the label, whatever the template's indentation
    assert "Password" not in html
