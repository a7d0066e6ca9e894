"""互动回应差: unanswered messages against the 3-calendar-month line, the 60/80-day warnings, the channel."""

import datetime

import pytest
from wagtail.models import Page

from demo.factories.interaction import QuestionFactory, answer, reject
from evaluation.checks.interaction import veto_line
from evaluation.enums import Severity
from interaction.models import MailboxPage

from .content import findings, noon

pytestmark = pytest.mark.django_db


def message(site, received_on, **kwargs):
    return QuestionFactory(site=site, received_at=noon(received_on), **kwargs)


def judged(site, question, today):
    return findings("interaction", site, today).get(f"question:{question.pk}")


def test_the_three_month_line_is_calendar_months():
    assert veto_line(datetime.date(2026, 2, 1)) == datetime.date(2026, 5, 1)  # 89 days
    assert veto_line(datetime.date(2026, 8, 2)) == datetime.date(2026, 11, 2)  # 92 days
    assert veto_line(datetime.date(2026, 11, 30)) == datetime.date(2027, 2, 28)  # no 30 February


@pytest.mark.parametrize(
    ("received_on", "today", "code", "severity"),
    [
        # 1 Feb → 1 May is 89 days: day 89 is the last day, day 90 is past the line.
        (datetime.date(2026, 2, 1), datetime.date(2026, 5, 1), "alarm-80", Severity.WARNING),
        (datetime.date(2026, 2, 1), datetime.date(2026, 5, 2), "unanswered", Severity.VETO),
        # 2 Aug → 2 Nov is 92 days: day 90 is still within three months.
        (datetime.date(2026, 8, 2), datetime.date(2026, 10, 31), "alarm-80", Severity.WARNING),
        (datetime.date(2026, 8, 2), datetime.date(2026, 11, 2), "alarm-80", Severity.WARNING),
        (datetime.date(2026, 8, 2), datetime.date(2026, 11, 3), "unanswered", Severity.VETO),
        # the warnings before: 59/60 and 79/80 days
        (datetime.date(2026, 8, 2), datetime.date(2026, 9, 30), None, None),
        (datetime.date(2026, 8, 2), datetime.date(2026, 10, 1), "alarm-60", Severity.WARNING),
        (datetime.date(2026, 8, 2), datetime.date(2026, 10, 20), "alarm-60", Severity.WARNING),
        (datetime.date(2026, 8, 2), datetime.date(2026, 10, 21), "alarm-80", Severity.WARNING),
    ],
)
def test_an_open_message_against_its_line(group, received_on, today, code, severity):
    question = message(group.hetang, received_on)
    found = judged(group.hetang, question, today)
    if code is None:
        assert found is None
        return
    assert (found.code, found.severity) == (code, severity)
    assert found.extra["days"] == (today - received_on).days
    if severity == Severity.WARNING:
        assert found.due == veto_line(received_on) + datetime.timedelta(days=1)
    assert found.edit_url == f"/admin/interaction/questions/{question.pk}/"


def test_findings_carry_no_personal_data(group):
    question = message(group.hetang, datetime.date(2026, 6, 1))
    found = judged(group.hetang, question, datetime.date(2026, 11, 2))
    text = found.title + found.detail + str(found.extra)
    for private in (question.name, question.phone, question.title, question.content):
        assert private not in text


def test_answered_and_refused_messages_are_not_unanswered(group):
    answered = message(group.hetang, datetime.date(2026, 6, 1))
    answer(answered, answered_at=noon(datetime.date(2026, 8, 30)))
    refused = reject(message(group.hetang, datetime.date(2026, 6, 1)))
    found = findings("interaction", group.hetang, datetime.date(2026, 11, 2))
    assert f"question:{answered.pk}" not in found
    assert f"question:{refused.pk}" not in found


def test_a_message_answered_after_the_line_within_the_year_is_a_veto(group):
    late = message(group.hetang, datetime.date(2026, 5, 4))
    answer(late, answered_at=noon(datetime.date(2026, 8, 5)))  # line 2026-08-04
    on_time = message(group.hetang, datetime.date(2026, 5, 4))
    answer(on_time, answered_at=noon(datetime.date(2026, 8, 4)))
    old = message(group.hetang, datetime.date(2025, 5, 4))
    answer(old, answered_at=noon(datetime.date(2025, 9, 1)))  # late, but not in the year before the check
    found = findings("interaction", group.hetang, datetime.date(2026, 11, 2))
    assert found[f"question:{late.pk}"].code == "answered-late"
    assert found[f"question:{late.pk}"].severity == Severity.VETO
    assert f"question:{on_time.pk}" not in found
    assert f"question:{old.pk}" not in found


def test_messages_count_for_the_site_that_received_them(group):
    question = message(group.hetang, datetime.date(2026, 6, 1))
    assert f"question:{question.pk}" not in findings(
        "interaction", group.all["zhuzhou-fgw"], datetime.date(2026, 11, 2)
    )


def test_a_site_without_a_reachable_mailbox_has_no_channel(group):
    site = group.all["zhuzhou-fgw"]
    assert "site:no-channel" not in findings("interaction", site)
    for mailbox in MailboxPage.objects.descendant_of(site.site.root_page):
        mailbox.unpublish()
    found = findings("interaction", site)["site:no-channel"]
    assert found.severity == Severity.VETO


def test_an_unpublished_interaction_section_hides_its_mailboxes(group):
    site = group.hetang
    index = Page.objects.descendant_of(site.site.root_page).get(slug="hdjl")
    index.unpublish()
    assert "site:no-channel" in findings("interaction", site)


def test_villages_and_topics_need_no_channel(group):
    assert findings("interaction", group.all["hetang-daping"]) == {}
    assert findings("interaction", group.all["zhuzhou-xiangjiang"]) == {}
