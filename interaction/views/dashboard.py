"""Dashboard panel 我的留言（即将到期/已超期） (issue 14 item 5): the open messages the user's sites handle whose reply
deadline is near or past (the same thresholds as the admin list's 告警 filter, interaction.alarms).

Only for site staff: a platform administrator handles no messages (the panel would span 2,000 sites; the list
*留言办理* with its 告警 filter is theirs). Bounded: a fixed number of queries for at most ``PANEL_LIMIT`` rows.
"""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from sites.policies import staff_site_ids

from ..alarms import alarms_for, filter_alarm
from ..enums import Alarm
from ..models import Question
from .admin import url

PANEL_LIMIT = 10


def my_alarmed_messages(user, today):
    """Open messages handled by the user's sites (their own, or received by them and not passed on) with an
    alarm today, earliest deadline first."""
    units = staff_site_ids(user)
    mine = Question.objects.filter(Q(handler_id__in=units) | Q(handler__isnull=True, site_id__in=units))
    alarmed = filter_alarm(mine, Alarm.HARD, today)
    for level in (Alarm.OVERDUE, Alarm.DUE_SOON):
        alarmed = alarmed | filter_alarm(mine, level, today)
    return alarmed.order_by("due_on", "pk")


class MyMessagesPanel(Component):
    name = "my_messages_due"
    order = 96
    template_name = "interaction/admin/messages_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        rows = list(my_alarmed_messages(self.user, today).select_related("site")[: PANEL_LIMIT + 1])
        alarms = alarms_for(rows, today)
        items = [{"question": q, "alarm": alarms[q.pk], "url": url("detail", q.pk)} for q in rows[:PANEL_LIMIT]]
        return {
            "items": items,
            "more": len(rows) > PANEL_LIMIT,
            "limit": PANEL_LIMIT,
            "list_url": reverse("interaction_questions:index"),
        }


def add_messages_panel(request, panels):
    """``construct_homepage_panels`` hook."""
    if staff_site_ids(request.user):
        panels.append(MyMessagesPanel(request.user))
