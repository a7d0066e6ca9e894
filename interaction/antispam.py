"""Offline anti-spam for the mailboxes, after froide's stack (../shared/reference/peers.md §6): no third-party
service (reCAPTCHA is unreachable in mainland China and offline).

- a honeypot field humans never see;
- a signed form token carrying the time the form was served: a form sent back faster than
  INTERACTION_MIN_FILL_SECONDS looks scripted; the token's nonce also makes a double-submitted form idempotent;
- rate limits counted in the database (so they hold across workers): per client IP per hour and per mobile
  number per day — beyond them a message is refused with 429;
- a captcha (django-simple-captcha, arithmetic, generated locally) only when a client looks suspicious: honeypot
  filled, token missing/forged/too fast, or more than INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR messages this hour.
"""

import datetime
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.utils import timezone

from .models import Question

TOKEN_SALT = "interaction.form-token"
TOKEN_MAX_AGE = 24 * 3600  # a form left open overnight must be refreshed


def issue_form_token() -> str:
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(16)}, salt=TOKEN_SALT)


@dataclass(frozen=True)
class FormToken:
    issued_at: float
    nonce: str


def read_form_token(token: str) -> FormToken | None:
    try:
        data = signing.loads(token or "", salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
        return FormToken(float(data["t"]), str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@dataclass
class Assessment:
    refused: str = ""  # a Chinese reason when the message must be refused outright (rate limit)
    suspicions: list[str] = field(default_factory=list)

    @property
    def needs_captcha(self) -> bool:
        return bool(self.suspicions)


def recent_counts(ip: str | None, phone: str, now: datetime.datetime) -> tuple[int, int]:
    """Messages accepted from this IP in the last hour and from this mobile number in the last day."""
    per_ip = (
        Question.objects.filter(client_ip=ip, received_at__gte=now - datetime.timedelta(hours=1)).count() if ip else 0
    )
    per_phone = (
        Question.objects.filter(phone=phone, received_at__gte=now - datetime.timedelta(days=1)).count() if phone else 0
    )
    return per_ip, per_phone


def assess(*, ip: str | None, phone: str, honeypot: str = "", token: FormToken | None = None, check_form=True):
    """Judge one submission. ``check_form`` is False for the API, which has no honeypot or form token."""
    result = Assessment()
    per_ip, per_phone = recent_counts(ip, phone, timezone.now())
    if per_ip >= settings.INTERACTION_MAX_PER_IP_HOUR:
        result.refused = "提交过于频繁，请一小时后再试。"
    elif per_phone >= settings.INTERACTION_MAX_PER_PHONE_DAY:
        result.refused = "该手机号今日留言次数已达上限，请明日再试或拨打12345热线。"
    if check_form:
        if honeypot:
            result.suspicions.append("honeypot")
        if token is None:
            result.suspicions.append("token")
        elif time.time() - token.issued_at < settings.INTERACTION_MIN_FILL_SECONDS:
            result.suspicions.append("too-fast")
    if per_ip >= settings.INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR:
        result.suspicions.append("frequent")
    return result
