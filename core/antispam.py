"""Offline anti-spam shared by the public submission forms (the mailbox, the 依申请公开 form), after froide's stack
(../shared/reference/peers.md §6): no third-party service (reCAPTCHA is unreachable in mainland China and offline).

- a honeypot field humans never see;
- a signed form token carrying the time the form was served: a form sent back faster than the minimum fill time
  looks scripted; the token's nonce also makes a double-submitted form idempotent;
- replays (the same nonce or Idempotency-Key again) store nothing but count as attempts in the shared cache;
- the verdict: refused outright (a rate limit, 429) or suspicious (a captcha is needed).

Each app counts its own stored submissions (per client per receiving site, per mobile number) and passes the
counts to :func:`judge`.
"""

import secrets
import time
from dataclasses import dataclass, field

from django.core import signing

from . import ratelimit

TOKEN_MAX_AGE = 24 * 3600  # a form left open overnight must be refreshed
REPLAY_WINDOW = 3600  # replays count against the hourly per-client limit


@dataclass(frozen=True)
class FormToken:
    issued_at: float
    nonce: str


def issue_form_token(salt: str) -> str:
    """A signed token for one form served; ``salt`` names the form (a mailbox token is no application token)."""
    return signing.dumps({"t": time.time(), "n": secrets.token_urlsafe(16)}, salt=salt)


def read_form_token(token: str, salt: str) -> FormToken | None:
    try:
        data = signing.loads(token or "", salt=salt, max_age=TOKEN_MAX_AGE)
        return FormToken(float(data["t"]), str(data["n"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


@dataclass
class Assessment:
    refused: str = ""  # a Chinese reason when the submission must be refused outright (rate limit)
    suspicions: list[str] = field(default_factory=list)

    @property
    def needs_captcha(self) -> bool:
        return bool(self.suspicions)


def _replay_counter(scope: str, site_id: int, client: str) -> str:
    return f"{scope}:replays:{site_id}:{client}"


def count_replay(scope: str, site_id: int, client: str) -> None:
    """A repeated submission (same form nonce or Idempotency-Key) stores nothing but still counts as an attempt:
    otherwise replaying one key would be a free way to probe, and to load the server."""
    ratelimit.hit(_replay_counter(scope, site_id, client), REPLAY_WINDOW)


def replays(scope: str, site_id: int, client: str) -> int:
    return ratelimit.count(_replay_counter(scope, site_id, client), REPLAY_WINDOW)


@dataclass(frozen=True)
class Limits:
    per_client_hour: int
    per_phone_day: int
    captcha_after_per_client_hour: int
    min_fill_seconds: float
    client_message: str = "提交过于频繁，请一小时后再试。"
    phone_message: str = "该手机号今日提交次数已达上限，请明日再试。"


def judge(
    limits: Limits, *, per_client: int, per_phone: int, honeypot="", token: FormToken | None = None, check_form=True
) -> Assessment:
    """The verdict on one submission, from the attempts counted so far. ``check_form`` is False for an API, which
    has no honeypot or form token."""
    result = Assessment()
    if per_client >= limits.per_client_hour:
        result.refused = limits.client_message
    elif per_phone >= limits.per_phone_day:
        result.refused = limits.phone_message
    if check_form:
        if honeypot:
            result.suspicions.append("honeypot")
        if token is None:
            result.suspicions.append("token")
        elif time.time() - token.issued_at < limits.min_fill_seconds:
            result.suspicions.append("too-fast")
    if per_client >= limits.captcha_after_per_client_hour:
        result.suspicions.append("frequent")
    return result
