"""Background work of 政府信息公开, enqueued after commit (core.tasks.enqueue_on_commit) and run by the worker."""

import smtplib

from django_tasks import task

from core.tasks import retry_on

from .applications import notifications


# A mail server that is down or refuses for now is retried with backoff, as the mailbox's mails (interaction/tasks.py).
@retry_on(smtplib.SMTPException, OSError)
@task()
def send_application_notice_task(event_pk: int) -> bool:
    return notifications.send_notice(event_pk)
