"""依申请公开 (政府信息公开条例 Chapter 4, Arts. 27–45): one application to one organ (a site of the group), every
step of its handling, its fee and the reconsideration or litigation it led to.

Each application ends with exactly one ``Outcome`` (a leaf of the annual report's Table 3) and the day it was given
(``closed_on``) — also a transfer to another organ (本机关不掌握, with the organ named) and a withdrawal (其他处理) —
so that Table 3 balances by construction: received this year + carried over = closed this year + carried on.
The applicant's identity and contact are personal data: never shown on a public page or API (the public status
page shows the timeline and the outcome only, to whoever has the tracking code and password).
"""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone

from ..applications.enums import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ApplicantKind,
    Channel,
    Delivery,
    EventKind,
    FeeMethod,
    IdentityDocument,
    OrganisationType,
    Outcome,
    ProvisionForm,
    RemedyKind,
    RemedyResult,
    ReportColumn,
    Status,
    table_column,
)


def private_storage():
    return storages["private"]


class InformationApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def closed(self):
        return self.filter(status__in=CLOSED_STATUSES)


class InformationApplication(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.PROTECT,
        related_name="information_applications",
        verbose_name="受理机关",
    )
    tracking_code = models.CharField("查询码", max_length=16, unique=True)
    query_password = models.CharField("查询密码（摘要）", max_length=128, blank=True)

    # --- the applicant (Art. 29 (一)): personal data, never public ----------------------------------------------
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    organisation_type = models.CharField(
        "法人或其他组织类别", max_length=16, choices=OrganisationType.choices, blank=True
    )
    name = models.CharField("申请人姓名或名称", max_length=100)
    id_document = models.CharField("证件类型", max_length=20, choices=IdentityDocument.choices)
    id_number = models.CharField("证件号码", max_length=40, db_index=True)
    legal_representative = models.CharField("法定代表人或负责人", max_length=40, blank=True)
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=200, blank=True)
    postcode = models.CharField("邮政编码", max_length=6, blank=True)

    # --- what is asked for (Art. 29 (二), (三)) --------------------------------------------------------------------
    description = models.TextField("所需信息的内容描述")
    document_title = models.CharField("所需信息的名称", max_length=200, blank=True)
    document_number = models.CharField("文号", max_length=100, blank=True)
    purpose = models.CharField("用途", max_length=200, blank=True)
    provision_form = models.CharField("获取信息的方式", max_length=12, choices=ProvisionForm.choices)
    delivery = models.CharField("获取信息的途径", max_length=12, choices=Delivery.choices)
    # 国办函〔2020〕109号 counts fees per item: staff set how many items (件) the application asks for when
    # reviewing it (services.accept); one applicant's items in a calendar month are counted across the group.
    items = models.PositiveSmallIntegerField("申请事项件数", default=1)
    fee_waiver_requested = models.BooleanField("申请减免费用", default=False)
    fee_waiver_reason = models.TextField("减免理由", blank=True)

    # --- receipt (Art. 31) and the clock (Arts. 30, 33) -----------------------------------------------------------
    channel = models.CharField("提交方式", max_length=12, choices=Channel.choices, default=Channel.ONLINE)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now)
    received_on = models.DateField("收到申请日期", db_index=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.RECEIVED)
    # The day the 20 working days run from: receipt, or the supplement's receipt after a 补正 notice (Art. 30).
    clock_started_on = models.DateField("计时起始日")
    extension_days = models.PositiveSmallIntegerField("延长工作日数", default=0)
    # Stored for lists, filters and alarms; recomputed by the services at every step (applications/deadlines.py).
    due_on = models.DateField("答复期限", null=True, blank=True, db_index=True)

    # --- the reply (Art. 36) ------------------------------------------------------------------------------------
    outcome = models.CharField("办理结果", max_length=24, choices=Outcome.choices, blank=True)
    reply_text = models.TextField("答复内容及理由", blank=True)
    responsible_organ = models.CharField("负责公开该信息的机关", max_length=100, blank=True)
    responsible_organ_contact = models.CharField("该机关的联系方式", max_length=100, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    transferred_to = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="转送机关",
    )
    transferred_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
        verbose_name="转自申请",
    )

    # --- anti-spam and idempotency, as the mailbox (interaction.Question) ------------------------------------
    client_ip = models.GenericIPAddressField("提交IP", null=True, blank=True)
    client_network = models.CharField("提交网络", max_length=50, blank=True, editable=False)
    submission_token = models.CharField("提交令牌", max_length=64, unique=True, null=True, blank=True, editable=False)
    submission_fingerprint = models.CharField("提交摘要", max_length=64, blank=True, editable=False)

    objects = InformationApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["site", "status"], name="infoapp_site_status"),
            models.Index(fields=["site", "closed_on"], name="infoapp_site_closed"),
            models.Index(fields=["site", "client_network", "submitted_at"], name="infoapp_client_recent"),
        ]

    def __str__(self):
        return f"{self.tracking_code} {self.document_title or self.description[:30]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def report_column(self) -> ReportColumn:
        return ReportColumn(table_column(self.applicant_kind, self.organisation_type))


