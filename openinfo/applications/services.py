"""Handling an application (政府信息公开条例 Chapter 4): the state machine.

    received ─accept→ processing
    received | processing ─request_supplement→ supplement ─receive_supplement→ processing    (Art. 30, once)
                                               supplement ─close_unsupplemented→ replied (逾期未补正)
    received | processing ─start_consultation→ consulting ─end_consultation→ processing      (Arts. 32, 34)
    received | processing ─notify_fee→ awaiting_fee ─record_payment | waive_fee→ processing   (Art. 42)
                                       awaiting_fee ─close_unpaid→ replied (逾期未缴费)
    received | processing | consulting: extend (Art. 33, once, approved), reply → replied (Art. 36),
                                        transfer → transferred (Art. 36 (五))
    any open state ─withdraw→ withdrawn;   replied | transferred | withdrawn ─archive→ archived (Art. 45)

Every step locks the application (select_for_update: two staff cannot act on one application at once), checks
what it needs and raises StepError with a Chinese message — per field where a field is wrong — before changing
anything, records an ApplicationEvent (who, when, the effective day, the note), recomputes ``due_on`` from the
events (deadlines.schedule), writes Wagtail's audit log and, when the step concerns the applicant, enqueues their
email for after the commit (notifications.py). Every closing step sets exactly one ``outcome`` and ``closed_on``
(the invariant the annual report's Table 3 relies on).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from core import submissions
from core.workdays import load_calendar

from ..models import ApplicationEvent, ApplicationFee, InformationApplication
from . import deadlines, fees, notifications
from .enums import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    REASON_REQUIRED,
    RESPONSIBLE_ORGAN_OUTCOMES,
    Channel,
    EventKind,
    FeeMethod,
    Outcome,
    Status,
)

LOG_PREFIX = "openinfo.application."
WORKING = (Status.RECEIVED, Status.PROCESSING)  # the clock runs and nothing is awaited
REPLYABLE = (Status.RECEIVED, Status.PROCESSING, Status.CONSULTING)


class StepError(Exception):
    """A refused step. ``errors`` maps a form field (or None: the whole step) to its Chinese message."""

    def __init__(self, message: str, field: str | None = None, errors: dict | None = None):
        self.errors = errors or {field: message}
        super().__init__(message if errors is None else "；".join(errors.values()))


# --- receipt (Art. 31) ---------------------------------------------------------------------------------------


def receive(
    *, site, actor=None, channel=Channel.ONLINE, received_on=None, credentials=None, transferred_from=None, **fields
):
    """Store a new application; returns it with the one-time query password (only its hash is kept).

    Online the day of receipt is today; staff registering a letter, a fax or a visit enter the day of receipt
    Art. 31 fixes for that channel (the day signed for, …), which may lie in the past but not in the future."""
    today = timezone.localdate()
    received_on = received_on or today
    if received_on > today:
        raise StepError("收到申请日期不能晚于今天。", "received_on")
    if channel != Channel.ONLINE and actor is None and transferred_from is None:
        raise StepError("线下申请须由工作人员登记。", "channel")
    password, password_hash = credentials or submissions.new_password()
    with transaction.atomic():
        application = InformationApplication.objects.create(
            site=site,
            tracking_code=submissions.unique_code(
                lambda code: InformationApplication.objects.filter(tracking_code=code).exists()
            ),
            query_password=password_hash,
            channel=channel,
            received_on=received_on,
            clock_started_on=received_on,
            registered_by=actor,
            transferred_from=transferred_from,
            **fields,
        )
        kind = EventKind.REGISTERED if actor is not None or transferred_from else EventKind.SUBMITTED
        note = f"由{transferred_from.site.org_name}转送" if transferred_from else ""
        _record(application, kind, received_on, actor, note)
    return application, password


# --- the shared mechanics of a step ----------------------------------------------------------------------------


def _locked(application) -> InformationApplication:
    return InformationApplication.objects.select_for_update().select_related("site").get(pk=application.pk)


def _check_state(application, sources, label: str) -> None:
    if application.status not in sources:
        if application.status in CLOSED_STATUSES:
            raise StepError(f"申请已{application.get_status_display()}，不能再{label}。")
        raise StepError(f"当前状态为“{application.get_status_display()}”，不能{label}。")


def _effective_day(application, on) -> datetime.date:
    """The day the step takes effect: today unless staff record a step taken earlier (a letter signed for)."""
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise StepError("生效日期不能晚于今天。", "on")
    last = application.events.order_by("-on").values_list("on", flat=True).first() or application.received_on
    if on < last:
        raise StepError(f"生效日期不能早于上一办理步骤的日期（{last:%Y-%m-%d}）。", "on")
    return on


def _record(application, kind, on, actor, note="", *, until=None, data=None, notify=False) -> ApplicationEvent:
    """Store the step's event, recompute the deadline, save, audit-log, and notify the applicant after commit."""
    event = ApplicationEvent.objects.create(
        application=application, kind=kind, on=on, until=until, actor=actor, note=note, data=data or {}
    )
    if application.status in OPEN_STATUSES:
        plan = deadlines.schedule(
            load_calendar(),
            application.received_on,
            application.events.order_by("at", "pk"),
            application.extension_days,
            application.status,
            timezone.localdate(),
        )
        application.clock_started_on, application.due_on = plan.clock_started_on, plan.due_on
    application.save()
    log(
        instance=application,
        action=LOG_PREFIX + kind,
        user=actor,
        data={"event": event.pk, "on": on.isoformat(), "note": note[:200]},
    )
    if notify and application.email:
        notifications.notify(event)
    return event


