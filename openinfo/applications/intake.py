"""Taking in an application from the public form or the API (政府信息公开条例 Arts. 29–31), with the mailbox's
rules (core.antispam, core.submissions): the application is validated first (ApplicationForm), then a repeated
token is looked up — and counted as an attempt — then the rate limits and the captcha, and only then is anything
stored. A token (form nonce or Idempotency-Key) is bound to the application it first came with and to the client
that sent it: the same application again returns the first receipt (the query password only to the same client
within minutes); another application under the same token is refused (422).

Registration itself is the state machine's (services.receive), which the admin's steps continue.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import antispam, submissions

from ..models import ApplicationAttachment, InformationApplication
from . import services
from .enums import Channel

SCOPE = "openinfo-application"
TOKEN_SALT = "openinfo.application-form"
REPLAY_MISMATCH = (
    "该提交标识已用于另一份不同的申请，未予受理。新申请请刷新页面（或使用新的 Idempotency-Key）后重新提交。"
)


def receive(*, site, credentials: tuple[str, str] | None = None, **fields) -> tuple[InformationApplication, str]:
    """Register an application submitted online now (Art. 31: submission through the site is its receipt, so
    Art. 33's 20 working days run from today) through the admin's state machine. Returns it with the one-time
    query password."""
    return services.receive(site=site, credentials=credentials, **fields)


@dataclass
class Receipt:
    application: InformationApplication
    password: str | None  # None on a replay, unless the same client repeats the same application within minutes
    duplicate: bool = False


@dataclass
class Attempt:
    site: object  # the receiving organ's SiteProfile
    fields: dict  # ApplicationForm.application_fields()
    attachments: list = field(default_factory=list)
    token: str | None = None  # core.submissions.submission_token of the form nonce or Idempotency-Key
    client_ip: str | None = None
    client: str = "unknown"  # core.clients.network_key
    captcha_solved: bool = False
    form_token: antispam.FormToken | None = None  # the HTML form's own signals (the API has none)
    honeypot: str = ""
    from_form: bool = True


@dataclass
class Outcome:
    status: int  # 201 stored, 200 the first receipt again, 400 captcha needed, 422 token reused, 429 too many
    receipt: Receipt | None = None
    message: str = ""

    @property
    def needs_captcha(self) -> bool:
        return self.status == 400


def limits() -> antispam.Limits:
    return antispam.Limits(
        per_client_hour=settings.OPENINFO_APPLICATION_MAX_PER_IP_HOUR,
        per_phone_day=settings.OPENINFO_APPLICATION_MAX_PER_PHONE_DAY,
        captcha_after_per_client_hour=settings.OPENINFO_APPLICATION_CAPTCHA_AFTER_PER_IP_HOUR,
        min_fill_seconds=settings.OPENINFO_APPLICATION_MIN_FILL_SECONDS,
        phone_message="该手机号今日提交的申请已达上限，请明日再试或以信函方式提交。",
    )


def recent_counts(site_id: int, client: str, phone: str, now: datetime.datetime) -> tuple[int, int]:
    """Attempts from this client at this organ in the last hour (applications stored plus replays) and online
    applications from this mobile number in the last day at any organ of the group."""
    online = InformationApplication.objects.filter(channel=Channel.ONLINE)
    stored = online.filter(
        site_id=site_id, client_network=client, submitted_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    per_phone = online.filter(phone=phone, submitted_at__gte=now - datetime.timedelta(days=1)).count()
    return stored + antispam.replays(SCOPE, site_id, client), per_phone


def fingerprint(site, fields: dict, attachments=()) -> str:
    return submissions.fingerprint({"site": site.pk, **fields}, attachments)


def find_receipt(token: str | None, submitted: str, client: str) -> Receipt | None:
    if not token:
        return None
    application = InformationApplication.objects.filter(submission_token=token).first()
    if application is None:
        return None
    if not submissions.matches(application.submission_fingerprint, submitted):
        raise submissions.ReplayMismatch
    return Receipt(application, submissions.recall_password(SCOPE, token, client), duplicate=True)


def accept(attempt: Attempt) -> Outcome:
    submitted = fingerprint(attempt.site, attempt.fields, attempt.attachments)
    try:
        receipt = find_receipt(attempt.token, submitted, attempt.client)
    except submissions.ReplayMismatch:
        antispam.count_replay(SCOPE, attempt.site.pk, attempt.client)
        return Outcome(422, message=REPLAY_MISMATCH)
    per_client, per_phone = recent_counts(attempt.site.pk, attempt.client, attempt.fields["phone"], timezone.now())
    verdict = antispam.judge(
        limits(),
        per_client=per_client,
        per_phone=per_phone,
        honeypot=attempt.honeypot,
        token=attempt.form_token,
        check_form=attempt.from_form,
    )
    if verdict.refused:
        return Outcome(429, message=verdict.refused)
    if receipt is not None:
        antispam.count_replay(SCOPE, attempt.site.pk, attempt.client)
        return Outcome(200, receipt)
    if verdict.needs_captcha and not attempt.captcha_solved:
        return Outcome(400, message="提交较频繁，请填写验证码后重新提交。")
    try:
        receipt = submit(attempt, submitted)
    except submissions.ReplayMismatch:  # another application under the same token won a race
        return Outcome(422, message=REPLAY_MISMATCH)
    return Outcome(200 if receipt.duplicate else 201, receipt)


def submit(attempt: Attempt, submitted: str) -> Receipt:
    """Store the application with its attachments in one transaction (nothing accepted is half-stored)."""
    credentials = submissions.new_password()  # before the transaction: see core.submissions.new_password
    try:
        with transaction.atomic():
            application, password = receive(
                site=attempt.site,
                credentials=credentials,
                channel=Channel.ONLINE,
                submission_token=attempt.token,
                submission_fingerprint=submitted if attempt.token else "",
                client_ip=attempt.client_ip,
                client_network=attempt.client,
                **attempt.fields,
            )
            for upload, content_type in attempt.attachments:
                ApplicationAttachment.objects.create(
                    application=application,
                    file=upload,
                    name=upload.name[:120],
                    content_type=content_type,
                    size=upload.size,
                )
    except IntegrityError:
        if found := find_receipt(attempt.token, submitted, attempt.client):  # a concurrent copy won the race
            return found
        raise
    submissions.remember_receipt(SCOPE, attempt.token, password, attempt.client)
    return Receipt(application, password)


def find_by_code(code: str, password: str) -> InformationApplication | None:
    """The application for a tracking code and query password, or None — the same answer, in the same time, for
    an unknown code and a wrong password."""
    application = InformationApplication.objects.filter(tracking_code=(code or "").strip().upper()).first()
    encoded = application.query_password if application is not None else None
    return application if submissions.password_matches(encoded, password) else None
