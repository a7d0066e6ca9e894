"""拟稿 and 签发: the reply drafted by one staff member is sent only once another signs it off (issue 14, separation
of duties). Steps of the state machine in services.py, built from its helpers (lock, state check, event record)."""

from django.db import transaction

from .enums import EventKind, Outcome
from .services import REPLYABLE, StepError, _check_state, _effective_day, _locked, _record, _reply, check_reply

DRAFT_FIELDS = ("outcome", "reply_text", "responsible_organ", "responsible_organ_contact")


@transaction.atomic
def draft_reply(
    application, *, actor, outcome, reply_text="", responsible_organ="", responsible_organ_contact="", on=None
):
    """拟稿: the reply (办理结果, 答复内容, …) is checked as a reply would be and kept, unsent, for 签发. A newer
    draft replaces an older one. The deadline keeps running: nothing is sent to the applicant yet."""
    application = _locked(application)
    _check_state(application, REPLYABLE, "拟定答复")
    check_reply(outcome, reply_text, responsible_organ, responsible_organ_contact)
    on = _effective_day(application, on)
    values = (outcome, (reply_text or "").strip(), responsible_organ.strip(), responsible_organ_contact.strip())
    note = f"{Outcome(outcome).label}（待签发）"
    _record(application, EventKind.REPLY_DRAFTED, on, actor, note, data=dict(zip(DRAFT_FIELDS, values, strict=True)))
    return application


def pending_draft(application):
    """The reply draft waiting for 签发: the latest draft of an application that can still be answered."""
    if application.status not in REPLYABLE:
        return None
    return application.events.filter(kind=EventKind.REPLY_DRAFTED).order_by("-at", "-pk").first()


@transaction.atomic
def sign_off(application, *, actor, on=None, note=""):
    """签发: a staff member other than the drafter approves the pending draft, which is then sent as the reply
    (政府信息公开条例 Art. 36; separation of duties — 拟稿 and 签发 by different people)."""
    application = _locked(application)
    _check_state(application, REPLYABLE, "签发答复")
    draft = pending_draft(application)
    if draft is None:
        raise StepError("没有待签发的答复稿，请先拟定答复。")
    if actor is None:
        raise StepError("签发须由工作人员操作。")
    if draft.actor_id == actor.pk:
        raise StepError("拟稿人不能签发自己拟定的答复，请由本机关其他工作人员签发。")
    values = {field: draft.data.get(field, "") for field in DRAFT_FIELDS}
    extra = {"drafted_by": draft.actor_id, "draft": draft.pk, "sign_off_note": (note or "")[:200]}
    return _reply(application, actor, on=on, extra=extra, **values)
