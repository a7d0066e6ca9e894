"""Separation of duties for 互动 replies (issue 14): whoever answered a message may not approve (审核) it, and a
site that requires review publishes only replies approved by a second person."""

import pytest
from django.utils import timezone

from interaction.enums import Status
from interaction.models import MailboxSettings, Question
from interaction.services import TransitionError, transition
from tests.conftest import site_client

from .admin_helpers import detail_url, message, post_step, staff, step_url

pytestmark = pytest.mark.django_db
OWN_REVIEW = "答复人不能审核自己撰写的答复，请由本单位其他工作人员审核。"


@pytest.fixture
def reviewing_site(group):
    rules = MailboxSettings.for_site(group.zhuzhou.site)
    rules.review_required = True
    rules.save()
    return group.zhuzhou


def answered(site, user):
    return transition(message(site), "answer", actor=user, answer="已安排施工。", answered_by="株洲市人民政府")


def test_the_answerer_cannot_approve_their_own_reply(reviewing_site):
    author = staff(reviewing_site, "both")
    question = answered(reviewing_site, author)
    with pytest.raises(TransitionError, match=OWN_REVIEW):
        transition(question, "review", actor=author)
    question.refresh_from_db()
    assert question.status == Status.ANSWERED
    assert list(question.events.values_list("action", flat=True)) == ["receive", "answer"]


def test_without_approval_the_answerer_cannot_publish_either(reviewing_site):
    author = staff(reviewing_site, "both")
    question = answered(reviewing_site, author)
    with pytest.raises(TransitionError, match="本站要求答复经审核后才能公开。"):
        transition(question, "publish", actor=author)
    assert Question.objects.get(pk=question.pk).status == Status.ANSWERED


def test_a_second_person_approves_then_the_reply_is_published(reviewing_site):
    author, reviewer = staff(reviewing_site, "both"), staff(reviewing_site, "reviewer")
    question = transition(answered(reviewing_site, author), "review", actor=reviewer)
    assert question.status == Status.REVIEWED
    question = transition(question, "publish", actor=author)
    assert question.status == Status.PUBLISHED
    actors = dict(question.events.exclude(action="receive").values_list("action", "actor"))
    assert actors == {"answer": author.pk, "review": reviewer.pk, "publish": author.pk}


def test_the_admin_refuses_own_review_with_the_chinese_message(reviewing_site):
    author = staff(reviewing_site, "both")
    question = answered(reviewing_site, author)
    response = post_step(site_client(reviewing_site, author), question, "review", note="")
    assert response.status_code == 200 and OWN_REVIEW in response.content.decode()
    assert Question.objects.get(pk=question.pk).status == Status.ANSWERED


def test_the_answerer_is_not_offered_the_review_form(reviewing_site):
    author, reviewer = staff(reviewing_site, "both"), staff(reviewing_site, "reviewer")
    question = answered(reviewing_site, author)
    own = site_client(reviewing_site, author).get(detail_url(question)).content.decode()
    assert 'action="' + step_url(question, "review") + '"' not in own and "审核通过" not in own
    assert "这条答复由您撰写，须由本单位其他工作人员审核。" in own
    other = site_client(reviewing_site, reviewer).get(detail_url(question)).content.decode()
    assert 'action="' + step_url(question, "review") + '"' in other and "审核通过" in other
    assert "须由本单位其他工作人员审核" not in other


def test_demo_replies_are_approved_by_someone_other_than_the_answerer(group):
    from core.calendar_seed import seed_calendar
    from demo.home.users import DemoUsers
    from tests.interaction.test_demo import seed

    today = timezone.localdate()
    seed_calendar(today.year - 1, today.year)
    DemoUsers().ensure_editor(group.zhuzhou)  # and one login per review step
    seed(group.zhuzhou)
    reviewed = Question.objects.filter(site=group.zhuzhou, events__action="review").distinct()
    assert reviewed.exists()
    for question in reviewed:
        actors = dict(question.events.filter(action__in=("answer", "review")).values_list("action", "actor__username"))
        assert actors["review"] == "signer-zhuzhou" and actors["answer"] != actors["review"]
