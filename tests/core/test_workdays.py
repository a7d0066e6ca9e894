"""Working days on the national calendar: holidays and 调休 make-up Saturdays, seeded and editable."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.calendar_seed import seed_calendar
from core.enums import CalendarDayKind, CalendarSource
from core.models import CalendarDay
from core.workdays import load_calendar
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def calendar_2026():
    seed_calendar(2026, 2026)
    return load_calendar()


def test_seed_imports_the_2026_spring_festival_and_its_make_up_saturdays(calendar_2026):
    assert CalendarDay.objects.get(date=D(2026, 2, 16)).name == "春节"
    assert {d for d in calendar_2026.workdays if d.month == 2} == {D(2026, 2, 14), D(2026, 2, 28)}
    assert calendar_2026.is_working_day(D(2026, 2, 14))  # 调休 Saturday
    assert not calendar_2026.is_working_day(D(2026, 2, 16))  # Monday in the holiday
    assert not calendar_2026.is_working_day(D(2026, 2, 21))  # ordinary Saturday inside the holiday
    assert calendar_2026.is_working_day(D(2026, 2, 24))
    assert calendar_2026.covers(D(2026, 6, 1)) and not calendar_2026.covers(D(2027, 6, 1))


def test_twenty_working_days_across_the_2026_spring_festival(calendar_2026):
    # 政府信息公开条例 Art. 26: information formed on Friday 6 Feb 2026 must be public within 20 working days.
    # Counting: 9–13 Feb (5), Sat 14 Feb 调休 (6), 15–23 Feb holiday, 24–27 Feb (10), Sat 28 Feb 调休 (11),
    # 2–6 Mar (16), 9–12 Mar (20). Weekdays alone would give 6 March.
    assert calendar_2026.add_working_days(D(2026, 2, 6), 20) == D(2026, 3, 12)
    assert calendar_2026.working_days_between(D(2026, 2, 6), D(2026, 3, 12)) == 20
    assert calendar_2026.working_days_between(D(2026, 2, 6), D(2026, 3, 11)) == 19
    assert calendar_2026.working_days_between(D(2026, 3, 12), D(2026, 2, 6)) == -20
    assert calendar_2026.add_working_days(D(2026, 2, 6), 0) == D(2026, 2, 6)
    with pytest.raises(ValueError):
        calendar_2026.add_working_days(D(2026, 2, 6), -1)


def test_outside_known_years_only_weekends_are_days_off():
    calendar = load_calendar()
    assert not calendar.covers(D(2030, 1, 1))
    assert calendar.add_working_days(D(2030, 1, 4), 5) == D(2030, 1, 11)  # Fri + 5 weekdays


def test_manual_days_win_over_seeding_and_take_effect_at_once(calendar_2026):
    before = load_calendar().add_working_days(D(2026, 3, 6), 1)
    assert before == D(2026, 3, 9)
    CalendarDay.objects.create(date=D(2026, 3, 9), kind=CalendarDayKind.HOLIDAY, name="地方假日")
    assert load_calendar().add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 10)
    row = CalendarDay.objects.get(date=D(2026, 2, 16))
    row.source, row.name = CalendarSource.MANUAL, "春节（人工核对）"
    row.save()
    result = seed_calendar(2026, 2026)
    assert result.created == 0 and result.kept_manual == 1
    assert CalendarDay.objects.get(date=D(2026, 2, 16)).name == "春节（人工核对）"


def test_seed_command_is_idempotent_and_refuses_unknown_years():
    out = io.StringIO()
    call_command("seed_calendar", "--from", "2025", "--to", "2026", stdout=out)
    count = CalendarDay.objects.count()
    assert count > 50 and "新增" in out.getvalue()
    call_command("seed_calendar", "--from", "2025", "--to", "2026", stdout=io.StringIO())
    assert CalendarDay.objects.count() == count
    with pytest.raises(CommandError, match="工作日历"):
        call_command("seed_calendar", "--from", "2099")


def test_a_weekday_cannot_be_a_make_up_working_day():
    with pytest.raises(ValidationError, match="调休上班日只能是周六或周日"):
        CalendarDay(date=D(2026, 3, 4), kind=CalendarDayKind.WORKDAY).full_clean()
    CalendarDay(date=D(2026, 3, 7), kind=CalendarDayKind.WORKDAY).full_clean()


def test_only_platform_admins_maintain_the_calendar(group, editor):
    admin = site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))
    response = admin.post(reverse("calendar_days:add"), {"date": "2027-10-09", "kind": "workday", "name": "国庆调休"})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2027, 10, 9)).source == CalendarSource.MANUAL
    bad = admin.post(reverse("calendar_days:add"), {"date": "2027-10-08", "kind": "workday", "name": ""})
    assert bad.status_code == 200 and "调休上班日只能是周六或周日" in bad.content.decode()
    editor_client = site_client(group.hetang, editor("hetang"))
    assert editor_client.get(reverse("calendar_days:index")).status_code in (302, 403)
