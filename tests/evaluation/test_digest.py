"""The daily 网站健康检查 alert digest: sent once to the right people, not again when nothing changed, again when a
new finding appears, scoped to the site's own findings, through the task queue."""

import datetime
import io
import smtplib

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from evaluation import digest, services
from evaluation.checks.base import FindingData
from evaluation.enums import Severity
from evaluation.models import DigestNotice, Finding, InspectionRun
from sites.models import SiteProfile

TODAY = datetime.date(2026, 11, 2)
ADDRESSES = {
    "zhuzhou": "zhuzhou@example.gov.cn",
    "hetang": "hetang@example.gov.cn",
    "zhuzhou-fgw": "fgw@example.gov.cn",
    "hetang-yuetang": "yuetang@example.gov.cn",
    "hetang-daping": "daping@example.gov.cn",
    "changde": "changde@example.gov.cn",
}


@pytest.fixture
def staff(group):
    for slug, address in ADDRESSES.items():
        get_user_model().objects.filter(username=f"editor-{slug}").update(email=address)
    # Without an address, or inactive: never a recipient.
    get_user_model().objects.create_user("nomail-hetang").groups.add(group.hetang.editor_group)
    inactive = get_user_model().objects.create_user("gone-hetang", email="gone@example.gov.cn", is_active=False)
    inactive.groups.add(group.hetang.reviewer_group)
    return group


class Stub:
    """A check that finds what the test says, run through the real runner (first seen, resolution)."""

    name = "homepage"
    offline = True

    def __init__(self, found):
        self.found = found

    def run(self, site, today):
        return self.found


def warning(key, due=None, severity=Severity.WARNING, title=None):
    return FindingData(
        code="stale",
        severity=severity,
        key=key,
        title=title or f"问题 {key}",
        url=f"http://example.localhost/{key}/",
        edit_url=f"/admin/pages/{len(key)}/edit/",
        due=due,
        detail="不进入邮件的说明",
    )


def inspect(slug, found, today=TODAY):
    site = SiteProfile.objects.with_site().get(slug=slug)
    run = InspectionRun.objects.create(today=today, site_slugs=[slug])
    services.inspect_site(run, site, [Stub(found)])
    return site


def send(today=TODAY):
    call_command("send_inspection_digest", date=today.isoformat(), stdout=io.StringIO())


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_sent_once_to_the_site_staff_and_its_portal_office(staff, django_capture_on_commit_callbacks):
    inspect("hetang", [warning("site:home", due=TODAY + datetime.timedelta(days=4)), warning("v", None, Severity.VETO)])
    with django_capture_on_commit_callbacks(execute=True):
        send()
    assert recipients() == ["hetang@example.gov.cn", "zhuzhou@example.gov.cn"]  # one email each
    message = mail.outbox[0]
    assert message.subject == "【网站健康检查】荷塘区人民政府：新增单项否决风险 1 项、预警 1 项"
    assert "距单项否决还有 4 天（2026-11-06）" in message.body
    assert message.body.index("问题 v") < message.body.index("问题 site:home")  # vetoes first
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/pages/9/edit/" in message.body  # site:home's edit page
    assert "不进入邮件的说明" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "还剩 4 天" in html and "首页不更新" in html
    assert DigestNotice.objects.filter(site__slug="hetang").count() == 2

    mail.outbox.clear()
    inspect("hetang", [warning("site:home", due=TODAY + datetime.timedelta(days=4)), warning("v", None, Severity.VETO)])
    with django_capture_on_commit_callbacks(execute=True):
        send(TODAY + datetime.timedelta(days=1))
    assert mail.outbox == []  # unchanged: nothing sent