def _close(application, outcome, on, *, status=Status.REPLIED, reply_text="", organ="", organ_contact=""):
    application.status, application.outcome, application.closed_on = status, outcome, on
    application.reply_text, application.responsible_organ = reply_text, organ
    application.responsible_organ_contact = organ_contact


# --- the steps ---------------------------------------------------------------------------------------------------


@transaction.atomic
def accept(application, *, actor, items=1, on=None, note=""):
    """审核 (Art. 45): the application is complete and clear; handling begins. Staff count its items (件), which
    the per-item fee counts (国办函〔2020〕109号)."""
    application = _locked(application)
    _check_state(application, (Status.RECEIVED,), "审核受理")
    if not items or items < 1:
        raise StepError("申请事项件数须为正整数。", "items")
    on = _effective_day(application, on)
    application.status, application.items = Status.PROCESSING, items
    _record(application, EventKind.ACCEPTED, on, actor, note, data={"items": items})
    return application


@transaction.atomic
def request_supplement(application, *, actor, until, note, on=None):
    """补正 (Art. 30): once only, within 7 working days of receipt, saying what to supplement and by when; the
    reply period stops and restarts from the supplement's receipt."""
    application = _locked(application)
    _check_state(application, WORKING, "发出补正通知")
    if application.events.filter(kind=EventKind.SUPPLEMENT_REQUESTED).exists():
        raise StepError("补正通知只能发出一次（条例第三十条：一次性告知）。")
    on = _effective_day(application, on)
    limit = deadlines.supplement_notice_until(load_calendar(), application.received_on)
    if on > limit:
        raise StepError(
            f"补正通知须在收到申请之日起 7 个工作日内发出（至 {limit:%Y-%m-%d}），已超过期限，不能再要求补正。", "on"
        )
    if not (note or "").strip():
        raise StepError("请写明需要补正的事项。", "note")
    if until is None or until <= on:
        raise StepError("补正期限须晚于通知日期。", "until")
    application.status = Status.SUPPLEMENT
    _record(application, EventKind.SUPPLEMENT_REQUESTED, on, actor, note, until=until, notify=True)
    return application


@transaction.atomic
def receive_supplement(application, *, actor, on=None, note=""):
    """The supplement arrived: the 20 working days run again from its receipt (Art. 30)."""
    application = _locked(application)
    _check_state(application, (Status.SUPPLEMENT,), "登记补正材料")
    on = _effective_day(application, on)
    application.status = Status.PROCESSING
    _record(application, EventKind.SUPPLEMENT_RECEIVED, on, actor, note)
    return application


def _last(application, kind) -> ApplicationEvent | None:
    return application.events.filter(kind=kind).order_by("-at", "-pk").first()


