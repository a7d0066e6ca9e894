"""One row per (page, receiving column) submission: 信息报送 from a lower site to a portal column."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from ..enums import AdoptionMode, SubmissionStatus


class Submission(models.Model):
    # The original may be deleted later; the title and the submitting unit stay for the statistics.
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="原文"
    )
    title = models.CharField("标题", max_length=255)
    source_site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="submissions_sent", verbose_name="报送单位"
    )
    column = models.ForeignKey("home.ColumnPage", on_delete=models.CASCADE, related_name="+", verbose_name="报送栏目")
    target_site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="submissions_received", verbose_name="接收网站"
    )
    status = models.CharField("状态", max_length=16, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="报送人"
    )
    submitted_at = models.DateTimeField("报送时间", db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="处理人",
    )
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)
    reason = models.TextField("退回或不予采用理由", blank=True)
    mode = models.CharField("采用方式", max_length=16, choices=AdoptionMode.choices, blank=True)
    adopted_page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="采用后的页面",
    )
    # An edited copy does not follow its original: set when the original is republished after adoption.
    original_updated = models.BooleanField("原文已更新", default=False)

    class Meta:
        verbose_name = "报送信息"
        verbose_name_plural = "报送信息"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # Submitting the same page to the same column twice while pending (the form says so first).
            models.UniqueConstraint(
                fields=["page", "column"], condition=Q(status="pending"), name="syndication_one_pending"
            ),
            # Adopted once per column at most (adopting twice is refused before it gets here).
            models.UniqueConstraint(
                fields=["page", "column"], condition=Q(status="adopted"), name="syndication_one_adoption"
            ),
        ]
        indexes = [
            models.Index(fields=["target_site", "status"], name="syndication_queue_idx"),
            models.Index(fields=["source_site", "submitted_at"], name="syndication_unit_idx"),
        ]

    def __str__(self):
        return f"{self.title}（{self.get_status_display()}）"
