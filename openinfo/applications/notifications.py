"""Telling the applicant (by email, when they gave one) of each step that concerns them: a 补正 notice, an
extension, a fee notice, the reply, a transfer and a closing for a missed deadline.

As the mailbox's answer mail (interaction/notifications.py): a background task enqueued only after the step is
committed (a rolled-back step mails nothing; a mail server that is down cannot undo a stored step — the task is
retried with backoff, openinfo/tasks.py). Each event is mailed once: the task claims it (``notified_at``) with one
conditional UPDATE before sending and gives the claim back when the server refused. The email names the step, its
dates and the tracking code, never the query password nor the reply's content (a mistyped address learns no more
than that an application exists); the applicant reads the letter on the status page or receives it by post.
"""

import logging
from smtplib import SMTPException

from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from wagtail.models import Page

from core.tasks import enqueue_on_commit

from .enums import EventKind

logger = logging.getLogger(__name__)

NOTICES = {
    EventKind.SUPPLEMENT_REQUESTED: "需要补正申请内容",
    EventKind.EXTENDED: "答复期限已延长",
    EventKind.FEE_NOTICE: "需要缴纳信息处理费",
    EventKind.REPLIED: "已作出答复",
    EventKind.TRANSFERRED: "已转送其他机关办理",
}
APPLICATION_PAGE_SLUG = "ysqgk"  # the 依申请公开 page of every site's 政府信息公开 section (sites/blueprints)


def notify(event) -> None:
    """Enqueue the email about ``event`` for after the current transaction commits."""
    from ..tasks import send_application_notice_task

    enqueue_on_commit(send_application_notice_task, event.pk)


def status_url(profile) -> str:
    root = profile.site.root_page
    page = Page.objects.live().descendant_of(root).filter(slug=APPLICATION_PAGE_SLUG).order_by("path").first()
    return (page or root).get_full_url() or profile.site.root_url


def notice_email(event) -> tuple[str, str]:
    application = event.application
    organ = application.site.org_name
    subject = f"【{organ}】您的政府信息公开申请{NOTICES[event.kind]}（查询码 {application.tracking_code}）"
    lines = [
        f"{application.name}：",
        "",
        f"您于 {application.received_on:%Y年%m月%d日} 向{organ}提交的政府信息公开申请{NOTICES[event.kind]}"
        f"（{event.on:%Y年%m月%d日}）。",
    ]
    if event.kind == EventKind.SUPPLEMENT_REQUESTED:
        lines.append(f"请于 {event.until:%Y年%m月%d日} 前补正；逾期无正当理由不补正的，视为放弃申请。")
    elif event.kind == EventKind.FEE_NOTICE:
        lines.append(f"应缴金额 {event.data.get('amount')} 元，请于 {event.until:%Y年%m月%d日} 前缴纳。")
    elif event.kind == EventKind.EXTENDED:
        lines.append(f"延长后的答复期限为 {event.until:%Y年%m月%d日}。")
    elif event.kind == EventKind.TRANSFERRED and application.transferred_to:
        lines.append(f"您的申请已转送{application.transferred_to.org_name}，由其依法答复。")
    lines += [
        "",
        f"查询码：{application.tracking_code}",
        "请凭查询码和查询密码在以下页面查看办理情况及告知书：",
        status_url(application.site),
        "",
        "为保护您的个人信息，本邮件不包含查询密码和答复内容。本邮件由系统自动发送，请勿直接回复。",
        organ,
    ]
    return subject, "\n".join(lines)


def send_notice(event_pk: int) -> bool:
    """Send the email now (the worker runs this after the step is committed); raise on a mail-server failure so
    that the task is retried."""
    from ..models import ApplicationEvent

    event = ApplicationEvent.objects.select_related("application__site__site__root_page").filter(pk=event_pk).first()
    if event is None or event.kind not in NOTICES or not event.application.email:
        return False
    if not ApplicationEvent.objects.filter(pk=event_pk, notified_at__isnull=True).update(notified_at=timezone.now()):
        return False  # another run of this task mailed it
    subject, body = notice_email(event)
    try:
        connection = get_connection()
        connection.send_messages([EmailMessage(subject, body, None, [event.application.email])])
    except (SMTPException, OSError):
        ApplicationEvent.objects.filter(pk=event_pk).update(notified_at=None)  # the retry must send it
        logger.exception("依申请公开通知邮件发送失败（办理记录 %s），办理步骤已保存，稍后自动重试", event_pk)
        raise
    return True