@transaction.atomic
def close_unsupplemented(application, *, actor=None, on=None):
    """逾期不补正 (Art. 30: 视为放弃申请): closed with OTHER_NO_SUPPLEMENT the day after the deadline."""
    application = _locked(application)
    _check_state(application, (Status.SUPPLEMENT,), "按逾期未补正办结")
    notice = _last(application, EventKind.SUPPLEMENT_REQUESTED)
    on = on or timezone.localdate()
    if notice.until >= on:
        raise StepError(f"补正期限（{notice.until:%Y-%m-%d}）尚未届满。")
    _close(application, Outcome.OTHER_NO_SUPPLEMENT, on, reply_text="申请人无正当理由逾期不补正，视为放弃申请。")
    _record(application, EventKind.REPLIED, on, actor, "逾期未补正，不再处理", data={"auto": True}, notify=True)
    return application


@transaction.atomic
def start_consultation(application, *, actor, party, on=None, note=""):
    """征求意见 of a third party (Art. 32) or another organ (Art. 34): 15 working days, not counted."""
    application = _locked(application)
    _check_state(application, WORKING, "征求意见")
    if not (party or "").strip():
        raise StepError("请填写被征求意见的第三方或机关。", "party")
    on = _effective_day(application, on)
    until = deadlines.consultation_until(load_calendar(), on)
    application.status = Status.CONSULTING
    _record(application, EventKind.CONSULTATION_STARTED, on, actor, note, until=until, data={"party": party.strip()})
    return application


@transaction.atomic
def end_consultation(application, *, actor, on=None, note=""):
    application = _locked(application)
    _check_state(application, (Status.CONSULTING,), "结束征求意见")
    on = _effective_day(application, on)
    application.status = Status.PROCESSING
    _record(application, EventKind.CONSULTATION_ENDED, on, actor, note)
    return application


@transaction.atomic
def extend(application, *, actor, approver, days, note, on=None):
    """延期 (Art. 33): once, at most 20 working days, approved by the disclosure office head (the site's reviewer
    group, another person than the handler, named), before the period ends, with a notice to the applicant."""
    from .permissions import may_approve_extension

    application = _locked(application)
    _check_state(application, REPLYABLE, "延长答复期限")
    if application.extension_days:
        raise StepError("答复期限已延长过一次，不能再次延长。")
    if not 1 <= (days or 0) <= deadlines.MAX_EXTENSION_WORKING_DAYS:
        raise StepError("延长期限为 1 至 20 个工作日（条例第三十三条）。", "days")
    if approver is None:
        raise StepError("延长答复期限须经政府信息公开工作机构负责人同意，请选择批准人。", "approver")
    if actor is not None and approver.pk == actor.pk:
        raise StepError("批准人不能是经办人本人。", "approver")
    if not may_approve_extension(approver, application):
        raise StepError("所选批准人不是本机关政府信息公开工作机构负责人（审核组）。", "approver")
    if not (note or "").strip():
        raise StepError("请填写延期理由（将告知申请人）。", "note")
    on = _effective_day(application, on)
    if application.due_on and on > application.due_on:
        raise StepError(f"答复期限已于 {application.due_on:%Y-%m-%d} 届满，不能再延长。", "on")
    application.extension_days = days
    name = approver.get_full_name() or approver.get_username()
    data = {"days": days, "approver": approver.pk, "approver_name": name}
    _record(application, EventKind.EXTENDED, on, actor, note, data=data, notify=True)
    event = _last(application, EventKind.EXTENDED)
    event.until = application.due_on  # the new reply deadline, for the 延期通知书
    event.save(update_fields=["until"])
    return application


