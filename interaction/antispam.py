"""Offline anti-spam for the mailboxes, after froide's stack (../shared/reference/peers.md §6): no third-party
service (reCAPTCHA is unreachable in mainland China and offline).

- a honeypot field humans never see;
- a signed form token carrying the time the form was served: a form sent back faster than
  INTERACTION_MIN_FILL_SECONDS looks scripted; the token's nonce also makes a double-submitted form idempotent;
- rate limits: per client per receiving site per hour (messages stored, counted in the database, plus replays of
  an earlier submission, counted in the shared cache) and per mobile number per day — beyond them a message is
  refused with 429;
- a captcha (django-simple-captcha, arithmetic, generated locally) only when a client looks suspicious: honeypot
  filled, token missing/forged/too fast, or more than INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR attempts this hour.

The client is core.clients.client_key: the address behind the trusted proxies (TRUSTED_PROXIES), an IPv6 /64.
"""

import datetime
import secrets
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.utils import timezone

from core import ratelimit

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


REPLAY_WINDOW = 3600  # replays count against the hourly per-client limit


def _replay_counter(site_id: int, client: str) -> str:
    return f"interaction:replays:{site_id}:{client}"


def count_replay(site_id: int, client: str) -> None:
    """A repeated submission (same form nonce or Idempotency-Key) stores nothing but still counts as an attempt:
    otherwise replaying one key would be a free way to probe, and to load the server."""
    ratelimit.hit(_replay_counter(site_id, client), REPLAY_WINDOW)


def recent_counts(site_id: int, client: str, phone: str, now: datetime.datetime) -> tuple[int, int]:
    """Attempts from this client at this receiving site in the last hour (messages stored plus replays), and
    messages from this mobile number in the last day at any site (a number is one citizen, wherever they write).

    Counting per receiving site keeps one busy office network (a school, a company behind one address) from
    locking every mailbox of the city; the client is its address, or its /64 for IPv6 (core.clients)."""
    stored = Question.objects.filter(
        site_id=site_id, client_network=client, received_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    per_client = stored + ratelimit.count(_replay_counter(site_id, client), REPLAY_WINDOW)
    per_phone = (
        Question.objects.filter(phone=phone, received_at__gte=now - datetime.timedelta(days=1)).count() if phone else 0
    )
    return per_client, per_phone


def assess(*, site_id: int, client: str, phone: str, honeypot="", token: FormToken | None = None, check_form=True):
    """Judge one submission. ``check_form`` is False for the API, which has no honeypot or form token."""
    result = Assessment()
    per_client, per_phone = recent_counts(site_id, client, phone, timezone.now())
    if per_client >= settings.INTERACTION_MAX_PER_IP_HOUR:
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
    if per_client >= settings.INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR:
        result.suspicions.append("frequent")
    return result
