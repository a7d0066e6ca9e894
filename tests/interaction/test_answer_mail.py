"""The 'answered' email goes out once per answer, whatever the worker does: a task run twice, a mail server that
refuses and is retried, a connection that breaks after the server took the mail (interaction/notifications.py)."""

from smtplib import SMTPException, SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from interaction.models import Question
from interaction.notifications import send_answer_email
from interaction.services import transition

from .admin_helpers import message

pytestmark = pytest.mark.django_db


class ClosingFailsBackend(EmailBackend):
    """The server accepts the mail, then the connection drops on QUIT."""

    def close(self):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        raise SMTPException("451 try again later")


@pytest.fixture
def answered(group):
    question = message(group.zhuzhou)
    transition(question, "answer", answer="已答复。", answered_by="株洲市人民政府")
    return question


def test_a_second_run_of_the_task_sends_nothing(answered):
    assert send_answer_email(answered.pk) is True
    assert send_answer_email(answered.pk) is False
    assert len(mail.outbox) == 1
    assert Question.objects.get(pk=answered.pk).answer_mailed_at is not None


def test_a_refused_mail_is_sent_by_the_retry(answered, settings):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    with pytest.raises(SMTPException):
        send_answer_email(answered.pk)
    assert Question.objects.get(pk=answered.pk).answer_mailed_at is None  # the claim was given back
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_answer_email(answered.pk) is True
    assert len(mail.outbox) == 1


def test_a_connection_lost_after_the_server_took_the_mail_is_not_retried(answered, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.ClosingFailsBackend"
    assert send_answer_email(answered.pk) is True  # no exception: the task is done, not retried
    assert len(mail.outbox) == 1 and "关闭连接时出错" in caplog.text
    assert send_answer_email(answered.pk) is False and len(mail.outbox) == 1


def test_a_new_answer_is_mailed_again(answered):
    assert send_answer_email(answered.pk)
    first = Question.objects.get(pk=answered.pk).answered_at
    Question.objects.filter(pk=answered.pk).update(answered_at=first.replace(year=2099))
    assert send_answer_email(answered.pk) is True and len(mail.outbox) == 2


def test_nothing_for_a_message_not_answered(group):
    assert send_answer_email(message(group.zhuzhou).pk) is False and mail.outbox == []
