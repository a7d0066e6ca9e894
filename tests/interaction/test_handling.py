"""Message handling: the state machine with history, deadlines on the working-day calendar, alarms, masking."""

import datetime

import pytest
from django.utils import timezone

from core.calendar_seed import seed_calendar
from interaction.enums import Alarm, QuestionType, Status
from interaction.models import MailboxSettings, Question
from interaction.privacy import mask_name
from interaction.services import TransitionError, alarm, find_by_code, receive, transition

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day: datetime.date, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def message(group):
    seed_calendar(2026, 2026)
    question, password = receive(
        site=group.zhuzhou,
        type=QuestionType.CONSULT,
        title="光纤入户什么时候到我们小区？",
        content="芦淞区某小区光纤入户进度",
        name="张三丰",
        phone="13800000000",
        consent_publish=True,
        received_at=at(D(2026, 2, 6)),
    )
    return question, password


def test_receiving_sets_a_working_day_deadline_across_the_spring_festival(message):
    question, password = message
    # 10 working days after Fri 6 Feb 2026: 9–13 Feb (5), Sat 14 Feb 调休 (6), holiday 15–23, 24–27 Feb (10).
    assert question.due_on == D(2026, 2, 27)
    assert question.status == Status.RECEIVED and len(question.tracking_code) == 10
    assert list(question.events.values_list("action", "to_status")) == [("receive", "received")]
    assert find_by_code(question.tracking_code.lower(), password) == question
    assert find_by_code(question.tracking_code, "wrong") is None and find_by_code("NOPE", password) is None
    assert password not in question.query_password  # only the hash is stored


def test_full_path_with_transfers_kept_in_history(group, message, editor):
    question, _ = message
    user = editor("zhuzhou")
    transition(question, "assign", actor=user, handler=group.hetang, note="属地办理")
    transition(question, "assign", actor=user, handler=group.all["zhuzhou-fgw"], note="转市发改委")
    question = transition(
        question, "answer", actor=user, answer="预计今年内完成。", answered_by="株洲市发展和改革委员会"
    )
    question = transition(question, "publish", actor=user)
    assert question.status == Status.PUBLISHED and question.published_at and question.answered_at
    history = list(question.events.values_list("action", "from_status", "to_status", "handler__slug"))
    assert history == [
        ("receive", "", "received", None),
        ("assign", "received", "assigned", "hetang"),
        ("assign", "assigned", "assigned", "zhuzhou-fgw"),
        ("answer", "assigned", "answered", None),
        ("publish", "answered", "published", None),
    ]
    assert question.handler == group.all["zhuzhou-fgw"]


@pytest.mark.parametrize(
    ("steps", "action", "data", "message_text"),
    [
        ([], "publish", {}, "不能执行“公开”"),
        ([], "reject", {}, "必须填写理由"),
        ([], "answer", {"answer": "答复"}, "答复单位"),
        ([], "assign", {}, "必须选择办理单位"),
        ([("reject", {"reason": "重复留言"})], "answer", {"answer": "a", "answered_by": "b"}, "不能执行“答复”"),
        ([("answer", {"answer": "a", "answered_by": "b"}), ("close", {})], "publish", {}, "不能执行“公开”"),
        ([], "fly", {}, "未知的操作"),
    ],
)
def test_forbidden_steps_explain_themselves_and_change_nothing(message, steps, action, data, message_text):
    question, _ = message
    for step, step_data in steps:
        question = transition(question, step, **step_data)
    before = (question.status, question.events.count())
    with pytest.raises(TransitionError, match=message_text):
        transition(question, action, **data)
    question.refresh_from_db()
    assert (question.status, question.events.count()) == before


def test_publication_needs_consent_and_review_when_required(group, message):
    question, _ = message
    question.consent_publish = False
    question.save()
    transition(question, "answer", answer="已答复", answered_by="市政府办公室")
    with pytest.raises(TransitionError, match="未同意公开"):
        transition(question, "publish")
    assert transition(question, "close").status == Status.CLOSED

    rules = MailboxSettings.for_site(group.zhuzhou.site)
    rules.review_required = True
    rules.save()
    second, _ = receive(
        site=group.zhuzhou,
        type=QuestionType.SUGGESTION,
        title="建议",
        content="内容",
        name="李四",
        phone="13900000000",
        consent_publish=True,
        received_at=at(D(2026, 3, 2)),
    )
    transition(second, "answer", answer="感谢建议", answered_by="市政府办公室")
    with pytest.raises(TransitionError, match="经审核后才能公开"):
        transition(second, "publish")
    transition(second, "review")
    assert transition(second, "publish").status == Status.PUBLISHED


def test_alarms_due_soon_overdue_and_hard(message):
    question, _ = message  # due 2026-02-27
    assert alarm(question, D(2026, 2, 9)) is None
    assert alarm(question, D(2026, 2, 24)) == Alarm.DUE_SOON  # 3 working days left
    assert alarm(question, D(2026, 3, 2)) == Alarm.OVERDUE
    assert alarm(question, D(2026, 4, 7)) == Alarm.HARD  # 60 days after receipt, long before three months
    assert Question.objects.overdue(D(2026, 3, 2)).get() == question
    transition(question, "answer", answer="已答复", answered_by="市政府办公室")
    question.refresh_from_db()
    assert alarm(question, D(2026, 4, 7)) is None and not Question.objects.overdue(D(2026, 3, 2)).exists()


@pytest.mark.parametrize(
    ("name", "masked"), [("张三丰", "张**"), ("李四", "李*"), ("王", "王*"), ("", "*"), ("  欧阳修 ", "欧**")]
)
def test_names_are_masked(name, masked):
    assert mask_name(name) == masked
