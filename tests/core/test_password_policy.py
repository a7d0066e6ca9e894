"""Staff password policy (core.accounts.passwords and the settings' validators): length, three of four classes,
not like the username, not common, not numeric, Chinese messages; password changes audited; password age."""

from datetime import timedelta

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.accounts.passwords import character_classes, password_expired
from core.enums import SecurityEventKind

from .login_helpers import admin_client, events

pytestmark = pytest.mark.django_db


def messages_for(password, user=None) -> list[str]:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        return list(error.messages)
    return []


@pytest.mark.parametrize(
    ("password", "classes"),
    [("abcdefgh", 1), ("abcd1234", 2), ("Abcd1234", 3), ("Abcd-1234", 4), ("政务网站abc1", 3), ("abc 1234", 3)],
)
def test_character_classes(password, classes):
    assert character_classes(password) == classes


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("Ab1-xyz", "密码太短，至少须 10 个字符。"),
        ("abcdefghjkmn", "密码须至少包含大写字母、小写字母、数字、符号四类字符中的 3 类。"),
        ("qwpo4827xz", "密码须至少包含大写字母、小写字母、数字、符号四类字符中的 3 类。"),
        ("48291037564", "密码只包含数字。"),
        ("Password123", "这个密码太常见了。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(password, expected):
    assert expected in messages_for(password)


def test_a_password_like_the_username_is_refused(editor):
    assert any("太相似" in message for message in messages_for("Editor-Hetang9", user=editor("hetang")))


@pytest.mark.parametrize("password", ["Qw7-zhuzhou-xk", "river Lamp 4812", "荷塘Qs7x9mkp2"])
def test_strong_passwords_pass(password, editor):
    assert messages_for(password, user=editor("hetang")) == []


def test_the_admin_user_form_refuses_a_weak_password(group, django_user_model):
    client = admin_client()
    client.force_login(django_user_model.objects.get(username="admin"))
    data = {
        "username": "new-editor",
        "email": "new@example.gov.cn",
        "first_name": "新",
        "last_name": "编辑",
        "password1": "abcdefgh12",
        "password2": "abcdefgh12",
        "is_active": "on",
    }
    response = client.post("/admin/users/new/", data)
    assert response.status_code == 200
    assert "密码须至少包含大写字母、小写字母、数字、符号四类字符中的 3 类。" in response.content.decode()
    assert not django_user_model.objects.filter(username="new-editor").exists()

    data["password1"] = data["password2"] = "Qw7-zhuzhou-xk"
    assert client.post("/admin/users/new/", data).status_code == 302
    created = django_user_model.objects.get(username="new-editor")
    assert [e.user for e in events(SecurityEventKind.PASSWORD_CHANGED, user=created)] == [created]


def test_a_password_change_is_audited(editor):
    user = editor("hetang")
    user.set_password("Qw7-zhuzhou-xk")
    user.save()
    assert events(SecurityEventKind.PASSWORD_CHANGED, user=user)[-1].username == "editor-hetang"


def test_an_aged_password_sends_staff_to_the_password_form(group, editor, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    user = editor("zhuzhou-fgw")
    user.date_joined = timezone.now() - timedelta(days=120)
    user.save(update_fields=["date_joined"])
    assert password_expired(user)
    client = admin_client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/account/"
    account = client.get("/admin/account/")
    assert account.status_code == 200
    assert "您的密码已使用超过 90 天" in account.content.decode()

    user.set_password("Qw7-zhuzhou-xk")
    user.save()
    client.force_login(user)
    assert not password_expired(user)
    assert client.get("/admin/").status_code == 200


def test_passwords_do_not_age_when_switched_off(editor, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    user = editor("hetang")
    user.date_joined = timezone.now() - timedelta(days=3650)
    assert not password_expired(user)
