"""依申请公开 拟稿 → 签发 (issue 14): a reply drafted by one staff member goes out only once a different one signs it
off; the drafter signing their own draft is refused with a Chinese message and nothing changes."""

import pytest
from django.core import mail

from openinfo.applications import services, signoff
from openinfo.applications.enums import EventKind, Outcome, Status
from openinfo.applications.public import timeline
from tests.conftest import site_client

from .application_helpers import D, application, calendar_fixture, handler_of, reviewer_of, today_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
OWN_SIGN_OFF = "拟稿人不能签发自己拟定的答复，请由本机关其他工作人员签发。"


def act(client, app, action, **fields):
    return client.post(
        f"/admin/openinfo/applications/{app.pk}/{action}/", {f"{action}-{k}": v for k, v in fields.items()}
    )


@pytest.fixture
def drafted(group, calendar, today):
    app = application(group.hetang, email="applicant@example.com")
    drafter = handler_of(group.hetang)
    services.accept(app, actor=drafter, on=D(2026, 3, 3))
    signoff.draft_reply(app, actor=drafter, outcome=Outcome.DISCLOSED, reply_text="现将所需信息提供给您。")
    app.refresh_from_db()
    return app, drafter


def test_a_draft_is_not_a_reply(drafted):
    app, _drafter = drafted
    assert app.status == Status.PROCESSING and not app.outcome and app.closed_on is None
    assert mail.outbox == []  # nothing goes to the applicant before 签发
    assert EventKind.REPLY_DRAFTED.label not in {step.label for step in timeline(app)}
    assert app.events.filter(kind=EventKind.REPLY_DRAFTED).exists()


def test_the_drafter_cannot_sign_off_their_own_reply(drafted):
    app, drafter = drafted
    with pytest.raises(services.StepError, match=OWN_SIGN_OFF):
        signoff.sign_off(app, actor=drafter)
    app.refresh_from_db()
    assert app.status == Status.PROCESSING and not app.outcome
    assert not app.events.filter(kind=EventKind.REPLIED).exists()


def test_another_staff_member_signs_off_and_the_reply_is_sent(group, drafted):
    app, drafter = drafted
    head = reviewer_of(group.hetang)
    app = signoff.sign_off(app, actor=head, note="同意")
    assert (app.status, app.outcome, app.reply_text) == (Status.REPLIED, Outcome.DISCLOSED, "现将所需信息提供给您。")
    replied = app.events.get(kind=EventKind.REPLIED)
    assert replied.actor == head and replied.data["drafted_by"] == drafter.pk


def test_sign_off_without_a_draft_is_refused(group, calendar, today):
    app = application(group.hetang)
    with pytest.raises(services.StepError, match="没有待签发的答复稿，请先拟定答复。"):
        signoff.sign_off(app, actor=reviewer_of(group.hetang))
    assert app.events.count() == 1


def test_the_admin_drafts_and_a_second_person_signs_off(group, calendar, today):
    app = application(group.hetang)
    drafter, head = handler_of(group.hetang), reviewer_of(group.hetang)
    services.accept(app, actor=drafter, on=D(2026, 3, 3))
    drafter_client, head_client = site_client(group.hetang, drafter), site_client(group.hetang, head)
    detail = f"/admin/openinfo/applications/{app.pk}/"
    assert "sign_off" not in {s["action"] for s in drafter_client.get(detail).context["step_forms"]}

    response = act(drafter_client, app, "draft_reply", outcome=Outcome.DISCLOSED, reply_text="予以公开。")
    assert response.status_code == 302
    forms = {s["action"]: s["form"] for s in drafter_client.get(detail).context["step_forms"]}
    shown = forms["sign_off"].fields["note"].help_text
    assert "予以公开" in shown and "handler" in shown  # what is signed off, and who drafted it

    response = act(drafter_client, app, "sign_off", note="")
    assert response.status_code == 200 and OWN_SIGN_OFF in response.content.decode()
    app.refresh_from_db()
    assert app.status == Status.PROCESSING

    assert act(head_client, app, "sign_off", note="同意").status_code == 302
    app.refresh_from_db()
    assert app.status == Status.REPLIED and app.events.get(kind=EventKind.REPLIED).actor == head
