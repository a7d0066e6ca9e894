"""The daily 办理提醒 (alarm digest): each handling unit's staff get one email listing its open messages that are
due soon, overdue or past the hard alarm (``services.alarm``, each site's 互动交流设置 and the working-day calendar).

The handling unit is the unit a message is transferred to (``Question.handler``), else the receiving site; its
staff are the active members of its editor and reviewer groups who have an email address. Nobody else is told
about a message (interaction/permissions.py). The email names the messages by tracking code, title, dates and
alarm and links to the admin; it carries none of the citizen's personal data (name, phone, email).

``interaction_alarm_digest`` (run each morning by a timer, deploy/) enqueues one task per unit with alarms, so a
mail server that is down is retried by the worker (interaction/tasks.py) and visible under *设置 → 后台任务*.
"""

import datetime
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q

from sites.models import SiteProfile

from . import alarms
from .enums import Alarm
from .models import Question

ORDER = [Alarm.HARD, Alarm.OVERDUE, Alarm.DUE_SOON]


def alarmed_by_unit(today: datetime.date) -> dict[int, list[tuple[Question, str]]]:
    """``{handling unit pk: [(message, alarm), …]}`` for every open message with an alarm today, most serious
    first, then oldest deadline first."""
    questions = list(Question.objects.open().order_by("due_on", "pk"))
    found = alarms.alarms_for(questions, today)
    units: dict[int, list[tuple[Question, str]]] = {}
    for question in questions:
        level = found[question.pk]
        if level:
            units.setdefault(question.handler_id or question.site_id, []).append((question, level))
    for items in units.values():
        items.sort(key=lambda item: ORDER.index(item[1]))
    return units


def unit_alarms(unit: SiteProfile, today: datetime.date) -> list[tuple[Question, str]]:
    mine = Q(handler=unit) | Q(handler__isnull=True, site=unit)
    questions = list(Question.objects.open().filter(mine).order_by("due_on", "pk"))
    found = alarms.alarms_for(questions, today)
    items = [(question, found[question.pk]) for question in questions if found[question.pk]]
    return sorted(items, key=lambda item: ORDER.index(item[1]))


def staff_addresses(unit: SiteProfile) -> list[str]:
    groups = [pk for pk in (unit.editor_group_id, unit.reviewer_group_id) if pk]
    users = get_user_model().objects.filter(groups__in=groups, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def compose(unit: SiteProfile, items: list[tuple[Question, str]], today: datetime.date) -> tuple[str, str]:
    from .views.admin import url

    counts = {level: sum(1 for _q, found in items if found == level) for level in ORDER}
    summary = "，".join(f"{Alarm(level).label} {n} 条" for level, n in counts.items() if n)
    subject = f"【{unit.org_name}】政民互动办理提醒：{summary}"
    lines = [f"{unit.org_name}：", "", f"截至 {today:%Y年%m月%d日}，以下留言尚未答复（{summary}）：", ""]
    for question, level in items:
        link = urljoin(settings.WAGTAILADMIN_BASE_URL, url("detail", question.pk))
        lines += [
            f"【{Alarm(level).label}】{question.title}",
            f"  查询码 {question.tracking_code}，受理日期 {question.received_on:%Y-%m-%d}，"
            f"答复期限 {question.due_on:%Y-%m-%d}",
            f"  办理：{link}",
        ]
    lines += ["", "请登录管理后台“留言办理”及时答复。本邮件由系统每个工作日自动发送，请勿直接回复。"]
    return subject, "\n".join(lines)


def send_digest(unit_pk: int, today: datetime.date) -> int:
    """Email the unit's staff its alarms today (one email per address); the number of emails sent."""
    unit = SiteProfile.objects.filter(pk=unit_pk).first()
    if unit is None:
        return 0
    items = unit_alarms(unit, today)
    addresses = staff_addresses(unit)
    if not items or not addresses:
        return 0
    subject, body = compose(unit, items, today)
    messages = [EmailMessage(subject, body, None, [address]) for address in addresses]
    return get_connection().send_messages(messages) or 0
