"""留言办理 in the admin: the list with its filters and alarms, the message page, every handling step through
the forms, refusals shown as form errors, and the answer email sent only after commit."""

import datetime
import json
import logging
import re
from smtplib import SMTPException

import pytest
from django.core import mail
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from interaction.alarms import alarms_for, filter_alarm
from interaction.enums import Alarm, Status
from interaction.models import MailboxSettings, Question, ReplyTemplate
from interaction.services import alarm, receive, transition
from interaction.tasks import send_answer_email_task
from tests.conftest import site_client

from .admin_helpers import attach, detail_url, index_url, message, post_step, staff

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def zhuzhou(group):
    """A 株洲 staff member with both roles, and their admin client."""
    user = staff(group.zhuzhou, "both")
    return site_client(group.zhuzhou, user)


def set_dates(question, *, received_on=None, due_on=None):
    Question.objects.filter(pk=question.pk).update(
        received_on=received_on or question.received_on, due_on=due_on or question.due_on
    )
    return Question.objects.get(pk=question.pk)


@pytest.fixture
def alarmed(group):
    """One message per alarm level on 株洲, plus a quiet one and an answered overdue one (no alarm)."""
    today = timezone.localdate()
    quiet = set_dates(message(group.zhuzhou, title="刚受理的留言"), due_on=today + 20 * DAY)
    soon = set_dates(message(group.zhuzhou, title="今天到期的留言"), due_on=today)
    overdue = set_dates(message(group.zhuzhou, title="已超期的留言"), received_on=today - 20 * DAY, due_on=today - DAY)
    hard = set_dates(message(group.zhuzhou, title="严重超期的留言"), received_on=today - 70 * DAY, due_on=today - DAY)
    answered = message(group.zhuzhou, title="已答复的旧留言")
    transition(answered, "answer", answer="已办理", answered_by="株洲市人民政府")
    answered = set_dates(answered, received_on=today - 70 * DAY, due_on=today - 40 * DAY)
    return {"quiet": quiet, "soon": soon, "overdue": overdue, "hard": hard, "answered": answered}