class ApplicationEvent(models.Model):
    """One step of the handling. ``on`` is the day the step counts from for the deadlines (a supplement received
    by post counts from the day it was signed for, not the day staff typed it in); ``until`` is the limit the step
    set (the supplement's or the fee's deadline, the end of a consultation)."""

    application = models.ForeignKey(InformationApplication, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("操作", max_length=24, choices=EventKind.choices)
    on = models.DateField("生效日期")
    until = models.DateField("期限", null=True, blank=True)
    at = models.DateTimeField("记录时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    note = models.TextField("说明", blank=True)
    data = models.JSONField("附加信息", default=dict, blank=True)
    # When the applicant's email about this step was sent (applications/notifications.py claims it before sending).
    notified_at = models.DateTimeField("通知申请人时间", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "申请办理记录"
        verbose_name_plural = "申请办理记录"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application.tracking_code} {self.get_kind_display()}"


class ApplicationAttachment(models.Model):
    """The applicant's files (identity document copies, …): personal data, in private storage, served only
    through the admin to the organ's staff."""

    application = models.ForeignKey(InformationApplication, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField("文件", upload_to="openinfo/applications/%Y/%m/", storage=private_storage)
    name = models.CharField("原文件名", max_length=120)
    content_type = models.CharField("类型", max_length=60)
    size = models.PositiveIntegerField("大小（字节）")

    class Meta:
        verbose_name = "申请附件"
        verbose_name_plural = "申请附件"
        ordering = ["pk"]

    def __str__(self):
        return self.name


class ApplicationFee(models.Model):
    """信息处理费 (Art. 42; 国办函〔2020〕109号): one notice per application, per item or per page, never both."""

    application = models.OneToOneField(InformationApplication, on_delete=models.CASCADE, related_name="fee")
    method = models.CharField("计收方式", max_length=12, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField("件数或页数")
    amount = models.PositiveIntegerField("金额（元）")
    notice_on = models.DateField("收费通知日期")
    pay_by = models.DateField("缴费期限")
    paid_on = models.DateField("缴费日期", null=True, blank=True)
    waived = models.BooleanField("已减免", default=False)

    class Meta:
        verbose_name = "信息处理费"
        verbose_name_plural = "信息处理费"

    def __str__(self):
        return f"{self.application.tracking_code} {self.amount} 元"


class ApplicationRemedy(models.Model):
    """行政复议 / 行政诉讼 arising from an application (Art. 51; annual report Table 4)."""

    application = models.ForeignKey(InformationApplication, on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField("类型", max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField("结果", max_length=12, choices=RemedyResult.choices, default=RemedyResult.PENDING)
    decided_on = models.DateField("审结日期", null=True, blank=True)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "行政复议或诉讼"
        verbose_name_plural = "行政复议或诉讼"
        ordering = ["filed_on", "pk"]

    def __str__(self):
        return f"{self.application.tracking_code} {self.get_kind_display()}"
