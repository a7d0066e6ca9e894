"""The 依申请公开 state machine (openinfo/applications/services.py) on the real 2026 calendar: each step, each
refusal (nothing changed), the Art. 30 补正 limit at its boundary, the restart after a supplement, consultation and
fee time not counted, the Art. 33 extension, the fee tiers with the monthly per-applicant count across organs,
every Table 3 outcome, the transfer invariant, the daily closing command and the applicant's email."""

import contextlib
import io

import pytest
from django.core import mail
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from openinfo.applications import services
from openinfo.applications.enums import Channel, EventKind, FeeMethod, Outcome, Status
from openinfo.applications.services import StepError
from openinfo.models import ApplicationEvent, InformationApplication

from .application_helpers import D, application, calendar_fixture, handler_of, reviewer_of, today_fixture  # noqa: F401

pytestmark = pytest.mark.usefixtures("calendar", "today")


@pytest.fixture
def hetang(group):
    return group.hetang


@pytest.fixture
def staff(hetang):
    return handler_of(hetang)


def refused(step, *args, field=None, **kwargs) -> StepError:
    with pytest.raises(StepError) as caught:
        step(*args, **kwargs)
    if field is not None:
        assert field in caught.value.errors, caught.value.errors
    return caught.value


def unchanged(app, status, events: int):
    fresh = InformationApplication.objects.get(pk=app.pk)
    assert fresh.status == status
    assert fresh.events.count() == events
    return fresh


# --- receipt (Art. 31) ---------------------------------------------------------------------------------------------


def test_online_receipt_starts_the_twenty_working_days(hetang):
    app = application(hetang)
    assert app.status == Status.RECEIVED
    assert app.due_on == D(2026, 3, 30)
    assert list(app.events.values_list("kind", "on")) == [(EventKind.SUBMITTED, D(2026, 3, 2))]


def test_staff_register_a_letter_with_the_day_it_was_signed_for(hetang, staff):
    app = application(hetang, received_on=D(2026, 3, 6), channel=Channel.LETTER, actor=staff)
    assert app.registered_by == staff and app.channel == Channel.LETTER
    event = app.events.get()
    assert (event.kind, event.on, event.actor) == (EventKind.REGISTERED, D(2026, 3, 6), staff)


def test_receipt_refuses_a_future_day_and_an_offline_application_without_staff(hetang):
    refused(application, hetang, received_on=D(2026, 7, 1), field="received_on")
    refused(application, hetang, channel=Channel.FAX, field="channel")
    assert not InformationApplication.objects.exists()


# --- 补正 (Art. 30) ----------------------------------------------------------------------------------------------


def test_the_supplement_notice_is_accepted_on_the_seventh_working_day(hetang, staff):
    # Received Mon 2 Mar: working days 3, 4, 5, 6, 9, 10, 11 Mar → the 7th is Wed 11 Mar.
    app = application(hetang)
    app = services.request_supplement(app, actor=staff, on=D(2026, 3, 11), until=D(2026, 3, 25), note="请写明文号")
    assert app.status == Status.SUPPLEMENT
    event = app.events.get(kind=EventKind.SUPPLEMENT_REQUESTED)
    assert (event.on, event.until, event.actor) == (D(2026, 3, 11), D(2026, 3, 25), staff)


def test_the_supplement_notice_is_refused_on_the_eighth_working_day(hetang, staff):
    app = application(hetang)
    error = refused(
        services.request_supplement, app, actor=staff, on=D(2026, 3, 12), until=D(2026, 3, 25), note="x", field="on"
    )
    assert "7 个工作日" in str(error) and "2026-03-11" in str(error)
    unchanged(app, Status.RECEIVED, 1)


def test_a_second_supplement_notice_is_refused(hetang, staff):
    app = application(hetang)
    services.request_supplement(app, actor=staff, on=D(2026, 3, 3), until=D(2026, 3, 10), note="请写明文号")
    services.receive_supplement(app, actor=staff, on=D(2026, 3, 5))
    error = refused(services.request_supplement, app, actor=staff, on=D(2026, 3, 6), until=D(2026, 3, 20), note="y")
    assert "只能发出一次" in str(error)
    unchanged(app, Status.PROCESSING, 3)


def test_the_clock_restarts_on_the_supplement(hetang, staff, calendar):
    app = application(hetang)
    services.request_supplement(app, actor=staff, on=D(2026, 3, 5), until=D(2026, 3, 19), note="请写明文号")
    app = services.receive_supplement(app, actor=staff, on=D(2026, 3, 13))
    assert app.clock_started_on == D(2026, 3, 13)
    assert app.due_on == calendar.add_working_days(D(2026, 3, 13), 20) == D(2026, 4, 13)


