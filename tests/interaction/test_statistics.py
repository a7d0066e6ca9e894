"""Reply statistics against a hand-built set of messages."""

import datetime

import pytest
from django.utils import timezone

from core.calendar_seed import seed_calendar
from interaction.enums import QuestionType, Satisfaction
from interaction.models import Question
from interaction.services import receive, transition
from interaction.statistics import reply_statistics

pytestmark = pytest.mark.django_db
D = datetime.date


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def message(site, received, **fields):
    question, _ = receive(
        site=site,
        type=QuestionType.CONSULT,
        title="公共自行车办卡",
        content="内容",
        name="王五",
        phone="13700000000",
        consent_publish=True,
        received_at=at(received),
        **fields,
    )
    return question


@pytest.fixture
def messages(group):
    seed_calendar(2026, 2026)
    city, hetang, fgw = group.zhuzhou, group.hetang, group.all["zhuzhou-fgw"]
    # 1: received Fri 6 Feb, due 27 Feb; answered 27 Feb by 市发改委 → on time, 10 working days.
    first = message(city, D(2026, 2, 6))
    transition(first, "assign", handler=fgw)
    transition(first, "answer", answer="答复", answered_by="市发改委", answered_at=at(D(2026, 2, 27), 15))
    # 2: received Mon 2 Mar (due 16 Mar), answered 20 Mar by 荷塘区 → late, 14 working days; rated 不满意.
    second = message(city, D(2026, 3, 2))
    transition(second, "assign", handler=hetang)
    transition(second, "answer", answer="答复", answered_by="荷塘区", answered_at=at(D(2026, 3, 20), 9))
    Question.objects.filter(pk=second.pk).update(satisfaction=Satisfaction.UNSATISFIED)
    # 3: rejected duplicate. 4: still open and overdue on 1 Apr. 5: a message to 荷塘区's own mailbox, open, not due.
    transition(message(city, D(2026, 3, 3)), "reject", reason="重复留言")
    message(city, D(2026, 3, 4))
    message(hetang, D(2026, 3, 30))
    Question.objects.filter(pk=first.pk).update(satisfaction=Satisfaction.SATISFIED)
    return city


def test_per_site(messages):
    stats = reply_statistics(Question.objects.all(), today=D(2026, 4, 1))
    city = stats["zhuzhou"]
    assert (city.received, city.answered, city.rejected, city.overdue_open) == (4, 2, 1, 1)
    assert city.on_time == 1 and city.on_time_rate == 0.5
    assert sorted(city.reply_days) == [10, 14] and city.median_reply_days == 12
    assert city.satisfaction == {"satisfied": 1, "mostly": 0, "unsatisfied": 1} and city.satisfied_rate == 0.5
    hetang = stats["hetang"]
    assert (hetang.received, hetang.answered, hetang.overdue_open, hetang.on_time_rate) == (1, 0, 0, None)


def test_per_handling_unit_and_period(messages):
    by_unit = reply_statistics(Question.objects.all(), by="handler", today=D(2026, 4, 1))
    assert by_unit["zhuzhou-fgw"].on_time_rate == 1.0 and by_unit["hetang"].on_time_rate == 0.0
    assert by_unit[""].received == 3  # not yet assigned (rejected, open, and 荷塘区's own message)
    march = reply_statistics(Question.objects.filter(received_on__month=3), today=D(2026, 4, 1))
    assert march["zhuzhou"].received == 3 and march["zhuzhou"].reply_days == [14]
