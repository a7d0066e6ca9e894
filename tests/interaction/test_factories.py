"""The message factory goes through services.receive/transition, so what tests build is what citizens submit."""

import pytest

from demo.factories.interaction import QuestionFactory, assign, close, publish, reject
from interaction.enums import Status
from interaction.models import MailboxSettings
from interaction.services import find_by_code

pytestmark = pytest.mark.django_db


def test_factory_receives_through_the_service(group):
    question = QuestionFactory(site=group.zhuzhou)
    assert question.status == Status.RECEIVED and question.due_on > question.received_on
    assert find_by_code(question.tracking_code, question.password) == question
    assert question.password not in question.query_password
    assert list(question.events.values_list("action", flat=True)) == ["receive"]
    with pytest.raises(TypeError):
        QuestionFactory()


def test_helpers_walk_the_state_machine(group):
    fgw = group.all["zhuzhou-fgw"]
    question = publish(assign(QuestionFactory(site=group.zhuzhou), fgw))
    assert question.status == Status.PUBLISHED and question.answered_by == fgw.org_name
    assert list(question.events.values_list("action", flat=True)) == ["receive", "assign", "answer", "publish"]

    MailboxSettings.objects.update_or_create(site=group.hetang.site, defaults={"review_required": True})
    reviewed = publish(QuestionFactory(site=group.hetang))
    assert "review" in reviewed.events.values_list("action", flat=True)
    assert close(QuestionFactory(site=group.hetang, consent_publish=False)).status == Status.CLOSED
    assert reject(QuestionFactory(site=group.hetang)).rejection_reason