def test_a_missed_supplement_deadline_closes_the_application_by_the_daily_command(hetang, staff, today):
    app = application(hetang)
    services.request_supplement(app, actor=staff, on=D(2026, 3, 5), until=D(2026, 3, 19), note="请写明文号")
    refused(services.close_unsupplemented, app, on=D(2026, 3, 19))  # the deadline day itself still counts
    today(D(2026, 3, 20))
    out = io.StringIO()
    call_command("close_overdue_applications", stdout=out)
    assert "逾期未补正办结 1 件" in out.getvalue()
    app.refresh_from_db()
    assert (app.status, app.outcome, app.closed_on) == (Status.REPLIED, Outcome.OTHER_NO_SUPPLEMENT, D(2026, 3, 20))


# --- consultation (Arts. 32, 34) ------------------------------------------------------------------------------


def test_consultation_time_is_not_counted(hetang, staff, calendar):
    app = application(hetang)
    app = services.start_consultation(app, actor=staff, party="株洲某某有限公司", on=D(2026, 3, 6))
    assert app.status == Status.CONSULTING
    started = app.events.get(kind=EventKind.CONSULTATION_STARTED)
    assert started.until == calendar.add_working_days(D(2026, 3, 6), 15)
    assert started.data == {"party": "株洲某某有限公司"}
    app = services.end_consultation(app, actor=staff, on=D(2026, 3, 13))
    # 9–13 Mar (5 working days) not counted: due 30 Mar + 5 working days.
    assert app.status == Status.PROCESSING
    assert app.due_on == calendar.add_working_days(D(2026, 3, 30), 5) == D(2026, 4, 7)  # 清明 Mon 6 Apr off


def test_consultation_needs_a_party(hetang, staff):
    app = application(hetang)
    refused(services.start_consultation, app, actor=staff, party=" ", field="party")
    unchanged(app, Status.RECEIVED, 1)


# --- extension (Art. 33) --------------------------------------------------------------------------------------


def test_an_approved_extension_adds_twenty_working_days_once(hetang, staff, calendar):
    head = reviewer_of(hetang)
    app = application(hetang)
    app = services.extend(app, actor=staff, approver=head, days=20, note="涉及多个科室", on=D(2026, 3, 27))
    assert app.extension_days == 20
    assert app.due_on == calendar.add_working_days(D(2026, 3, 30), 20) == D(2026, 4, 28)
    event = app.events.get(kind=EventKind.EXTENDED)
    assert event.data["approver_name"] == "王主任" and event.until == D(2026, 4, 28)
    error = refused(services.extend, app, actor=staff, approver=head, days=5, note="again")
    assert "已延长过一次" in str(error)


@pytest.mark.parametrize(
    ("approver", "days", "field"),
    [("none", 20, "approver"), ("self", 20, "approver"), ("editor", 20, "approver"), ("head", 21, "days")],
)
def test_an_extension_without_a_valid_approval_is_refused(hetang, staff, approver, days, field):
    app = application(hetang)
    approvers = {"none": None, "self": staff, "editor": handler_of(hetang, "editor2"), "head": reviewer_of(hetang)}
    refused(services.extend, app, actor=staff, approver=approvers[approver], days=days, note="x", field=field)
    fresh = unchanged(app, Status.RECEIVED, 1)
    assert fresh.extension_days == 0 and fresh.due_on == D(2026, 3, 30)


def test_an_extension_after_the_deadline_is_refused(hetang, staff):
    app = application(hetang)
    refused(services.extend, app, actor=staff, approver=reviewer_of(hetang), days=10, note="x", on=D(2026, 3, 31))


# --- fees (Art. 42; 国办函〔2020〕109号) ------------------------------------------------------------------------


@pytest.mark.parametrize(("nth_item", "amount"), [(10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300)])
def test_the_per_item_fee_counts_the_applicants_items_this_month_across_organs(group, nth_item, amount):
    staff_a, staff_b = handler_of(group.hetang, "a"), handler_of(group.zhuzhou, "b")
    earlier = application(group.hetang, received_on=D(2026, 3, 2), id_number="430202198001010011")
    services.accept(earlier, actor=staff_a, items=nth_item - 1, on=D(2026, 3, 2))
    application(group.hetang, received_on=D(2026, 2, 27), id_number="430202198001010011")  # last month
    application(group.zhuzhou, received_on=D(2026, 3, 2), id_number="430202198001010099")  # someone else
    app = application(group.zhuzhou, received_on=D(2026, 3, 3), id_number="430202198001010011")
    if amount == 0:
        refused(services.notify_fee, app, actor=staff_b, method=FeeMethod.PER_ITEM, field="quantity")
        unchanged(app, Status.RECEIVED, 1)
        return
    app = services.notify_fee(app, actor=staff_b, method=FeeMethod.PER_ITEM, on=D(2026, 3, 4))
    assert (app.status, app.fee.quantity, app.fee.amount) == (Status.AWAITING_FEE, 1, amount)


