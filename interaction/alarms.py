"""Alarms for many messages at once: the admin list's badges and its 即将到期 / 已超期 / 严重超期 filter.

``services.alarm`` answers for one message and reads its site's rules each time. A list reads the rules of all
its sites in one query, and the filter turns the same thresholds into SQL, one condition per distinct set of
rules (most sites keep the defaults, so there are few).
"""

import datetime

from django.db.models import Q

from core.alarms import due_soon_q, overdue_q
from sites.models import SiteProfile

from . import services
from .enums import Alarm
from .models import MailboxSettings


def rules_by_profile(profile_ids) -> dict[int, MailboxSettings]:
    """Each site's mailbox rules (unsaved defaults for a site that never changed them), by SiteProfile pk."""
    site_of = dict(SiteProfile.objects.filter(pk__in=set(profile_ids)).values_list("pk", "site_id"))
    saved = {rules.site_id: rules for rules in MailboxSettings.objects.filter(site_id__in=site_of.values())}
    return {pk: saved.get(site_id) or MailboxSettings(site_id=site_id) for pk, site_id in site_of.items()}


def alarms_for(questions, today: datetime.date) -> dict[int, str | None]:
    """``{question pk: alarm or None}``, as ``services.alarm`` would answer for each."""
    rules = rules_by_profile(q.site_id for q in questions)
    return {q.pk: services.alarm(q, today, rules=rules[q.site_id]) for q in questions}


def _level(level: str, today: datetime.date, due_soon_days: int, hard_days: int) -> Q:
    hard = Q(received_on__lte=today - datetime.timedelta(days=hard_days))
    if level == Alarm.HARD:
        return hard
    if level == Alarm.OVERDUE:
        return ~hard & overdue_q(today)
    return ~hard & due_soon_q(today, due_soon_days)


def filter_alarm(queryset, level: str, today: datetime.date):
    """The open messages of ``queryset`` whose most serious alarm today is ``level``."""
    if level not in Alarm.values:
        return queryset.none()
    default = MailboxSettings()
    groups: dict[tuple[int, int], list[int]] = {}
    for site_id, soon, hard in MailboxSettings.objects.values_list(
        "site_id", "due_soon_working_days", "hard_alarm_days"
    ):
        groups.setdefault((soon, hard), []).append(site_id)
    customised = [site_id for ids in groups.values() for site_id in ids]
    condition = ~Q(site__site_id__in=customised) & _level(
        level, today, default.due_soon_working_days, default.hard_alarm_days
    )
    for (soon, hard), site_ids in groups.items():
        condition |= Q(site__site_id__in=site_ids) & _level(level, today, soon, hard)
    return queryset.open().filter(condition)
