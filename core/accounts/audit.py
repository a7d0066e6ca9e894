"""Writing the staff login audit trail (``core.SecurityEvent``); every login control reports through ``record``."""

import logging

from django.contrib.auth import get_user_model

from ..clients import client_ip
from ..enums import SecurityEventKind
from ..models import SecurityEvent
from ..text import forbidden_character

logger = logging.getLogger("core.security")
USER_AGENT_LENGTH = SecurityEvent._meta.get_field("user_agent").max_length


def user_named(username: str):
    """The account with this username, or None (the audit keeps the name typed either way)."""
    if not username:
        return None
    return get_user_model()._default_manager.filter(**{get_user_model().USERNAME_FIELD: username}).first()


def clean_text(text: str, length: int) -> str:
    """Header values and typed usernames may carry control characters, which PostgreSQL cannot store."""
    return "".join(ch for ch in (text or "") if forbidden_character(ch, allow_lines=False) is None)[:length]


def record(
    kind: SecurityEventKind, request=None, *, user=None, username: str = "", actor=None, detail: str = ""
) -> SecurityEvent:
    """Store one audit event; the client address comes from the request (behind TRUSTED_PROXIES only)."""
    if user is not None and not username:
        username = user.get_username()
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=clean_text(username, 150),
        actor=actor,
        ip_address=client_ip(request) if request is not None else None,
        user_agent=clean_text(
            request.META.get("HTTP_USER_AGENT", "") if request is not None else "", USER_AGENT_LENGTH
        ),
        detail=clean_text(detail, 255),
    )
    logger.info("security event %s user=%s ip=%s %s", kind, event.username, event.ip_address, detail)
    return event
