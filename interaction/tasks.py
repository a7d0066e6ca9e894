"""Background work of 政民互动, enqueued after commit (core.tasks.enqueue_on_commit) and run by the worker."""

import datetime
import smtplib

from django_tasks import task

from core.tasks import retry_on

from . import digest, notifications


# A mail server that is down or refuses for now (SMTPException, connection refused/reset, timeout: OSError) is
# retried six times over about an hour; after that the task stays failed under *设置 → 后台任务*.
@retry_on(smtplib.SMTPException, OSError)
@task()
def send_answer_email_task(question_pk: int) -> bool:
    return notifications.send_answer_email(question_pk)


@retry_on(smtplib.SMTPException, OSError)
@task()
def send_alarm_digest_task(unit_pk: int, day: str) -> int:
    """One handling unit's 办理提醒 for ``day`` (ISO date), recomputed when it runs (interaction/digest.py)."""
    return digest.send_digest(unit_pk, datetime.date.fromisoformat(day))
