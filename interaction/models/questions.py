"""Citizen messages (咨询/投诉/建议) to a site's mailbox, their handling history and per-site rules."""

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.alarms import DEFAULT_DUE_SOON_WORKING_DAYS

from ..enums import OPEN_STATUSES, Channel, QuestionType, Satisfaction, Status


@register_setting(icon="mail")
class MailboxSettings(BaseSiteSetting):
    """Reply rules of one site's mailbox. There is no national reply deadline (政府网站发展指引 leaves it to local
    rules); the national check vetoes a site with a message unanswered for more than three months
    (国办秘函〔2019〕19号), so the hard alarm must fire well before that."""

    reply_working_days = models.PositiveSmallIntegerField(
        "答复时限（工作日）", default=10, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    due_soon_working_days = models.PositiveSmallIntegerField(
        "到期前提醒（工作日）",
        default=DEFAULT_DUE_SOON_WORKING_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    hard_alarm_days = models.PositiveSmallIntegerField(
        "严重超期告警（自然日）",
        default=60,
        validators=[MinValueValidator(7), MaxValueValidator(80)],
        help_text="留言超过3个月未答复为单项否决，告警应远早于该线",
    )
    review_required = models.BooleanField("答复经审核后才能公开", default=False)

    panels = [
        FieldPanel("reply_working_days"),
        FieldPanel("due_soon_working_days"),
        FieldPanel("hard_alarm_days"),
        FieldPanel("review_required"),
    ]

    class Meta:
        verbose_name = "互动交流设置"


class QuestionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today: datetime.date):
        return self.open().filter(due_on__lt=today)

    def due_by(self, day: datetime.date):
        return self.open().filter(due_on__lte=day)

    def received_on_or_before(self, day: datetime.date):
        return self.filter(received_on__lte=day)


class Question(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.PROTECT, related_name="questions", verbose_name="受理网站"
    )
    handler = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="handled_questions",
        verbose_name="办理单位",
    )
    channel = models.CharField("信箱", max_length=12, choices=Channel.choices, default=Channel.GENERAL)
    type = models.CharField("类型", max_length=12, choices=QuestionType.choices)
    title = models.CharField("标题", max_length=100)
    content = models.TextField("内容")
    name = models.CharField("姓名", max_length=40)
    phone = models.CharField("手机号码", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    consent_publish = models.BooleanField("同意公开", default=False)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    tracking_code = models.CharField("查询码", max_length=12, unique=True)
    query_password = models.CharField("查询密码（摘要）", max_length=128)
    received_at = models.DateTimeField("受理时间", default=timezone.now)
    received_on = models.DateField("受理日期", db_index=True)
    due_on = models.DateField("答复期限", db_index=True)
    answer = models.TextField("答复内容", blank=True)
    answered_by = models.CharField("答复单位", max_length=100, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    rejection_reason = models.CharField("不予受理理由", max_length=200, blank=True)
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    flagged_words = models.CharField("敏感词", max_length=200, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    # When the 'answered' email of the current answer went out (interaction/notifications.py): mailed once.
    answer_mailed_at = models.DateTimeField("答复通知邮件发送时间", null=True, blank=True, editable=False)
    client_ip = models.GenericIPAddressField("提交IP", null=True, blank=True)
    # The public copy (interaction/privacy.py): what the public pages and the search index show of a published
    # message, personal data masked. Written on publication, corrected by staff; the fields above stay private.
    # Empty ``public_copy_at``: not written yet (messages published before the copy existed are masked on the fly).
    public_title = models.CharField("公开标题", max_length=200, blank=True)
    public_content = models.TextField("公开留言内容", blank=True)
    public_answer = models.TextField("公开答复内容", blank=True)
    public_copy_at = models.DateTimeField("公开文本生成时间", null=True, blank=True)
    # What per-client limits count by (core.clients.client_key): the address, or its /64 for IPv6.
    client_network = models.CharField("提交网络", max_length=50, blank=True, editable=False)
    # A digest of the form's one-time nonce or the API's Idempotency-Key: a repeated submission finds its first
    # record instead of creating a second. The key is bound to the message (a digest of what was submitted), so
    # the same key with another message is refused instead of answering with a stranger's receipt.
    submission_token = models.CharField("提交令牌", max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_fingerprint = models.CharField("提交摘要", max_length=64, blank=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = "留言"
        verbose_name_plural = "留言"
        ordering = ["-received_at"]
        indexes = [
            # The anti-spam rate limits count recent messages per phone, and per client at each receiving site.
            models.Index(fields=["phone", "received_at"], name="question_phone_recent"),
            models.Index(fields=["site", "client_network", "received_at"], name="question_client_recent"),
        ]
        permissions = [("view_interaction_statistics", "查看互动交流统计")]

    def __str__(self):
        return f"{self.tracking_code} {self.title}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_answered(self) -> bool:
        return bool(self.answered_at)

    @property
    def is_public(self) -> bool:
        return self.status == Status.PUBLISHED


class QuestionEvent(models.Model):
    """Every step of a message's handling, kept for good: transfers, rejections, answers, publication."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="events")
    action = models.CharField("操作", max_length=20)
    from_status = models.CharField("原状态", max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField("新状态", max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    handler = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="办理单位"
    )
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "办理记录"
        verbose_name_plural = "办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.question.tracking_code} {self.action} → {self.get_to_status_display()}"