@transaction.atomic
def notify_fee(application, *, actor, method, quantity=None, on=None, note=""):
    """收费通知 (Art. 42; 国办函〔2020〕109号): per item or per page — one notice per application, so never both.
    Handling waits for the payment, and the wait is not counted."""
    application = _locked(application)
    _check_state(application, WORKING, "发出收费通知")
    if ApplicationFee.objects.filter(application=application).exists():
        raise StepError("本申请已发出过收费通知，不能再次收费（按件、按量不得同时计收）。")
    if method not in FeeMethod.values:
        raise StepError("请选择按件计收或按量计收。", "method")
    if method == FeeMethod.PER_ITEM:
        quantity = application.items  # counted when the application was reviewed (accept)
    elif not quantity or quantity < 1:
        raise StepError("请填写页数（正整数）。", "quantity")
    amount = fees.fee_amount(application, method, quantity)
    if amount == 0:
        raise StepError("按标准本申请不收费（免费额度内），无需发出收费通知。", "quantity")
    on = _effective_day(application, on)
    pay_by = deadlines.fee_payment_until(load_calendar(), on)
    ApplicationFee.objects.create(
        application=application, method=method, quantity=quantity, amount=amount, notice_on=on, pay_by=pay_by
    )
    application.status = Status.AWAITING_FEE
    data = {"method": method, "quantity": quantity, "amount": amount}
    _record(application, EventKind.FEE_NOTICE, on, actor, note, until=pay_by, data=data, notify=True)
    return application


def _settle_fee(application, *, actor, on, note, waived: bool):
    application = _locked(application)
    _check_state(application, (Status.AWAITING_FEE,), "减免费用" if waived else "登记缴费")
    on = _effective_day(application, on)
    if waived and not (note or "").strip():
        raise StepError("请填写减免理由。", "note")
    fee = application.fee
    if waived:
        fee.waived = True
    else:
        fee.paid_on = on
    fee.save()
    application.status = Status.PROCESSING
    _record(application, EventKind.FEE_WAIVED if waived else EventKind.FEE_PAID, on, actor, note)
    return application


@transaction.atomic
def record_payment(application, *, actor, on=None, note=""):
    return _settle_fee(application, actor=actor, on=on, note=note, waived=False)


@transaction.atomic
def waive_fee(application, *, actor, note, on=None):
    return _settle_fee(application, actor=actor, on=on, note=note, waived=True)


@transaction.atomic
def close_unpaid(application, *, actor=None, on=None):
    """逾期未缴费: closed with OTHER_FEE_UNPAID after the payment deadline."""
    application = _locked(application)
    _check_state(application, (Status.AWAITING_FEE,), "按逾期未缴费办结")
    on = on or timezone.localdate()
    if application.fee.pay_by >= on:
        raise StepError(f"缴费期限（{application.fee.pay_by:%Y-%m-%d}）尚未届满。")
    _close(application, Outcome.OTHER_FEE_UNPAID, on, reply_text="申请人逾期未按收费通知要求缴纳费用。")
    _record(application, EventKind.REPLIED, on, actor, "逾期未缴费，不再处理", data={"auto": True}, notify=True)
    return application


def check_reply(outcome, reply_text, organ, organ_contact) -> None:
    """Art. 36: exactly one outcome; reasons for all but 予以公开 (Arts. 36 (三), 37); for 本机关不掌握 the
    responsible organ's name and contact (Art. 36 (五))."""
    errors = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "请选择办理结果。"
    else:
        if outcome in REASON_REQUIRED and not (reply_text or "").strip():
            errors["reply_text"] = "该办理结果须说明理由。"
        if outcome in RESPONSIBLE_ORGAN_OUTCOMES:
            if not (organ or "").strip():
                errors["responsible_organ"] = "请填写负责公开该信息的机关名称。"
            if not (organ_contact or "").strip():
                errors["responsible_organ_contact"] = "请填写该机关的联系方式。"
    if errors:
        raise StepError("", errors=errors)


@transaction.atomic
def reply(application, *, actor, outcome, reply_text="", responsible_organ="", responsible_organ_contact="", on=None):
    """答复 (Art. 36) with exactly one Table 3 outcome. The admin never calls this directly: staff draft the reply
    (``draft_reply``) and another staff member signs it off (``sign_off``), which sends it through here."""
    application = _locked(application)
    _check_state(application, REPLYABLE, "答复")
    return _reply(application, actor, outcome, reply_text, responsible_organ, responsible_organ_contact, on)