def test_a_new_finding_is_sent_alone(staff, django_capture_on_commit_callbacks):
    inspect("hetang", [warning("a")])
    with django_capture_on_commit_callbacks(execute=True):
        send()
    mail.outbox.clear()
    inspect("hetang", [warning("a"), warning("b")], TODAY + datetime.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        send(TODAY + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2
    body = mail.outbox[0].body
    assert "问题 b" in body and "问题 a" not in body
    assert mail.outbox[0].subject.endswith("新增预警 1 项")


def test_a_warning_turning_into_a_veto_is_new(staff):
    inspect("hetang", [warning("site:home", due=TODAY)])
    assert digest.send_digest(staff.hetang.pk, TODAY) == 2
    inspect("hetang", [warning("site:home", severity=Severity.VETO)], TODAY + datetime.timedelta(days=1))
    mail.outbox.clear()
    assert digest.send_digest(staff.hetang.pk, TODAY + datetime.timedelta(days=1)) == 2
    assert "新增单项否决风险 1 项" in mail.outbox[0].subject


def test_fixed_findings_and_advisories_are_not_sent(staff):
    inspect("hetang", [warning("a"), warning("hint", severity=Severity.ADVISORY)])
    inspect("hetang", [warning("hint", severity=Severity.ADVISORY)], TODAY + datetime.timedelta(days=1))  # a fixed
    assert digest.sites_with_news() == []
    assert digest.send_digest(staff.hetang.pk, TODAY) == 0
    assert mail.outbox == []


def test_scoped_a_department_gets_only_its_own_findings(staff, django_capture_on_commit_callbacks):
    inspect("hetang", [warning("hetang-only", title="荷塘区的问题")])
    inspect("zhuzhou-fgw", [warning("fgw-only", title="发改委的问题")])
    inspect("changde", [warning("changde-only", title="常德的问题")])
    with django_capture_on_commit_callbacks(execute=True):
        send()
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message.body)
    assert len(by_address["fgw@example.gov.cn"]) == 1
    assert "发改委的问题" in by_address["fgw@example.gov.cn"][0]
    assert "荷塘区的问题" not in by_address["fgw@example.gov.cn"][0]
    assert len(by_address["hetang@example.gov.cn"]) == 1 and "荷塘区的问题" in by_address["hetang@example.gov.cn"][0]
    assert len(by_address["zhuzhou@example.gov.cn"]) == 2  # the city's office: its district's and department's
    assert by_address["changde@example.gov.cn"] == [by_address["changde@example.gov.cn"][0]]
    assert "常德的问题" in by_address["changde@example.gov.cn"][0]
    assert "yuetang@example.gov.cn" not in by_address


def test_a_village_reports_to_the_nearest_portal(staff):
    daping = SiteProfile.objects.get(slug="hetang-daping")
    assert digest.portal_office(daping).slug == "hetang"
    inspect("hetang-daping", [warning("x")])
    digest.send_digest(daping.pk, TODAY)
    assert recipients() == ["daping@example.gov.cn", "hetang@example.gov.cn"]


def test_nothing_remembered_when_nobody_can_be_told(group):
    inspect("hetang", [warning("a")])  # no staff member has an address yet
    assert digest.send_digest(group.hetang.pk, TODAY) == 0
    assert not DigestNotice.objects.exists()


def test_through_the_worker_and_a_retry_when_the_mail_server_is_down(
    staff, db_worker, monkeypatch, django_capture_on_commit_callbacks
):
    inspect("zhuzhou-fgw", [warning("a")])
    with django_capture_on_commit_callbacks(execute=True):
        send()
    assert mail.outbox == []  # queued, not sent by the command

    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        db_worker()
    assert mail.outbox == [] and not DigestNotice.objects.exists()  # nothing remembered: it will be sent
    from django_tasks_db.models import DBTaskResult

    row = DBTaskResult.objects.get(task_path="evaluation.tasks.send_inspection_digest_task")
    assert row.status == "READY" and row.run_after > timezone.now()  # retried later (core.tasks.retry_on)
    DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())
    db_worker()
    assert recipients() == ["fgw@example.gov.cn", "zhuzhou@example.gov.cn"]
    assert DigestNotice.objects.filter(site__slug="zhuzhou-fgw").count() == 1


def test_command_dry_run_and_bad_date(staff, capsys):
    from django.core.management.base import CommandError

    inspect("hetang", [warning("a"), warning("b")])
    call_command("send_inspection_digest", "--dry-run", date=TODAY.isoformat())
    out = capsys.readouterr().out
    assert "荷塘区人民政府：2 项" in out and "将通知 1 个网站" in out
    assert mail.outbox == [] and not DigestNotice.objects.exists()
    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("send_inspection_digest", date="2026-13-01")


def _notices(slug):
    return set(DigestNotice.objects.filter(site__slug=slug).values_list("key", "severity"))


def test_notices_of_findings_fixed_long_ago_are_pruned_in_batches(staff, monkeypatch):
    inspect("hetang", [warning("fixed-long-ago"), warning("fixed-lately"), warning("open"), warning("turned")])
    assert digest.send_digest(staff.hetang.pk, TODAY) == 2
    later = TODAY + datetime.timedelta(days=1)
    inspect("hetang", [warning("open"), warning("turned", severity=Severity.VETO)], later)  # two fixed
    now = timezone.now()
    Finding.objects.filter(key="fixed-long-ago", resolved_at__isnull=False).update(
        resolved_at=now - datetime.timedelta(days=digest.KEEP_DAYS, minutes=1)
    )
    Finding.objects.filter(key="fixed-lately", resolved_at__isnull=False).update(
        resolved_at=now - datetime.timedelta(days=digest.KEEP_DAYS - 1)
    )
    # Another site's notice of a finding whose results are gone altogether goes too.
    DigestNotice.objects.create(
        site=staff.changde,
        check_name="homepage",
        key="gone",
        severity=Severity.WARNING,
        first_seen=TODAY,
        sent_on=TODAY,
    )
    monkeypatch.setattr(digest, "PRUNE_BATCH", 1)  # batches: one row per statement here

    assert digest.prune_notices(now) == 2
    # Kept: fixed 29 days ago; still open; the warning that turned into a (still open) veto.
    assert _notices("hetang") == {
        ("fixed-lately", Severity.WARNING),
        ("open", Severity.WARNING),
        ("turned", Severity.WARNING),
    }
    assert not DigestNotice.objects.filter(site__slug="changde").exists()
    assert digest.prune_notices(now) == 0
    # The open findings are still remembered: only the new veto is new.
    assert [(f.key, f.severity) for f in digest.new_findings(staff.hetang)] == [("turned", Severity.VETO)]


def test_command_prunes_unless_dry_run_or_keep_days_zero(staff, capsys):
    DigestNotice.objects.create(
        site=staff.hetang, check_name="homepage", key="gone", severity="warning", first_seen=TODAY, sent_on=TODAY
    )
    call_command("send_inspection_digest", "--dry-run", date=TODAY.isoformat())
    assert "可清理 1 条过期通知记录" in capsys.readouterr().out and DigestNotice.objects.count() == 1
    call_command("send_inspection_digest", "--keep-days", "0", date=TODAY.isoformat())
    assert "清理" not in capsys.readouterr().out and DigestNotice.objects.count() == 1
    call_command("send_inspection_digest", date=TODAY.isoformat())
    assert "已清理 1 条过期通知记录" in capsys.readouterr().out and not DigestNotice.objects.exists()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="不能为负数"):
        call_command("send_inspection_digest", "--keep-days", "-1")
