"""Receiving and handling messages: the state machine, deadlines and alarms on the shared working-day calendar.

received → rejected (invalid or duplicate, with a reason)
received | assigned → assigned (to a department or district site; each transfer is kept in the history)
received | assigned → answered (reply text, replying organisation, date)
answered → reviewed (optional step; required before publication when the site's settings say so; never by the
person who answered: separation of duties, issue 14)
answered | reviewed → published (only if the citizen consented) | closed (privately)
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import submissions
from core.alarms import deadline_alarm
from core.submissions import (  # noqa: F401  (names the rest of interaction and the demo import from here)
    CODE_ALPHABET,
    TRACKING_CODE_LENGTH,
    ReplayMismatch,
    new_password,
    submission_token,
    unique_code,
)
from core.workdays import load_calendar
from sites.page_cache import bump_question_sites

from . import privacy
from .enums import OPEN_STATUSES, Alarm, Satisfaction, Status
from .models import MailboxSettings, Question, QuestionAttachment, QuestionEvent
from .notifications import notify_answered
from .sensitive import screen

SCOPE = "interaction"  # of the receipts kept for retries (core.submissions)


class TransitionError(Exception):
    """The requested step is not allowed from the message's current state; the message says why (Chinese)."""


@dataclass(frozen=True)
class Step:
    sources: tuple[str, ...]
    target: str
    label: str


STEPS = {
    "reject": Step((Status.RECEIVED, Status.ASSIGNED), Status.REJECTED, "不予受理"),
    "assign": Step((Status.RECEIVED, Status.ASSIGNED), Status.ASSIGNED, "转办"),
    "answer": Step((Status.RECEIVED, Status.ASSIGNED), Status.ANSWERED, "答复"),
    "review": Step((Status.ANSWERED,), Status.REVIEWED, "审核"),
    "publish": Step((Status.ANSWERED, Status.REVIEWED), Status.PUBLISHED, "公开"),
    "close": Step((Status.ANSWERED, Status.REVIEWED), Status.CLOSED, "办结不公开"),
}


def mailbox_settings(question_or_site) -> MailboxSettings:
    site = getattr(question_or_site, "site", question_or_site)
    wagtail_site = getattr(site, "site", site)  # a SiteProfile or a Wagtail Site
    return MailboxSettings.for_site(wagtail_site)


def receive(*, site, actor=None, credentials: tuple[str, str] | None = None, **fields) -> tuple[Question, str]:
    """Store a new message; returns it with the one-time query password (only its hash is kept).
    ``credentials`` is a :func:`new_password` pair made before the caller's transaction."""
    password, password_hash = credentials or new_password()
    received_at = fields.pop("received_at", None) or timezone.now()
    received_on = timezone.localtime(received_at).date()
    with transaction.atomic():
        rules = mailbox_settings(site)
        code = unique_code(lambda c: Question.objects.filter(tracking_code=c).exists())
        question = Question.objects.create(
            site=site,
            received_at=received_at,
            received_on=received_on,
            tracking_code=code,
            query_password=password_hash,
            due_on=load_calendar().add_working_days(received_on, rules.reply_working_days),
            **fields,
        )
        QuestionEvent.objects.create(
            question=question, action="receive", to_status=Status.RECEIVED, actor=actor, at=received_at
        )
    return question, password


@dataclass
class Receipt:
    question: Question
    password: str | None  # None on a replay, unless the same client repeats the same message within minutes
    duplicate: bool = False


def fingerprint(*, site, channel: str, target=None, fields: dict, attachments=()) -> str:
    """A digest of everything a citizen submitted: a token is bound to this, so a replay is the same message."""
    content = {"site": site.pk, "channel": channel, "target": target.pk if target else None, **fields}
    return submissions.fingerprint(content, attachments)


def find_receipt(token: str | None, submitted: str, client: str) -> Receipt | None:
    """The first record of a repeated submission, or None. The password comes back only to the same client
    (address or /64) within RECEIPT_SECONDS; a different message under the same token raises ReplayMismatch."""
    if not token:
        return None
    question = Question.objects.filter(submission_token=token).first()
    if question is None:
        return None
    if not submissions.matches(question.submission_fingerprint, submitted):
        raise ReplayMismatch
    return Receipt(question, submissions.recall_password(SCOPE, token, client), duplicate=True)


def submit(
    *, site, target=None, token=None, submitted="", client="", attachments=(), client_ip=None, **fields
) -> Receipt:
    """Accept a citizen's message: screen it, store it with its attachments and, when the citizen chose a
    handling unit, record the transfer — all in one transaction, so nothing accepted is half-stored. ``token`` is
    a :func:`submission_token`, ``submitted`` the message's :func:`fingerprint`: the same token and message
    always yield the first record, even under a race; the same token with another message raises ReplayMismatch."""
    if found := find_receipt(token, submitted, client):
        return found
    flagged = screen(fields.get("title", ""), fields.get("content", ""), fields.get("name", ""))
    credentials = new_password()  # before the transaction: see new_password
    try:
        with transaction.atomic():
            question, password = receive(
                site=site,
                credentials=credentials,
                submission_token=token,
                submission_fingerprint=submitted if token else "",
                client_ip=client_ip,
                client_network=client,
                flagged_words="、".join(flagged)[:200],
                **fields,
            )
            for upload, content_type in attachments:
                QuestionAttachment.objects.create(
                    question=question, file=upload, name=upload.name[:120], content_type=content_type, size=upload.size
                )
            if target is not None and target.pk != site.pk:
                question = transition(question, "assign", handler=target, note="留言人选择的办理单位")
    except IntegrityError:
        if found := find_receipt(token, submitted, client):  # a concurrent copy of the same submission won the race
            return found
        raise
    submissions.remember_receipt(SCOPE, token, password, client)
    return Receipt(question, password)


