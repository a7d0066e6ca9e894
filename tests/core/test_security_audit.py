"""The security audit (core.SecurityEvent): a read-only, superuser-only report; records survive deletion
attempts and the deletion of their user."""

import pytest
from django.utils import timezone

from core.accounts.audit import record
from core.enums import SecurityEventKind
from core.models import SecurityEvent
from core.models.accounts import AuditRecordProtected

from .login_helpers import admin_client, post_login

pytestmark = pytest.mark.django_db
REPORT = "/admin/security/events/"
PLATFORM_PAGES = [
    REPORT,
    REPORT + "results/",
    REPORT + "?export=csv",
    "/admin/security/lockouts/",
]


@pytest.fixture
def superuser_client(group, django_user_model):
    client = admin_client()
    client.force_login(django_user_model.objects.get(username="admin"))
    return client


@pytest.mark.parametrize("path", PLATFORM_PAGES)
def test_site_editors_get_a_403_for_the_platform_pages(group, editor, path):
    client = admin_client()
    client.force_login(editor("hetang"))
    response = client.get(path)
    assert response.status_code == 403
    assert "您没有访问此页面的权限" in response.content.decode()


def test_site_editors_do_not_see_the_menu_items(group, editor):
    client = admin_client()
    client.force_login(editor("hetang"))
    html = client.get("/admin/").content.decode()
    assert "安全审计" not in html and "登录锁定" not in html


def test_the_report_lists_and_filters_events(superuser_client):
    post_login(admin_client("198.51.100.44"), "editor-hetang", "Wrong-Passw0rd")
    post_login(admin_client("198.51.100.45"), "no-such-user", "Wrong-Passw0rd")
    html = superuser_client.get(REPORT).content.decode()
    assert "安全审计" in html and "登录失败" in html and "198.51.100.44" in html and "no-such-user" in html

    filtered = superuser_client.get(REPORT, {"kind": "login_failed", "username": "hetang"}).content.decode()
    assert "198.51.100.44" in filtered and "198.51.100.45" not in filtered
    by_address = superuser_client.get(REPORT, {"ip_address": "198.51.100.45"}).content.decode()
    assert "no-such-user" in by_address and "editor-hetang" not in by_address.split("<tbody", 1)[-1]
    today = timezone.localdate().isoformat()
    in_range = superuser_client.get(REPORT, {"timestamp_after": today, "timestamp_before": today})
    assert "198.51.100.44" in in_range.content.decode()


@pytest.mark.parametrize("value", ["not-an-address", "10.0.0.300", "x" * 300])
def test_a_bad_address_filter_is_a_field_error_not_a_500(superuser_client, value):
    response = superuser_client.get(REPORT, {"ip_address": value})
    assert response.status_code == 200


def test_the_report_exports_csv_in_chinese(superuser_client):
    post_login(admin_client("198.51.100.44"), "editor-hetang", "Wrong-Passw0rd")
    response = superuser_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = body.strip().splitlines()
    assert header.split(",")[:4] == ["时间", "事件", "用户名", "来源地址"]
    assert any("登录失败,editor-hetang,198.51.100.44" in row for row in rows)


def test_records_cannot_be_deleted_or_changed_through_the_application(group):
    event = record(SecurityEventKind.LOGIN_FAILED, username="someone")
    with pytest.raises(AuditRecordProtected):
        SecurityEvent.objects.all().delete()
    with pytest.raises(AuditRecordProtected):
        SecurityEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(AuditRecordProtected):
        event.delete()
    event.detail = "改写"
    with pytest.raises(AuditRecordProtected):
        event.save()
    assert SecurityEvent.objects.get(pk=event.pk).detail == ""


def test_there_is_no_edit_or_delete_page(superuser_client):
    event = record(SecurityEventKind.LOGIN_FAILED, username="someone")
    for path in (f"{REPORT}{event.pk}/", f"{REPORT}{event.pk}/delete/", f"{REPORT}{event.pk}/edit/"):
        assert superuser_client.get(path).status_code == 404
        assert superuser_client.post(path).status_code == 404
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_a_deleted_user_leaves_its_records(group, django_user_model):
    user = django_user_model.objects.create_user("temporary-editor", password="Qw7-zhuzhou-xk")
    event = record(SecurityEventKind.LOGIN, user=user)
    user.delete()
    event = SecurityEvent.objects.get(pk=event.pk)
    assert (event.user, event.username) == (None, "temporary-editor")


def test_control_characters_in_headers_do_not_break_the_audit(group):
    client = admin_client("198.51.100.46", HTTP_USER_AGENT="evil\x00agent\x1b", HTTP_ACCEPT="text/html\x00")
    post_login(client, "editor-hetang", "Wrong-Passw0rd")
    (event,) = SecurityEvent.objects.filter(ip_address="198.51.100.46")
    assert event.user_agent == "evilagent"
