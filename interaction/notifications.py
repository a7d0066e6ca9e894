"""Telling the citizen that their message has been answered.

The email is a background task enqueued only after the answer is committed (``core.tasks.enqueue_on_commit``): a
rolled-back answer sends nothing, and a mail server that is down cannot undo or lose a stored answer — the failure
is logged, the task retried with backoff (interaction/tasks.py), and the citizen can look the answer up meanwhile.
The email carries the title, the tracking code and the link to the site's query page, never the query password
(only its hash is stored) nor the answer itself, which may be private: whoever holds a mistyped address learns no
more than that a message exists.

Each answer is mailed once: the task claims it (``answer_mailed_at``) with one conditional UPDATE before sending,
so a task run twice (a duplicate enqueue, a re-run from *后台任务*) sends nothing the second time, and gives the
claim back when the server refused, so the retry sends it. A connection that breaks while closing, after the
server accepted the mail, no longer fails the task (that retry used to send the mail a second time).
"""

import logging
from smtplib import SMTPException

from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Q
from django.utils import timezone

from core.tasks import enqueue_on_commit

from .models import InteractionIndexPage, Question

logger = logging.getLogger(__name__)


def query_url(profile) -> str:
    """The absolute address of the site's status query page (its 互动交流 section's ``query/`` route)."""
    root = profile.site.root_page
    index = InteractionIndexPage.objects.live().descendant_of(root).order_by("path").first()
    if index is None:  # a site without the section: its home page is the best we can offer
        return root.get_full_url() or profile.site.root_url
    return index.get_full_url() + index.reverse_subpage("query")


def answer_email(question: Question) -> tuple[str, str]:
    """Subject and plain-text body of the 'answered' email."""
    site = question.site
    answered_on = timezone.localtime(question.answered_at).date() if question.answered_at else timezone.localdate()
    subject = f"【{site.org_name}】您的留言已答复（查询码 {question.tracking_code}）"
    body = "\n".join(
        [
            "您好！",
            "",
            f"您于 {question.received_on:%Y年%m月%d日} 向{site.org_name}提交的留言已答复。",
            "",
            f"留言标题：{question.title}",
            f"查询码：{question.tracking_code}",
            f"答复单位：{question.answered_by}",
            f"答复日期：{answered_on:%Y年%m月%d日}",
            "",
            "请凭查询码和提交留言时获得的查询密码，在以下页面查看答复内容并评价：",
            query_url(site),
            "",
            "为保护您的个人信息，本邮件不包含查询密码和答复内容。本邮件由系统自动发送，请勿直接回复。",
            site.org_name,
        ]
    )
    return subject, body


def send_answer_email(question_pk: int) -> bool:
    """Send the email now (the worker runs this after the answer is committed). A message gone, without an
    address, or whose answer was mailed already sends nothing; a mail-server failure is logged and raised, so
    that the task is retried."""
    question = Question.objects.select_related("site__site__root_page").filter(pk=question_pk).first()
    if question is None or not question.email or not question.answered_at:
        return False
    unmailed = Q(answer_mailed_at__isnull=True) | Q(answer_mailed_at__lt=F("answered_at"))
    previous = question.answer_mailed_at
    if not Question.objects.filter(unmailed, pk=question_pk).update(answer_mailed_at=timezone.now()):
        return False  # another run of this task mailed this answer
    subject, body = answer_email(question)
    try:
        deliver(EmailMessage(subject, body, None, [question.email]))
    except (SMTPException, OSError):
        Question.objects.filter(pk=question_pk).update(answer_mailed_at=previous)  # the retry must send it
        logger.exception("答复通知邮件发送失败（留言 %s），答复已保存，稍后自动重试；留言人可凭查询码查看", question_pk)
        raise
    return True


def deliver(message: EmailMessage) -> None:
    """Send one message; raise only when the server did not accept it. Django's ``send_mail`` also raises when
    closing the connection fails after the server took the mail, which would have the task send it twice."""
    connection = get_connection()
    connection.open()
    try:
        connection.send_messages([message])
    finally:
        try:
            connection.close()
        except (SMTPException, OSError):
            logger.warning("答复通知邮件已由邮件服务器接收，关闭连接时出错（不影响投递）", exc_info=True)


def notify_answered(question: Question) -> None:
    """Enqueue the 'answered' email for after the current transaction commits (if the citizen gave an email)."""
    if question.email:
        from .tasks import send_answer_email_task

        enqueue_on_commit(send_answer_email_task, question.pk)
