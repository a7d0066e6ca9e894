"""依申请公开 rules that need no request: the deadline arithmetic on the real 2026 calendar (Arts. 30, 32–33), the
fee tiers of 国办函〔2020〕109号 and the Table 3 cell of every outcome."""

import datetime
from types import SimpleNamespace

import pytest

from core.calendar_seed import seed_calendar
from core.workdays import load_calendar
from openinfo.applications import deadlines, fees
from openinfo.applications.enums import (
    OUTCOME_GROUP,
    OUTCOME_ROW,
    ApplicantKind,
    EventKind,
    OrganisationType,
    Outcome,
    OutcomeGroup,
    ReportColumn,
    Status,
    table_column,
)

D = datetime.date


@pytest.fixture
def calendar(db):
    seed_calendar(2026, 2026)
    return load_calendar()


def event(kind, on):
    return SimpleNamespace(kind=kind, on=on)


# --- Art. 33: 20 working days, extension, pauses -------------------------------------------------------------


def test_twenty_working_days_run_across_the_spring_festival_and_its_make_up_saturdays(calendar):
    # Received Friday 6 Feb 2026: 9–13 Feb (5), Sat 14 Feb 调休 (6), 15–23 Feb holiday, 24–27 Feb (10),
    # Sat 28 Feb 调休 (11), 2–6 Mar (16), 9–12 Mar (20).
    assert deadlines.reply_due(calendar, D(2026, 2, 6)) == D(2026, 3, 12)


def test_an_extension_adds_at_most_twenty_working_days(calendar):
    # From 12 Mar: 13 Mar (1), 16–20 (6), 23–27 (11), 30 Mar–3 Apr (16), 清明 Mon 6 Apr off, 7–10 Apr (20).
    assert deadlines.reply_due(calendar, D(2026, 2, 6), extension_days=20) == D(2026, 4, 10)
    with pytest.raises(ValueError):
        deadlines.reply_due(calendar, D(2026, 2, 6), extension_days=21)


def test_third_party_consultation_time_is_not_counted(calendar):
    # Received Mon 2 Mar 2026 → due Mon 30 Mar without a pause. Consultation sent Fri 6 Mar, answered Fri 13 Mar:
    # the 5 working days 9–13 Mar are not counted, so the due day moves 5 working days later.
    base = deadlines.reply_due(calendar, D(2026, 3, 2))
    assert base == D(2026, 3, 30)
    pause = deadlines.Pause(D(2026, 3, 6), D(2026, 3, 13))
    due = deadlines.reply_due(calendar, D(2026, 3, 2), [pause])
    assert calendar.working_days_between(base, due) == 5
    assert due == calendar.add_working_days(D(2026, 3, 30), 5)


def test_an_open_consultation_counts_as_ending_today(calendar):
    pause = deadlines.Pause(D(2026, 3, 6), None)
    due = deadlines.reply_due(calendar, D(2026, 3, 2), [pause], today=D(2026, 3, 10))
    assert due == calendar.add_working_days(D(2026, 3, 30), 2)  # 9 and 10 March not counted so far


def test_the_clock_restarts_on_the_supplement_and_earlier_pauses_no_longer_matter(calendar):
    events = [
        event(EventKind.CONSULTATION_STARTED, D(2026, 3, 3)),
        event(EventKind.CONSULTATION_ENDED, D(2026, 3, 5)),
        event(EventKind.SUPPLEMENT_REQUESTED, D(2026, 3, 6)),
        event(EventKind.SUPPLEMENT_RECEIVED, D(2026, 3, 16)),
    ]
    plan = deadlines.schedule(calendar, D(2026, 3, 2), events, 0, Status.PROCESSING, today=D(2026, 3, 17))
    assert plan.clock_started_on == D(2026, 3, 16)
    assert plan.due_on == calendar.add_working_days(D(2026, 3, 16), 20)
    assert plan.working_days_left == 19
    assert not plan.paused