def listing(client, **params) -> str:
    response = client.get(index_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def test_list_shows_deadlines_and_alarm_badges(zhuzhou, alarmed):
    html = listing(zhuzhou)
    assert f"{alarmed['soon'].due_on:%Y-%m-%d}" in html
    assert html.count('data-alarm="due_soon"') == 1
    assert html.count('data-alarm="overdue"') == 1
    assert html.count('data-alarm="hard"') == 1
    assert "严重超期（逼近三个月否决线）" in html


@pytest.mark.parametrize(
    ("level", "expected"),
    [(Alarm.DUE_SOON, {"soon"}), (Alarm.OVERDUE, {"overdue"}), (Alarm.HARD, {"hard"})],
)
def test_alarm_filter(zhuzhou, alarmed, level, expected):
    html = listing(zhuzhou, alarm=level)
    shown = {key for key, q in alarmed.items() if q.title in html}
    assert shown == expected


def test_alarm_filter_and_badges_agree_with_services_alarm_under_site_rules(group, alarmed):
    # 株洲 tightens its rules: warn 20 working days ahead, hard alarm after 15 days.
    rules = MailboxSettings.for_site(group.zhuzhou.site)
    rules.due_soon_working_days, rules.hard_alarm_days = 20, 15
    rules.save()
    changde = set_dates(message(group.changde, title="常德留言"), received_on=timezone.localdate() - 20 * DAY)
    today = timezone.localdate()
    everything = [*alarmed.values(), changde]
    expected = {q.pk: alarm(q, today) for q in everything}
    assert expected[alarmed["overdue"].pk] == Alarm.HARD  # 20 days old: hard under 株洲's rules
    assert expected[alarmed["quiet"].pk] == Alarm.DUE_SOON  # due in 20 days: within 20 working days
    assert expected[changde.pk] is None  # 常德 keeps the defaults: 20 days old is no alarm there
    assert alarms_for(everything, today) == expected
    for level in Alarm.values:
        found = set(filter_alarm(Question.objects.all(), level, today).values_list("pk", flat=True))
        assert found == {pk for pk, value in expected.items() if value == level}, level


def test_filters_and_search(group, zhuzhou, alarmed):
    complaint = message(group.zhuzhou, title="出租车拒载投诉", type="complaint")
    html = listing(zhuzhou, type="complaint")
    assert "出租车拒载投诉" in html and "刚受理的留言" not in html
    html = listing(zhuzhou, status=Status.ANSWERED)
    assert "已答复的旧留言" in html and "刚受理的留言" not in html
    html = listing(zhuzhou, q=complaint.tracking_code.lower())
    assert "出租车拒载投诉" in html and "刚受理的留言" not in html
    html = listing(zhuzhou, q="拒载")
    assert "出租车拒载投诉" in html and "已超期的留言" not in html
    transition(complaint, "assign", handler=group.hetang)
    html = listing(zhuzhou, handler=group.hetang.pk)
    assert "出租车拒载投诉" in html and "刚受理的留言" not in html
    # Bad filter values are ignored, never a server error.
    assert listing(zhuzhou, alarm="nonsense", status="<script>", site="abc")


def test_message_page_shows_everything_a_handler_needs(group, zhuzhou):
    question = message(group.zhuzhou, title="<b>标题</b>", content="第一行\n<script>alert(1)</script>")
    attachment = attach(question)
    html = zhuzhou.get(detail_url(question)).content.decode()
    assert "&lt;b&gt;标题&lt;/b&gt;" in html and "<script>alert(1)</script>" not in html  # stored inertly
    assert "张三丰" in html and "13812345678" in html and "zhang@example.com" in html
    assert f'href="/admin/interaction/questions/attachments/{attachment.pk}/"' in html
    assert attachment.file.name not in html and "/media/" not in html  # never a public file address
    assert 'data-event="receive"' in html
    for action in ("answer", "assign", "reject"):
        assert f'data-step="{action}"' in html
    assert 'data-step="publish"' not in html  # not before an answer


def test_attachment_download_is_private(group, zhuzhou):
    attachment = attach(message(group.zhuzhou))
    response = zhuzhou.get(f"/admin/interaction/questions/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))
    assert response["Content-Type"] == "application/pdf"
    attachment.file.delete(save=False)
    assert zhuzhou.get(f"/admin/interaction/questions/attachments/{attachment.pk}/").status_code == 404


def test_reject_needs_a_reason_and_keeps_it(group, zhuzhou):
    question = message(group.zhuzhou)
    response = post_step(zhuzhou, question, "reject", reason="   ")
    assert response.status_code == 200 and "请填写不予受理理由。" in response.content.decode()
    response = post_step(zhuzhou, question, "reject", reason="x" * 201)
    assert "不予受理理由不能超过 200 个字" in response.content.decode()
    assert Question.objects.get(pk=question.pk).status == Status.RECEIVED
    # A control character pasted into an admin form is removed (core.middleware), not a lost reply.
    response = post_step(zhuzhou, question, "reject", reason="重复\x07留言")
    assert response.status_code == 302 and response["Location"] == detail_url(question)
    question.refresh_from_db()
    assert question.status == Status.REJECTED and question.rejection_reason == "重复留言"
    assert "已不予受理" in zhuzhou.get(response["Location"]).content.decode()


def test_transfer_within_the_group_only(group, zhuzhou):
    question = message(group.zhuzhou)
    html = zhuzhou.get(detail_url(question)).content.decode()
    form = html.split('data-step="assign"')[1].split("</form>")[0]
    for offered in ("荷塘区人民政府", "株洲市发展和改革委员会", "荷塘区月塘街道办事处"):
        assert offered in form
    for not_offered in ("常德市人民政府", "大坪社区", "湘江综合治理与保护"):
        assert not_offered not in form

    response = post_step(zhuzhou, question, "assign", handler=group.changde.pk)
    assert "请从列表中选择办理单位。" in response.content.decode()
    assert post_step(zhuzhou, question, "assign", handler="").status_code == 200
    assert Question.objects.get(pk=question.pk).handler is None

    response = post_step(zhuzhou, question, "assign", handler=group.hetang.pk, note="属地办理")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.handler == group.hetang and question.status == Status.ASSIGNED
    event = question.events.get(action="assign")
    assert event.handler == group.hetang and event.note == "属地办理" and event.actor is not None


def test_answer_defaults_to_the_handling_unit_and_goes_through(group, zhuzhou):
    question = message(group.zhuzhou)
    transition(question, "assign", handler=group.hetang)
    html = zhuzhou.get(detail_url(question)).content.decode()
    assert 'value="荷塘区人民政府"' in html  # 答复单位 defaults to the unit handling it

    response = post_step(zhuzhou, question, "answer", answer="", answered_by="荷塘区人民政府")
    assert "请填写答复内容。" in response.content.decode()
    response = post_step(zhuzhou, question, "answer", answer="已安排施工。", answered_by="荷塘区人民政府")
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.status, question.answer, question.answered_by) == (
        Status.ANSWERED,
        "已安排施工。",
        "荷塘区人民政府",
    )
    assert question.answered_at is not None


def test_review_publish_and_close(group, zhuzhou):
    consented = message(group.zhuzhou, title="同意公开")
    transition(consented, "answer", answer="答复", answered_by="株洲市人民政府")
    assert post_step(zhuzhou, consented, "review", note="同意公开").status_code == 302
    assert post_step(zhuzhou, consented, "publish").status_code == 302
    consented.refresh_from_db()
    assert consented.status == Status.PUBLISHED and consented.published_at

    private = message(group.zhuzhou, title="不同意公开", consent_publish=False)
    transition(private, "answer", answer="答复", answered_by="株洲市人民政府")
    html = zhuzhou.get(detail_url(private)).content.decode()
    assert 'data-step="publish"' not in html and "留言人未同意公开" in html
    assert post_step(zhuzhou, private, "close", note="办结").status_code == 302
    assert Question.objects.get(pk=private.pk).status == Status.CLOSED
    actions = list(private.events.values_list("action", flat=True))
    assert actions == ["receive", "answer", "close"]


def test_refusals_of_the_state_machine_are_shown_on_the_form(group, zhuzhou):
    rules = MailboxSettings.for_site(group.zhuzhou.site)
    rules.review_required = True
    rules.save()
    question = message(group.zhuzhou)
    transition(question, "answer", answer="答复", answered_by="株洲市人民政府")
    response = post_step(zhuzhou, question, "publish")
    assert response.status_code == 200
    assert "本站要求答复经审核后才能公开。" in response.content.decode()
    assert Question.objects.get(pk=question.pk).status == Status.ANSWERED

    # A step another handler already took meanwhile: the form says why, nothing changes.
    response = post_step(zhuzhou, question, "answer", answer="第二次答复", answered_by="株洲市人民政府")
    assert "当前状态为“已答复”，不能执行“答复”。" in response.content.decode()
    assert Question.objects.get(pk=question.pk).answer == "答复"

    private = message(group.zhuzhou, consent_publish=False)
    transition(private, "answer", answer="答复", answered_by="株洲市人民政府")
    response = post_step(zhuzhou, private, "publish")
    assert "留言人未同意公开，只能办结不公开。" in response.content.decode()


# Reply templates ---------------------------------------------------------------------------------------------


def reply_templates(html: str) -> list[dict]:
    """The templates the answer form offers, as the page's script reads them."""
    match = re.search(r'<script id="reply-templates" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_reply_template_fills_the_answer_with_the_masked_name(group, zhuzhou):
    own = ReplyTemplate.objects.create(
        site=group.zhuzhou, title="通用答复", body="{name}您好！关于“{title}”，{org}答复如下：{unknown}"
    )
    ReplyTemplate.objects.create(site=None, title="全平台模板", body="感谢{name}的来信。")
    ReplyTemplate.objects.create(site=group.changde, title="常德模板", body="常德专用")
    question = message(group.zhuzhou, title="公交线路")
    html = zhuzhou.get(detail_url(question)).content.decode()
    offered = {t["title"]: t["text"] for t in reply_templates(html)}
    assert offered == {
        "全平台模板": "感谢张**的来信。",
        "通用答复": "张**您好！关于“公交线路”，株洲市人民政府答复如下：{unknown}",
    }
    assert "全平台模板（全平台）" in html and "常德模板" not in html

    # Without JavaScript the picker reloads the page with the template in the answer box.
    html = zhuzhou.get(detail_url(question), {"action": "answer", "template": own.pk}).content.decode()
    textarea = re.search(r'<textarea name="answer-answer"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert "张**您好！关于“公交线路”" in textarea


def test_templates_of_the_handling_unit_are_offered(group, zhuzhou):
    ReplyTemplate.objects.create(site=group.hetang, title="荷塘区模板", body="{org}已收悉")
    question = message(group.zhuzhou)
    assert "荷塘区模板" not in zhuzhou.get(detail_url(question)).content.decode()
    transition(question, "assign", handler=group.hetang)
    html = zhuzhou.get(detail_url(question)).content.decode()
    assert [t["text"] for t in reply_templates(html)] == ["荷塘区人民政府已收悉"]


# The answer email ---------------------------------------------------------------------------------------------


def answer(question):
    return transition(question, "answer", answer="预计年内完成。", answered_by="株洲市工业和信息化局")


def email_tasks(callbacks):
    """The answer emails among the on-commit callbacks (the others update the search index)."""
    return [c for c in callbacks if getattr(c, "func", None) == send_answer_email_task.enqueue]


def test_answer_email_goes_out_only_after_commit_without_the_password(group, django_capture_on_commit_callbacks):
    question, password = receive(
        site=group.zhuzhou,
        type="consult",
        title="光纤入户",
        content="何时改造？",
        name="张三",
        phone="13800000000",
        email="citizen@example.com",
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        answer(question)
    assert len(email_tasks(callbacks)) == 1 and mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["citizen@example.com"] and question.tracking_code in sent.subject
    assert "光纤入户" in sent.body and question.tracking_code in sent.body
    assert "http://zhuzhou.localhost/hdjl/query/" in sent.body
    assert password not in sent.body and password not in sent.subject
    assert "预计年内完成" not in sent.body  # the answer itself stays behind the query password


def test_no_email_without_an_address_or_for_other_steps(group, django_capture_on_commit_callbacks):
    question = message(group.zhuzhou, email="")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer(question)
        other = message(group.zhuzhou)
        transition(other, "assign", handler=group.hetang)
        transition(other, "reject", reason="重复")
    assert email_tasks(callbacks) == [] and mail.outbox == []


def test_a_rolled_back_answer_sends_nothing(group, django_capture_on_commit_callbacks):
    question = message(group.zhuzhou)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        answer(question)
        raise RuntimeError("something later in the same request failed")
    assert callbacks == [] and mail.outbox == []
    assert Question.objects.get(pk=question.pk).status == Status.RECEIVED


def test_mail_failure_keeps_the_answer(group, zhuzhou, monkeypatch, caplog, django_capture_on_commit_callbacks):
    def broken(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr("interaction.notifications.deliver", broken)
    question = message(group.zhuzhou)
    with (
        caplog.at_level(logging.ERROR, logger="interaction.notifications"),
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        response = post_step(zhuzhou, question, "answer", answer="已答复。", answered_by="株洲市人民政府")
    assert response.status_code == 302 and len(email_tasks(callbacks)) == 1
    question.refresh_from_db()
    assert question.status == Status.ANSWERED and question.answer == "已答复。"
    assert "答复通知邮件发送失败" in caplog.text


def test_answering_through_the_admin_emails_the_citizen(group, zhuzhou, django_capture_on_commit_callbacks):
    question = message(group.zhuzhou)
    with django_capture_on_commit_callbacks(execute=True):
        post_step(zhuzhou, question, "answer", answer="已答复。", answered_by="株洲市人民政府")
    assert [m.to for m in mail.outbox] == [["zhang@example.com"]]


def test_list_queries_do_not_grow_with_the_messages(group, zhuzhou, django_assert_max_num_queries):
    message(group.zhuzhou)
    with CaptureQueriesContext(connection) as few:
        listing(zhuzhou, alarm=Alarm.OVERDUE)
        listing(zhuzhou)
    for i in range(12):
        question = message(group.zhuzhou, title=f"留言{i}")
        if i % 3 == 0:
            transition(question, "assign", handler=group.all["zhuzhou-fgw"])
    with django_assert_max_num_queries(len(few)):
        listing(zhuzhou, alarm=Alarm.OVERDUE)
        listing(zhuzhou)