@pytest.mark.parametrize(("pages", "amount"), [(30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740)])
def test_the_per_page_fee_tiers(hetang, staff, pages, amount):
    app = application(hetang)
    if amount == 0:
        refused(services.notify_fee, app, actor=staff, method=FeeMethod.PER_PAGE, quantity=pages)
        return
    app = services.notify_fee(app, actor=staff, method=FeeMethod.PER_PAGE, quantity=pages, on=D(2026, 3, 4))
    assert app.fee.amount == amount and app.fee.method == FeeMethod.PER_PAGE


def test_one_fee_notice_only_so_never_both_methods(hetang, staff):
    app = application(hetang)
    services.notify_fee(app, actor=staff, method=FeeMethod.PER_PAGE, quantity=50, on=D(2026, 3, 4))
    services.record_payment(app, actor=staff, on=D(2026, 3, 9))
    error = refused(services.notify_fee, app, actor=staff, method=FeeMethod.PER_PAGE, quantity=300)
    assert "已发出过收费通知" in str(error)


def test_fee_waiting_is_not_counted_and_payment_resumes(hetang, staff, calendar):
    app = application(hetang)
    services.notify_fee(app, actor=staff, method=FeeMethod.PER_PAGE, quantity=50, on=D(2026, 3, 4))
    app = services.record_payment(app, actor=staff, on=D(2026, 3, 11))
    assert app.status == Status.PROCESSING and app.fee.paid_on == D(2026, 3, 11)
    assert app.due_on == calendar.add_working_days(D(2026, 3, 30), 5)


def test_a_waiver_needs_a_reason(hetang, staff):
    app = application(hetang)
    services.notify_fee(app, actor=staff, method=FeeMethod.PER_PAGE, quantity=50, on=D(2026, 3, 4))
    refused(services.waive_fee, app, actor=staff, note="", field="note")
    app = services.waive_fee(app, actor=staff, note="申请人为低保户", on=D(2026, 3, 5))
    assert app.fee.waived and app.status == Status.PROCESSING


def test_an_unpaid_fee_closes_the_application_after_its_deadline(hetang, staff, today, calendar):
    app = application(hetang)
    services.notify_fee(app, actor=staff, method=FeeMethod.PER_PAGE, quantity=50, on=D(2026, 3, 4))
    pay_by = calendar.add_working_days(D(2026, 3, 4), 20)
    today(pay_by)
    assert services.close_overdue() == {"supplement": 0, "fee": 0}
    day_after = D.fromordinal(pay_by.toordinal() + 1)
    today(day_after)
    assert services.close_overdue() == {"supplement": 0, "fee": 1}
    app.refresh_from_db()
    assert (app.status, app.outcome, app.closed_on) == (Status.REPLIED, Outcome.OTHER_FEE_UNPAID, day_after)


# --- reply (Art. 36) -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("outcome", Outcome.values)
def test_every_outcome_is_stored(hetang, staff, outcome):
    app = application(hetang)
    app = services.reply(
        app,
        actor=staff,
        outcome=outcome,
        reply_text="依据条例第十四条。",
        responsible_organ="株洲市财政局",
        responsible_organ_contact="0731-28000000",
        on=D(2026, 3, 20),
    )
    fresh = InformationApplication.objects.get(pk=app.pk)
    assert (fresh.status, fresh.outcome, fresh.closed_on) == (Status.REPLIED, outcome, D(2026, 3, 20))
    assert bool(fresh.responsible_organ) == (outcome == Outcome.UNAVAILABLE_NOT_HELD)


def test_a_reply_without_outcome_reasons_or_organ_gets_field_errors(hetang, staff):
    app = application(hetang)
    assert set(refused(services.reply, app, actor=staff, outcome="").errors) == {"outcome"}
    assert set(refused(services.reply, app, actor=staff, outcome=Outcome.WITHHELD_PROCESS).errors) == {"reply_text"}
    error = refused(services.reply, app, actor=staff, outcome=Outcome.UNAVAILABLE_NOT_HELD, reply_text="不掌握")
    assert set(error.errors) == {"responsible_organ", "responsible_organ_contact"}
    services.reply(app, actor=staff, outcome=Outcome.DISCLOSED)  # 予以公开 needs no reasons
    unchanged(app, Status.REPLIED, 2)


