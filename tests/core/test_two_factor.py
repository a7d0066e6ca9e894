"""Two-factor login (core.accounts.two_factor): required for superusers and for flagged groups, optional for
everyone else, verification with real TOTP codes, enrolment, devices, an administrator's reset, the audit."""

import pytest
from bs4 import BeautifulSoup
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.accounts import two_factor
from core.enums import SecurityEventKind
from core.models import GroupLoginPolicy
from tests.conftest import EDITOR_PASSWORD

from .login_helpers import admin_client, events, post_login, signed_in, totp_code

pytestmark = pytest.mark.django_db
SETUP, VERIFY, DEVICES = "/admin/two-factor/setup/", "/admin/two-factor/verify/", "/admin/two-factor/"


@pytest.fixture(autouse=True)
def enforce(settings):
    settings.TWO_FACTOR_ENFORCE = True


def sign_in(username: str, remote="198.51.100.20"):
    client = admin_client(remote)
    response = post_login(client, username, EDITOR_PASSWORD)
    assert response.status_code == 302 and signed_in(client)
    return client


def enrol(client, user, name="办公手机"):
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"otp_token": totp_code(device), "name": name, "next": "/admin/"})
    assert response.status_code == 302, response.content.decode()
    return TOTPDevice.objects.get(pk=device.pk)


def confirmed_device(user, name="手机验证器"):
    return TOTPDevice.objects.create(user=user, name=name, confirmed=True)


def test_a_superuser_without_a_device_sees_nothing_but_enrolment(group):
    client = sign_in("admin")
    for path in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/security/events/", "/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP + "?next=")
    page = client.get(SETUP)
    html = page.content.decode()
    assert page.status_code == 200
    assert "您的账户须使用两步验证登录" in html and "<svg" in html
    assert 'id="wagtail-sidebar"' not in html  # no menus before enrolment


