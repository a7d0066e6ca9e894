"""Staff password policy (等保 2.0 身份鉴别 a: 身份鉴别信息具有复杂度要求并定期更换).

Complexity: ``AUTH_PASSWORD_VALIDATORS`` in the settings — at least ``PASSWORD_MIN_LENGTH`` characters, three of
the four character classes (``CharacterClassesValidator``), not similar to the username or name, not a common
password, not all digits; Django's messages for the last three are already in Chinese. They run wherever a
password is chosen through a form: the admin's user create/edit forms, *账户设置 → 密码*, password reset,
``manage.py changepassword``/``createsuperuser``.

Change: every password change is recorded in the audit (``PasswordChangeRecorder``, which Django calls from
``User.save()`` after ``set_password``), and that record dates the password: after ``PASSWORD_MAX_AGE_DAYS`` (0 =
never) staff are sent to the password form before anything else in the admin (``core.accounts.middleware``).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..enums import SecurityEventKind
from ..models import SecurityEvent

CHARACTER_CLASSES = (
    ("小写字母", str.islower),
    ("大写字母", str.isupper),
    ("数字", str.isdigit),
    # Everything else: punctuation, spaces, and letters without case (汉字) count as symbols.
    ("符号", lambda ch: not (ch.islower() or ch.isupper() or ch.isdigit())),
)


def character_classes(password: str) -> int:
    """How many of the four classes (lower case, upper case, digits, symbols) occur in ``password``."""
    return sum(1 for _name, test in CHARACTER_CLASSES if any(test(ch) for ch in password))


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in Chinese (Django 5.2's zh_Hans catalogue lags behind the changed msgid)."""

    def get_error_message(self):
        return f"密码太短，至少须 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码至少须 {self.min_length} 个字符。"


class CharacterClassesValidator:
    """At least ``min_classes`` of: lower-case letters, upper-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password, user=None):
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return f"密码须至少包含大写字母、小写字母、数字、符号四类字符中的 {self.min_classes} 类。"


class PasswordChangeRecorder:
    """Not a check: Django calls ``password_changed`` on every validator after a new password is saved, which is
    where the audit records the change (and so dates the password for ``PASSWORD_MAX_AGE_DAYS``)."""

    def validate(self, password, user=None):
        return None

    def get_help_text(self):
        return ""

    def password_changed(self, password, user=None):
        if user is not None and user.pk is not None:
            from .audit import record

            record(SecurityEventKind.PASSWORD_CHANGED, user=user)


def password_changed_at(user) -> datetime:
    """When the user's password was last set: the newest audit record, else when the account was created."""
    latest = (
        SecurityEvent.objects.filter(user=user, kind=SecurityEventKind.PASSWORD_CHANGED)
        .order_by("-timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    return latest or user.date_joined


def password_expired(user, now: datetime | None = None) -> bool:
    days = settings.PASSWORD_MAX_AGE_DAYS
    if days <= 0:
        return False
    return (now or timezone.now()) - password_changed_at(user) > timedelta(days=days)
