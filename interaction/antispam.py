"""Anti-spam of the mailboxes: core.antispam's honeypot, form token, replay counter and verdict, with the
mailbox's own counts and limits:

- rate limits: per client per receiving site per hour (messages stored, counted in the database, plus replays of
  an earlier submission, counted in the shared cache) and per mobile number per day — beyond them a message is
  refused with 429;
- a captcha (django-simple-captcha, arithmetic, generated locally) only when a client looks suspicious: honeypot
  filled, token missing/forged/too fast, or more than INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR attempts this hour.

The client is core.clients.client_key: the address behind the trusted proxies (TRUSTED_PROXIES), an IPv6 /64.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from core import antispam
from core.antispam import Assessment, FormToken

from .models import Question

TOKEN_SALT = "interaction.form-token"
SCOPE = "interaction"

__all__ = ["Assessment", "FormToken", "assess", "count_replay", "issue_form_token", "read_form_token"]


def issue_form_token() -> str:
    return antispam.issue_form_token(TOKEN_SALT)


def read_form_token(token: str) -> FormToken | None:
    return antispam.read_form_token(token, TOKEN_SALT)


def count_replay(site_id: int, client: str) -> None:
    antispam.count_replay(SCOPE, site_id, client)


def recent_counts(site_id: int, client: str, phone: str, now: datetime.datetime) -> tuple[int, int]:
    """Attempts from this client at this receiving site in the last hour (messages stored plus replays), and
    messages from this mobile number in the last day at any site (a number is one citizen, wherever they write).

    Counting per receiving site keeps one busy office network (a school, a company behind one address) from
    locking every mailbox of the city; the client is its address, or its /64 for IPv6 (core.clients)."""
    stored = Question.objects.filter(
        site_id=site_id, client_network=client, received_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    per_client = stored + antispam.replays(SCOPE, site_id, client)
    per_phone = (
        Question.objects.filter(phone=phone, received_at__gte=now - datetime.timedelta(days=1)).count() if phone else 0
    )
    return per_client, per_phone


def limits() -> antispam.Limits:
    return antispam.Limits(
        per_client_hour=settings.INTERACTION_MAX_PER_IP_HOUR,
        per_phone_day=settings.INTERACTION_MAX_PER_PHONE_DAY,
        captcha_after_per_client_hour=settings.INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR,
        min_fill_seconds=settings.INTERACTION_MIN_FILL_SECONDS,
        phone_message="该手机号今日留言次数已达上限，请明日再试或拨打12345热线。",
    )


def assess(*, site_id: int, client: str, phone: str, honeypot="", token: FormToken | None = None, check_form=True):
    """Judge one submission. ``check_form`` is False for the API, which has no honeypot or form token."""
    per_client, per_phone = recent_counts(site_id, client, phone, timezone.now())
    return antispam.judge(
        limits(), per_client=per_client, per_phone=per_phone, honeypot=honeypot, token=token, check_form=check_form
    )