def _reply(application, actor, outcome, reply_text, responsible_organ, responsible_organ_contact, on, extra=None):
    check_reply(outcome, reply_text, responsible_organ, responsible_organ_contact)
    on = _effective_day(application, on)
    organ = responsible_organ.strip() if outcome in RESPONSIBLE_ORGAN_OUTCOMES else ""
    contact = responsible_organ_contact.strip() if organ else ""
    _close(application, outcome, on, reply_text=(reply_text or "").strip(), organ=organ, organ_contact=contact)
    data = {"outcome": outcome, **(extra or {})}
    _record(application, EventKind.REPLIED, on, actor, Outcome(outcome).label, data=data, notify=True)
    return application


@transaction.atomic
def transfer(application, *, actor, target, on=None, note=""):
    """转送 another organ of the group: the original closes with 本机关不掌握 naming the organ (the invariant);
    the organ gets a new application received on the transfer day. Returns the original; ``.transferred`` is
    the new one."""
    application = _locked(application)
    _check_state(application, REPLYABLE, "转送")
    if target is None:
        raise StepError("请选择转送的机关。", "target")
    if target.pk == application.site_id:
        raise StepError("不能转送给本机关。", "target")
    on = _effective_day(application, on)
    contact = _organ_contact(target)
    text = f"经查，该信息不属于本机关掌握，已转送{target.org_name}办理。"
    _close(application, Outcome.UNAVAILABLE_NOT_HELD, on, status=Status.TRANSFERRED, reply_text=text,
           organ=target.org_name, organ_contact=contact or "见该机关门户网站")  # fmt: skip
    application.transferred_to = target
    _record(application, EventKind.TRANSFERRED, on, actor, note, data={"target": target.pk}, notify=True)
    copied = {field: getattr(application, field) for field in APPLICANT_FIELDS}
    new, _password = receive(
        site=target,
        actor=actor,
        channel=application.channel,
        received_on=on,
        transferred_from=application,
        credentials=("", application.query_password),  # the applicant keeps one password for both records
        **copied,
    )
    application.transferred = new
    return application


APPLICANT_FIELDS = (
    "applicant_kind",
    "organisation_type",
    "name",
    "id_document",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "description",
    "document_title",
    "document_number",
    "purpose",
    "provision_form",
    "delivery",
    "fee_waiver_requested",
    "fee_waiver_reason",
)


def _organ_contact(profile) -> str:
    from sites.models import SiteSettings

    settings = SiteSettings.objects.filter(site_id=profile.site_id).first()
    return settings.phone if settings else ""


@transaction.atomic
def withdraw(application, *, actor, on=None, note=""):
    """申请人撤回: closed with 其他处理 (Table 3 (六) 3)."""
    application = _locked(application)
    _check_state(application, OPEN_STATUSES, "登记撤回")
    on = _effective_day(application, on)
    _close(application, Outcome.OTHER, on, status=Status.WITHDRAWN, reply_text="申请人撤回申请。")
    _record(application, EventKind.WITHDRAWN, on, actor, note)
    return application


@transaction.atomic
def archive(application, *, actor, note=""):
    """归档 (Art. 45): bookkeeping after the reply; the outcome and closed_on stay."""
    application = _locked(application)
    if application.status not in (Status.REPLIED, Status.TRANSFERRED, Status.WITHDRAWN):
        if application.status == Status.ARCHIVED:
            raise StepError("申请已归档。")
        raise StepError("申请尚未办结，不能归档。")
    application.status, application.archived_at = Status.ARCHIVED, timezone.now()
    _record(application, EventKind.ARCHIVED, timezone.localdate(), actor, note)
    return application


def close_overdue(today: datetime.date | None = None) -> dict[str, int]:
    """The daily job: close every application whose supplement or fee deadline has passed."""
    today = today or timezone.localdate()
    closed = {"supplement": 0, "fee": 0}
    for application in list(InformationApplication.objects.filter(status=Status.SUPPLEMENT)):
        notice = _last(application, EventKind.SUPPLEMENT_REQUESTED)
        if notice and notice.until and notice.until < today:
            close_unsupplemented(application, on=today)
            closed["supplement"] += 1
    for application in list(InformationApplication.objects.filter(status=Status.AWAITING_FEE, fee__pay_by__lt=today)):
        close_unpaid(application, on=today)
        closed["fee"] += 1
    return closed