@transaction.atomic
def rate(question: Question, value: str) -> Question:
    """The citizen's one rating of an answered message (满意 / 基本满意 / 不满意)."""
    if value not in Satisfaction.values:
        raise TransitionError("请选择满意、基本满意或不满意。")
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not question.answered_at:
        raise TransitionError("留言尚未答复，暂不能评价。")
    if question.satisfaction:
        raise TransitionError("您已评价过本条留言。")
    question.satisfaction, question.rated_at = value, timezone.now()
    question.save(update_fields=["satisfaction", "rated_at"])
    QuestionEvent.objects.create(
        question=question,
        action="rate",
        from_status=question.status,
        to_status=question.status,
        note=Satisfaction(value).label,
    )
    if question.status == Status.PUBLISHED:
        transaction.on_commit(lambda: bump_question_sites(question))
    return question


def find_by_code(code: str, password: str) -> Question | None:
    """The message for a tracking code and query password, or None (the same answer for either mistake). An
    unknown code is checked against a dummy hash, so it takes as long as a known one: the answer's timing does not
    tell which codes exist."""
    question = Question.objects.filter(tracking_code=(code or "").strip().upper()).first()
    matches = submissions.password_matches(question.query_password if question is not None else None, password)
    return question if matches else None


@transaction.atomic
def transition(question: Question, action: str, *, actor=None, note: str = "", **data) -> Question:
    step = STEPS.get(action)
    if step is None:
        raise TransitionError(f"未知的操作：{action}")
    question = Question.objects.select_for_update().get(pk=question.pk)
    if question.status not in step.sources:
        raise TransitionError(f"当前状态为“{question.get_status_display()}”，不能执行“{step.label}”。")
    handler = None
    if action == "reject":
        reason = (data.get("reason") or "").strip()
        if not reason:
            raise TransitionError("不予受理必须填写理由。")
        question.rejection_reason = reason
    elif action == "assign":
        handler = data.get("handler")
        if handler is None:
            raise TransitionError("转办必须选择办理单位。")
        if handler.pk == question.handler_id:
            raise TransitionError("已由该单位办理，无需重复转办。")
        question.handler = handler
    elif action == "answer":
        answer, answered_by = (data.get("answer") or "").strip(), (data.get("answered_by") or "").strip()
        if not answer or not answered_by:
            raise TransitionError("答复必须填写答复内容和答复单位。")
        question.answer, question.answered_by = answer, answered_by
        question.answered_at = data.get("answered_at") or timezone.now()
    elif action == "review":
        _check_reviewer_is_not_answerer(question, actor)
    elif action == "publish":
        if not question.consent_publish:
            raise TransitionError("留言人未同意公开，只能办结不公开。")
        if mailbox_settings(question).review_required and question.status != Status.REVIEWED:
            raise TransitionError("本站要求答复经审核后才能公开。")
        if question.flagged_words and question.status != Status.REVIEWED:
            raise TransitionError(f"留言含敏感词（{question.flagged_words}），须经审核后才能公开。")
        question.published_at = timezone.now()
        note = privacy.store_public_copy(question, note)  # the public reads a copy with personal data masked
        transaction.on_commit(lambda: bump_question_sites(question))  # cached public lists must show it at once
    event = QuestionEvent(
        question=question,
        action=action,
        from_status=question.status,
        to_status=step.target,
        actor=actor,
        handler=handler,
        note=note,
    )
    question.status = step.target
    question.save()
    event.save()
    if action == "answer":
        notify_answered(question)  # emailed only once the answer is committed
    return question


def answerer(question: Question):
    """The staff member who wrote the current answer (the actor of the latest 答复), or None (system, demo import)."""
    event = question.events.filter(action="answer").order_by("-at", "-pk").select_related("actor").first()
    return event.actor if event is not None else None


def _check_reviewer_is_not_answerer(question: Question, actor) -> None:
    # Separation of duties (issue 14, 三审三校): whoever drafted a reply may not approve it; a site that requires
    # review therefore publishes only replies approved by a second person.
    author = answerer(question)
    if actor is not None and author is not None and author.pk == actor.pk:
        raise TransitionError("答复人不能审核自己撰写的答复，请由本单位其他工作人员审核。")


def alarm(question: Question, today: datetime.date | None = None, rules: MailboxSettings | None = None) -> str | None:
    """The most serious alarm an unanswered message raises today, if any (``rules``: its site's settings, when
    the caller has already read them)."""
    if question.status not in OPEN_STATUSES:
        return None
    today = today or timezone.localdate()
    rules = rules or mailbox_settings(question)
    if (today - question.received_on).days >= rules.hard_alarm_days:
        return Alarm.HARD
    level = deadline_alarm(question.due_on, today, rules.due_soon_working_days)
    return Alarm(level) if level else None
