"""Reply statistics against a hand-built set of messages."""

import datetime

import pytest
from django.utils import timezone

from core.calendar_seed import seed_calendar
from interaction.enums import QuestionType, Satisfaction
from interaction.models import Question
from interaction.services import receive, transition
from interaction.statistics import combine, monthly_series, parse_period, period_report, reply_statistics
from sites.utils import group_profiles

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


def test_by_handling_unit_counts_untransferred_messages_for_the_receiving_site(messages):
    by_unit = reply_statistics(Question.objects.all(), by="unit", today=D(2026, 4, 1))
    assert set(by_unit) == {"zhuzhou", "zhuzhou-fgw", "hetang"}
    assert (by_unit["zhuzhou"].received, by_unit["zhuzhou"].rejected, by_unit["zhuzhou"].pending) == (2, 1, 1)
    assert (by_unit["hetang"].received, by_unit["hetang"].answered, by_unit["hetang"].late) == (2, 1, 1)


def test_derived_figures_and_combined_total(messages):
    Question.objects.filter(title="公共自行车办卡", answered_at__isnull=False).update(status="published")
    stats = reply_statistics(Question.objects.all(), today=D(2026, 4, 1))
    city = stats["zhuzhou"]
    assert (city.late, city.pending, city.published, city.mean_reply_days) == (1, 1, 2, 12.0)
    total = combine(stats.values())
    assert (total.received, total.answered, total.pending, total.overdue_open) == (5, 2, 2, 1)
    assert sorted(total.reply_days) == [10, 14]
    assert total.satisfaction == {"satisfied": 1, "mostly": 0, "unsatisfied": 1}


def test_monthly_series_counts_answers_in_the_month_of_receipt(messages):
    months = monthly_series(Question.objects.all(), 2026)
    assert [m["month"] for m in months] == list(range(1, 13))
    assert months[1] == {"month": 2, "received": 1, "answered": 1}
    assert months[2] == {"month": 3, "received": 4, "answered": 1}
    assert sum(m["received"] for m in months) == 5 and months[3]["received"] == 0
    assert all(m["received"] == 0 for m in monthly_series(Question.objects.all(), 2025))


@pytest.mark.parametrize(
    ("year", "month", "expected", "errors"),
    [
        (None, None, (2026, None), set()),
        ("2025", "3", (2025, 3), set()),
        (" 2026 ", "12", (2026, 12), set()),
        ("1999", "", (2026, None), {"year"}),
        ("2027", None, (2026, None), {"year"}),
        ("二〇二六", "13", (2026, None), {"year", "month"}),
        ("２０２６", "²", (2026, None), {"year", "month"}),
        ("2026", "0", (2026, None), {"month"}),
    ],
)
def test_parse_period(year, month, expected, errors):
    period = parse_period(year, month, D(2026, 11, 22))
    assert (period.year, period.month) == expected and set(period.errors) == errors


def test_period_report_for_a_portal(group, messages):
    report = period_report(group_profiles(group.zhuzhou), parse_period("2026", "3", D(2026, 4, 1)), D(2026, 4, 1))
    # Every site of the group with an 互动交流 section is listed, with or without messages (villages have none),
    # in tree order: each site followed by the sites below it.
    assert [row.key for row in report.sites] == ["zhuzhou", "hetang", "hetang-yuetang", "zhuzhou-fgw"]
    rows = {row.key: row for row in report.sites}
    assert (rows["zhuzhou"].received, rows["zhuzhou"].name) == (3, "株洲市人民政府")
    assert rows["hetang"].received == 1 and rows["zhuzhou-fgw"].received == 0
    assert {row.key: row.received for row in report.units} == {"zhuzhou": 2, "hetang": 2}
    assert (report.total.received, report.total.answered, report.total.overdue_open) == (4, 1, 1)
    assert report.months[1]["received"] == 1  # the series covers the whole year, not just March


def test_a_department_sees_messages_transferred_to_it_from_the_portal(group, messages):
    report = period_report(group_profiles(group.all["zhuzhou-fgw"]), parse_period("2026", None, D(2026, 4, 1)))
    assert [(row.key, row.received) for row in report.sites] == [("zhuzhou-fgw", 0)]
    assert [(row.key, row.received, row.on_time) for row in report.units] == [("zhuzhou-fgw", 1, 1)]
    assert report.total.received == 0
