"""Stored results of the inspection runner (issue 12 item 2): one run, one result per site and check, findings.

"Current" is per site and check: the findings of the latest CheckResult of that pair. A CheckResult is written in
the same transaction as its findings, so a run that stops half-way (an exception, a kill) leaves every site it did
not finish with its previous results as the current ones.
"""

from django.db import models
from django.db.models import Max

from ..enums import RunStatus, Severity


class InspectionRun(models.Model):
    """One pass of the runner over one or more sites (``manage.py inspect_sites``, the nightly task)."""

    site_slugs = models.JSONField("检查范围", default=list, blank=True, help_text="空表示整个网站群")
    checks = models.JSONField("检查项", default=list)
    today = models.DateField("判定日期", help_text="各项规则按这一天计算“今天”")
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=RunStatus.choices, default=RunStatus.RUNNING)
    site_count = models.PositiveIntegerField("已检查网站数", default=0)
    errors = models.JSONField("出错的网站", default=list, blank=True)

    class Meta:
        verbose_name = "检查批次"
        verbose_name_plural = "检查批次"
        ordering = ["-pk"]

    def __str__(self):
        scope = "、".join(self.site_slugs) if self.site_slugs else "整个网站群"
        return f"{self.today:%Y-%m-%d} {scope}（{self.get_status_display()}）"


class CheckResultQuerySet(models.QuerySet):
    def latest_ids(self):
        """Ids of the latest result of every (site, check) pair in this queryset."""
        return self.order_by().values("site", "check_name").annotate(latest=Max("pk")).values("latest")


class CheckResult(models.Model):
    """One check run on one site within a run: written with its findings, in one transaction."""

    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="results", verbose_name="检查批次")
    site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="check_results", verbose_name="网站"
    )
    check_name = models.CharField("检查项", max_length=40)
    finished_at = models.DateTimeField("完成时间", auto_now_add=True)
    finding_count = models.PositiveIntegerField("发现问题数", default=0)

    objects = CheckResultQuerySet.as_manager()

    class Meta:
        verbose_name = "检查结果"
        verbose_name_plural = "检查结果"
        indexes = [models.Index(fields=["site", "check_name", "-id"], name="evaluation_result_latest")]

    def __str__(self):
        return f"{self.site} · {self.check_name} · {self.run_id}"


class FindingQuerySet(models.QuerySet):
    def current(self):
        """Open findings as of each site's latest result of each check (a half-finished run changes nothing for
        the sites it did not finish)."""
        return self.filter(result__in=CheckResult.objects.latest_ids())

    def of_site(self, site):
        return self.filter(site=site)

    def of_sites(self, sites):
        return self.filter(site__in=sites)

    def resolved_in(self, run):
        """Findings that ``run`` found fixed (open in the previous result of their site and check, gone now)."""
        return self.filter(resolved_run=run)


class Finding(models.Model):
    """One thing one check found on one site in one run. ``first_seen`` is carried over from the previous result
    of the same site and check with the same key; ``resolved_at`` is set by the first later run that no longer
    finds it."""

    run = models.ForeignKey(InspectionRun, on_delete=models.CASCADE, related_name="findings", verbose_name="检查批次")
    result = models.ForeignKey(CheckResult, on_delete=models.CASCADE, related_name="findings", verbose_name="检查结果")
    site = models.ForeignKey("sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="网站")
    check_name = models.CharField("检查项", max_length=40)
    code = models.CharField("问题类型", max_length=40)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    key = models.CharField("问题标识", max_length=200)
    title = models.CharField("问题", max_length=300)
    detail = models.TextField("说明", blank=True)
    url = models.CharField("页面地址", max_length=500, blank=True)
    edit_url = models.CharField("编辑地址", max_length=500, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="页面"
    )
    due = models.DateField("否决日期", null=True, blank=True, help_text="预警变为单项否决的日期")
    extra = models.JSONField("附加信息", default=dict, blank=True)
    draft = models.BooleanField(
        "草稿/待审", default=False, help_text="关于页面未发布的版本（草稿或待审），只给工作人员看，不经公开接口"
    )
    first_seen = models.DateField("首次发现")
    resolved_at = models.DateTimeField("解决时间", null=True, blank=True)
    resolved_run = models.ForeignKey(
        InspectionRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resolved_findings",
        verbose_name="发现已解决的批次",
    )

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = "检查发现"
        verbose_name_plural = "检查发现"
        ordering = ["site", "check_name", "pk"]
        indexes = [models.Index(fields=["site", "check_name", "key"], name="evaluation_finding_key")]

    def __str__(self):
        return f"{self.site} · {self.title}"