def test_enrolment_with_a_real_code_opens_the_admin_and_is_audited(group, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    client = sign_in("admin")
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    secret = BeautifulSoup(client.get(SETUP).content, "html.parser").select_one("[data-testid=otp-secret]").text
    assert secret.replace(" ", "") == two_factor.secret_text(device).replace(" ", "")  # same secret on reload

    wrong = client.post(SETUP, {"otp_token": "000000" if totp_code(device) != "000000" else "111111", "name": "x"})
    assert wrong.status_code == 200
    assert "动态口令不正确" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()

    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    enrolled = client.post(SETUP, {"otp_token": totp_code(device), "name": "办公手机", "next": "/admin/pages/"})
    assert enrolled.status_code == 302 and enrolled["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert TOTPDevice.objects.get(user=admin, confirmed=True).name == "办公手机"
    (event,) = events(SecurityEventKind.OTP_ENROLLED)
    assert (event.user, event.detail, event.ip_address) == (admin, "办公手机", "198.51.100.20")


def test_a_user_with_a_device_must_enter_the_current_code(group, django_user_model, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # the wrong-code step below would otherwise delay the right one
    admin = django_user_model.objects.get(username="admin")
    device = confirmed_device(admin)
    client = sign_in("admin")
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"] == VERIFY + "?next=%2Fadmin%2Fpages%2F"
    assert client.get(SETUP).status_code == 302  # no second device before the first one's code

    wrong = client.post(VERIFY, {"otp_token": "12345a", "next": "/admin/pages/"})
    assert "请输入验证器上显示的 6 位数字" in wrong.content.decode()
    bad_code = "000000" if totp_code(device) != "000000" else "111111"
    wrong = client.post(VERIFY, {"otp_token": bad_code, "next": "/admin/pages/"})
    assert wrong.status_code == 200 and "动态口令不正确或已过期" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = client.post(VERIFY, {"otp_token": totp_code(device), "next": "/admin/pages/"})
    assert right.status_code == 302 and right["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert [e.user for e in events(SecurityEventKind.OTP_FAILED)] == [admin]
    assert [e.user for e in events(SecurityEventKind.OTP_VERIFIED)] == [admin]


def test_wrong_codes_are_throttled(group, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    device = confirmed_device(admin)
    client = sign_in("admin")
    bad_code = "000000" if totp_code(device) != "000000" else "111111"
    client.post(VERIFY, {"otp_token": bad_code})
    refused = client.post(VERIFY, {"otp_token": totp_code(device)})
    assert "输入错误次数过多" in refused.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_code_cannot_be_replayed(group, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    device = confirmed_device(admin)
    code = totp_code(device)
    first = sign_in("admin")
    assert first.post(VERIFY, {"otp_token": code}).status_code == 302
    second = sign_in("admin", remote="198.51.100.21")
    assert second.post(VERIFY, {"otp_token": code}).status_code == 200
    assert second.get("/admin/").status_code == 302


def test_an_editor_is_free_to_enrol_and_then_is_always_asked(group, editor, settings):
    client = sign_in("editor-hetang")
    assert client.get("/admin/").status_code == 200  # optional: no device, no requirement
    assert client.get(DEVICES).status_code == 200
    enrol(client, editor("hetang"))
    settings.TWO_FACTOR_ENFORCE = False  # even with the requirement off, whoever has a device is asked
    again = sign_in("editor-hetang", remote="198.51.100.30")
    assert again.get("/admin/")["Location"].startswith(VERIFY)


def group_edit_form_data(client, group_obj) -> dict:
    """Every field of the group editor as the browser would send it back unchanged."""
    soup = BeautifulSoup(client.get(f"/admin/groups/edit/{group_obj.pk}/").content, "html.parser")
    form = soup.select_one("form[method=post]")
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name, kind = field["name"], field.get("type", "")
        if field.name == "select":
            data.setdefault(name, []).extend(o.get("value", "") for o in field.select("option[selected]"))
        elif kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "textarea":
            data.setdefault(name, []).append(field.text)
        else:
            data.setdefault(name, []).append(field.get("value", ""))
    return data


def test_a_platform_admin_requires_two_factor_for_a_group_in_the_group_editor(group, editor, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    admin_session = admin_client()
    admin_session.force_login(admin)
    editors = group.hetang.editor_group
    # The superuser (required, no device) is sent to enrolment first.
    assert admin_session.get(f"/admin/groups/edit/{editors.pk}/")["Location"].startswith(SETUP)
    enrol(admin_session, admin)
    html = admin_session.get(f"/admin/groups/edit/{editors.pk}/").content.decode()
    assert "登录安全" in html and "本组成员登录须两步验证" in html

    data = group_edit_form_data(admin_session, editors)
    data["login_policy-require_two_factor"] = ["on"]
    response = admin_session.post(f"/admin/groups/edit/{editors.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert GroupLoginPolicy.objects.get(group=editors).require_two_factor
    (changed,) = events(SecurityEventKind.OTP_POLICY_CHANGED)
    assert changed.actor == admin and editors.name in changed.detail

    # Its members are now sent to enrolment; members of other groups are not.
    client = sign_in("editor-hetang")
    assert client.get("/admin/")["Location"].startswith(SETUP)
    assert "您的账户须使用两步验证登录" in client.get(SETUP).content.decode()
    assert sign_in("editor-changde").get("/admin/").status_code == 200


def test_a_required_user_cannot_remove_the_last_device_but_an_optional_one_can(group, editor):
    hetang = editor("hetang")
    two_factor.set_group_requirement(group.hetang.editor_group, True)
    client = sign_in("editor-hetang")
    device = enrol(client, hetang)
    refused = client.post(f"/admin/two-factor/{device.pk}/delete/", follow=True)
    assert "不能删除唯一的验证设备" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()

    changde = editor("changde")
    other = sign_in("editor-changde")
    own = enrol(other, changde)
    assert other.post(f"/admin/two-factor/{device.pk}/delete/").status_code == 404  # someone else's device
    assert other.post(f"/admin/two-factor/{own.pk}/delete/").status_code == 302
    assert not TOTPDevice.objects.filter(user=changde).exists()
    (removed,) = events(SecurityEventKind.OTP_REMOVED)
    assert removed.user == changde


def test_a_platform_admin_resets_a_lost_phone_and_editors_cannot(group, editor, django_user_model, settings):
    settings.TWO_FACTOR_ENFORCE = False
    hetang = editor("hetang")
    confirmed_device(hetang)
    url = f"/admin/two-factor/users/{hetang.pk}/"

    editor_client = admin_client()
    editor_client.force_login(editor("changde"))  # another site's staff: that user is not theirs to name (admin gate)
    assert editor_client.get(url).status_code == 404
    assert editor_client.post(url).status_code == 404
    colleague = django_user_model.objects.create_user("editor2-hetang", password="x")
    colleague.groups.add(group.hetang.editor_group)
    own_client = admin_client()
    own_client.force_login(colleague)  # a colleague's record: the page exists, but only platform administrators use it
    assert own_client.get(url).status_code == 403
    assert own_client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=hetang).exists()

    admin = django_user_model.objects.get(username="admin")
    admin_session = admin_client()
    admin_session.force_login(admin)
    assert f'href="{url}"' in admin_session.get("/admin/users/").content.decode()  # the listing's “更多” menu
    assert "重置两步验证" in admin_session.get(url).content.decode()
    assert admin_session.post(url).status_code == 302
    assert not TOTPDevice.objects.filter(user=hetang).exists()
    (reset,) = events(SecurityEventKind.OTP_RESET)
    assert (reset.user, reset.actor) == (hetang, admin)
    # The user signs in with the password alone again (optional) and may enrol anew.
    assert sign_in("editor-hetang").get("/admin/").status_code == 200


def test_the_requirement_is_off_when_not_enforced(group, django_user_model, settings):
    settings.TWO_FACTOR_ENFORCE = False
    assert not two_factor.two_factor_required(django_user_model.objects.get(username="admin"))
    assert sign_in("admin").get("/admin/").status_code == 200


def test_production_always_enforces(tmp_path):
    from tests.core.test_settings import run_production, valid_env

    probe = "import django; django.setup(); from django.conf import settings; print(settings.TWO_FACTOR_ENFORCE)"
    env = {**valid_env(tmp_path), "TRUSTED_PROXIES": "none", "TWO_FACTOR_ENFORCE": "0"}
    result = run_production(["-c", probe], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"
