"""Stored facts of the link checker and the availability probe (issue 12, Links and Availability)."""

from django.db import models


class ExternalLinkResult(models.Model):
    """The last check of one external URL. Reused for a day (`EVALUATION_EXTERNAL_LINK_CACHE_HOURS`), so that a
    link on many pages, or in many sites of the group, is requested once a day at most."""

    url = models.CharField("链接地址", max_length=2000, unique=True)
    ok = models.BooleanField("可访问", default=False)
    status = models.PositiveSmallIntegerField("HTTP状态码", null=True, blank=True)
    reason = models.CharField("失效原因", max_length=200, blank=True)
    method = models.CharField("请求方式", max_length=8, blank=True)
    checked_at = models.DateTimeField("检查时间", db_index=True)

    class Meta:
        verbose_name = "外部链接检查结果"
        verbose_name_plural = "外部链接检查结果"

    def __str__(self):
        return self.url


class AvailabilityProbe(models.Model):
    """One fetch of a site's home page through its public hostname (`manage.py probe_availability`).

    国办秘函〔2019〕19号 单项否决 “站点无法访问”: monitored a week, ≥ 20 visits a day; an attempt counts as failed when
    the site is still not open after 15 s."""

    profile = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="availability_probes", verbose_name="站点"
    )
    checked_at = models.DateTimeField("探测时间")
    url = models.CharField("探测地址", max_length=500)
    status = models.PositiveSmallIntegerField("HTTP状态码", null=True, blank=True)
    seconds = models.FloatField("用时（秒）")
    ok = models.BooleanField("成功", help_text="HTTP 2xx 且在时限内打开")
    error = models.CharField("错误", max_length=200, blank=True)

    class Meta:
        verbose_name = "可用性探测"
        verbose_name_plural = "可用性探测"
        indexes = [models.Index(fields=["profile", "checked_at"], name="evaluation_probe_site_time")]

    def __str__(self):
        return f"{self.url} {self.checked_at:%Y-%m-%d %H:%M}"
