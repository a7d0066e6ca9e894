"""互动回应差: a consultation message left unanswered for more than three months, or no consultation channel.

Rule: 国办秘函〔2019〕19号, 单项否决 “互动回应差” — (1) no effective online consultation or suggestion channel
(网上信访 and 纪检举报 do not count); (2) in the year before the check, a 政务咨询 column has a valid message
unanswered for more than 3 months. Confidence: verified (gov-standards.md §3.2). The warnings at 60 days (the
mailbox's 严重超期 alarm, interaction.MailboxSettings.hard_alarm_days) and again at 80 days are this platform's, so
an office sees the line coming; they are not thresholds of the rule.

"More than 3 months" is counted in calendar months: a message received on 1 February passes the line at the end of
1 May (89 days), one received on 2 August at the end of 2 November (92 days). Valid: every message not refused as
不予受理. A message answered after the line, within the year before the check, is a hit too: the inspector sees its
received and answered dates. Both mailboxes of a site (咨询投诉建议 and the leader's mailbox) are consultation
channels; there is no 信访 or 纪检 channel on the platform.
"""

import datetime

from django.db.models import F, Q
from django.urls import reverse

from interaction.enums import OPEN_STATUSES, Status
from interaction.models import MailboxPage, Question
from openinfo.statistics import months_before
from sites.enums import SiteKind

from ..enums import Severity
from . import registry
from .base import Check, FindingData
from .site_pages import SitePages, local_date

VETO_MONTHS = 3
LOOKBACK_MONTHS = 12  # "in the year before the check"
ALARM_DAYS = 60  # the mailbox alarm (MailboxSettings.hard_alarm_days default)
SECOND_ALARM_DAYS = 80
SHORTEST_THREE_MONTHS = 89  # 1 Feb → 1 May in a common year: a cheap SQL filter before the exact test
# Site kinds that must run a consultation channel: the governments and departments. Villages (阳光三农网 pages of
# their township) and 专题 sites have no mailbox of their own in their blueprints.
CHANNEL_KINDS = (SiteKind.CITY, SiteKind.DISTRICT, SiteKind.DEPARTMENT, SiteKind.TOWNSHIP)


def veto_line(received_on: datetime.date) -> datetime.date:
    """The last day a message received on ``received_on`` may still be unanswered (3 calendar months later)."""
    return months_before(received_on, -VETO_MONTHS)


def _admin_url(pk: int) -> str:
    return reverse("interaction_questions:detail", args=[pk])


@registry.register
class InteractionCheck(Check):
    name = "interaction"
    label = "互动回应差"
    source = "国办秘函〔2019〕19号 单项否决：互动回应差"

    def run(self, site, today):
        pages = SitePages(site)
        if site.kind in CHANNEL_KINDS and not pages.published(MailboxPage.objects.all()).exists():
            yield FindingData(
                code="no-channel",
                severity=Severity.VETO,
                key="site:no-channel",
                title="没有有效的在线咨询或建议渠道",
                detail="网站没有已发布、公众可访问的信箱（互动交流 → 信箱）。",
                url=pages.home_url,
            )
        year_ago = months_before(today, LOOKBACK_MONTHS)
        messages = (
            Question.objects.filter(site=site)
            .exclude(status=Status.REJECTED)
            .filter(
                Q(status__in=OPEN_STATUSES, received_on__lte=today - datetime.timedelta(days=ALARM_DAYS))
                | Q(
                    answered_at__isnull=False,
                    answered_at__date__gt=year_ago,
                    answered_at__gt=F("received_at") + datetime.timedelta(days=SHORTEST_THREE_MONTHS),
                )
            )
            .order_by("received_on", "pk")
            .values_list("pk", "status", "received_on", "answered_at")
        )
        for pk, status, received_on, answered_at in messages:
            finding = self._judge(pk, status in OPEN_STATUSES, received_on, answered_at, today)
            if finding:
                yield finding

    def _judge(self, pk, is_open, received_on, answered_at, today):
        line = veto_line(received_on)
        common = {"key": f"question:{pk}", "edit_url": _admin_url(pk)}
        extra = {"received_on": received_on.isoformat(), "veto_line": line.isoformat()}
        if not is_open:
            answered_on = local_date(answered_at)
            if answered_on <= line:
                return None
            return FindingData(
                code="answered-late",
                severity=Severity.VETO,
                title=f"留言（编号{pk}）超过3个月才答复",
                detail=f"受理于{received_on:%Y-%m-%d}，答复于{answered_on:%Y-%m-%d}（期限{line:%Y-%m-%d}）。",
                extra={**extra, "answered_on": answered_on.isoformat()},
                **common,
            )
        age = (today - received_on).days
        detail = f"受理于{received_on:%Y-%m-%d}，已{age}天未答复；{line:%Y-%m-%d}后即超过3个月。"
        if today > line:
            code, severity, title = "unanswered", Severity.VETO, f"留言（编号{pk}）超过3个月未答复"
        else:
            code = "alarm-80" if age >= SECOND_ALARM_DAYS else "alarm-60"
            severity, title = Severity.WARNING, f"留言（编号{pk}）已{age}天未答复"
        return FindingData(
            code=code,
            severity=severity,
            title=title,
            detail=detail,
            due=None if severity == Severity.VETO else line + datetime.timedelta(days=1),
            extra={**extra, "days": age},
            **common,
        )