def test_no_step_from_a_closed_application(hetang, staff):
    app = application(hetang)
    services.reply(app, actor=staff, outcome=Outcome.DISCLOSED, on=D(2026, 3, 9))
    for step, kwargs in [
        (services.reply, {"outcome": Outcome.PARTIAL, "reply_text": "x"}),
        (services.accept, {}),
        (services.start_consultation, {"party": "x"}),
        (services.notify_fee, {"method": FeeMethod.PER_PAGE, "quantity": 50}),
        (services.withdraw, {}),
        (services.transfer, {"target": object()}),
    ]:
        assert "已答复" in str(refused(step, app, actor=staff, **kwargs))
    fresh = unchanged(app, Status.REPLIED, 2)
    assert fresh.outcome == Outcome.DISCLOSED


# --- transfer, withdrawal, archive ---------------------------------------------------------------------------


def test_a_transfer_closes_the_original_and_opens_one_at_the_organ(group):
    staff = handler_of(group.hetang)
    app = application(group.hetang)
    app = services.transfer(app, actor=staff, target=group.zhuzhou, on=D(2026, 3, 4), note="属市级事项")
    assert (app.status, app.outcome, app.closed_on) == (Status.TRANSFERRED, Outcome.UNAVAILABLE_NOT_HELD, D(2026, 3, 4))
    assert app.responsible_organ == group.zhuzhou.org_name and app.responsible_organ_contact == "0731-12345678"
    new = InformationApplication.objects.get(transferred_from=app)
    assert (new.site, new.received_on, new.status, new.outcome) == (group.zhuzhou, D(2026, 3, 4), Status.RECEIVED, "")
    assert (new.name, new.id_number, new.description) == (app.name, app.id_number, app.description)
    assert new.due_on == D(2026, 4, 1)
    assert new.query_password == app.query_password  # one password for both records
    refused(services.transfer, new, actor=staff, target=group.zhuzhou, field="target")


def test_withdrawal_closes_with_other_and_archive_keeps_the_outcome(hetang, staff):
    app = application(hetang)
    refused(services.archive, app, actor=staff)
    app = services.withdraw(app, actor=staff, on=D(2026, 3, 3), note="申请人电话撤回")
    assert (app.status, app.outcome, app.closed_on) == (Status.WITHDRAWN, Outcome.OTHER, D(2026, 3, 3))
    app = services.archive(app, actor=staff)
    assert (app.status, app.outcome, app.closed_on) == (Status.ARCHIVED, Outcome.OTHER, D(2026, 3, 3))
    assert app.archived_at is not None
    assert "已归档" in str(refused(services.archive, app, actor=staff))


def test_a_step_may_not_predate_the_previous_one(hetang, staff):
    app = application(hetang, received_on=D(2026, 3, 5))
    refused(services.accept, app, actor=staff, on=D(2026, 3, 4), field="on")
    refused(services.accept, app, actor=staff, on=D(2026, 7, 1), field="on")  # after "today"
    unchanged(app, Status.RECEIVED, 1)


# --- audit log and the applicant's email ---------------------------------------------------------------------


def test_each_step_is_in_the_audit_log(hetang, staff):
    app = application(hetang)
    services.accept(app, actor=staff, on=D(2026, 3, 3))
    entry = ModelLogEntry.objects.filter(object_id=str(app.pk), action="openinfo.application.accepted").get()
    assert entry.user == staff and entry.data["on"] == "2026-03-03"


def test_the_applicant_is_mailed_after_commit_and_a_mail_failure_loses_no_step(
    hetang, staff, django_capture_on_commit_callbacks, monkeypatch
):
    app = application(hetang, email="applicant@example.com")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_supplement(app, actor=staff, on=D(2026, 3, 3), until=D(2026, 3, 17), note="请写明文号")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["applicant@example.com"] and app.tracking_code in message.subject
    assert "2026年03月17日" in message.body and "pass" not in message.body.lower()
    assert ApplicationEvent.objects.get(kind=EventKind.SUPPLEMENT_REQUESTED).notified_at is not None

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.receive_supplement(app, actor=staff, on=D(2026, 3, 5))
        services.reply(app, actor=staff, outcome=Outcome.DISCLOSED, on=D(2026, 3, 6))
    for callback in callbacks:
        with contextlib.suppress(OSError):
            callback()
    app.refresh_from_db()
    assert app.status == Status.REPLIED
    assert ApplicationEvent.objects.get(kind=EventKind.REPLIED).notified_at is None  # the retry will send it