def test_fee_notice_pauses_until_payment(calendar):
    events = [event(EventKind.FEE_NOTICE, D(2026, 3, 9)), event(EventKind.FEE_PAID, D(2026, 3, 11))]
    assert deadlines.pauses_from_events(events) == [deadlines.Pause(D(2026, 3, 9), D(2026, 3, 11))]
    plan = deadlines.schedule(calendar, D(2026, 3, 2), events, 0, Status.PROCESSING, today=D(2026, 3, 12))
    assert plan.due_on == calendar.add_working_days(D(2026, 3, 30), 2)


def test_supplement_notice_limit_is_seven_working_days_after_receipt(calendar):
    # Received Thu 12 Feb 2026: 13 Feb (1), Sat 14 Feb 调休 (2), holiday to 23 Feb, 24–27 Feb (6), Sat 28 Feb (7).
    assert deadlines.supplement_notice_until(calendar, D(2026, 2, 12)) == D(2026, 2, 28)


def test_overdue_is_negative_working_days_left(calendar):
    plan = deadlines.schedule(calendar, D(2026, 3, 2), [], 0, Status.PROCESSING, today=D(2026, 4, 1))
    assert plan.due_on == D(2026, 3, 30)
    assert plan.working_days_left == -2


# --- fees (国办函〔2020〕109号) -------------------------------------------------------------------------------


@pytest.mark.parametrize(("items", "fee"), [(10, 0), (11, 100), (30, 2000), (31, 2200), (40, 4000), (41, 4300)])
def test_per_item_fee_tiers(items, fee):
    assert fees.item_fee(0, items) == fee


def test_per_item_fee_counts_the_applicants_earlier_items_this_month():
    assert fees.item_fee(9, 1) == 0  # the 10th item
    assert fees.item_fee(10, 1) == 100  # the 11th
    assert fees.item_fee(29, 2) == 100 + 200  # the 30th and the 31st
    assert fees.item_fee(40, 1) == 300  # the 41st


@pytest.mark.parametrize(("pages", "fee"), [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)])
def test_per_page_fee_tiers(pages, fee):
    assert fees.page_fee(pages) == fee


def test_negative_counts_are_refused():
    for call in (lambda: fees.item_fee(-1, 1), lambda: fees.item_fee(0, -1), lambda: fees.page_fee(-1)):
        with pytest.raises(ValueError):
            call()


# --- Table 3 --------------------------------------------------------------------------------------------------


def test_every_outcome_is_one_leaf_of_table_three():
    groups = {group: [o for o in Outcome.values if OUTCOME_GROUP[o] == group] for group in OutcomeGroup.values}
    assert [len(groups[g]) for g in OutcomeGroup.values] == [1, 1, 8, 3, 5, 3]
    assert OUTCOME_ROW[Outcome.DISCLOSED] == 0 and OUTCOME_ROW[Outcome.PARTIAL] == 0
    assert OUTCOME_ROW[Outcome.WITHHELD_STATE_SECRET] == 1 and OUTCOME_ROW[Outcome.WITHHELD_QUERY] == 8
    assert OUTCOME_ROW[Outcome.UNAVAILABLE_UNCLEAR] == 3
    assert OUTCOME_ROW[Outcome.NOT_PROCESSED_CONFIRMATION] == 5
    assert OUTCOME_ROW[Outcome.OTHER_FEE_UNPAID] == 2 and OUTCOME_GROUP[Outcome.OTHER] == OutcomeGroup.OTHER


def test_applicant_columns():
    assert table_column(ApplicantKind.CITIZEN, "") == ReportColumn.NATURAL_PERSON
    assert table_column(ApplicantKind.ORGANISATION, OrganisationType.LEGAL_SERVICE) == ReportColumn.LEGAL_SERVICE
    assert table_column(ApplicantKind.ORGANISATION, "") == ReportColumn.OTHER
