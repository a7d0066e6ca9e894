"""What the daily 网站健康检查 alert digest (evaluation/digest.py) has already told each site about."""

from django.db import models

from ..enums import Severity


class DigestNotice(models.Model):
    """One finding — a site's check, key and severity, from the day it was first seen — included in a digest that
    was sent. A finding already noticed is never listed again; one that is fixed and comes back (a new first-seen
    day), or a warning that becomes a veto (another severity), is new again."""

    site = models.ForeignKey("sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="网站")
    check_name = models.CharField("检查项", max_length=40)
    key = models.CharField("问题标识", max_length=200)
    severity = models.CharField("严重程度", max_length=10, choices=Severity.choices)
    first_seen = models.DateField("首次发现")
    sent_on = models.DateField("通知日期")

    class Meta:
        verbose_name = "预警通知记录"
        verbose_name_plural = "预警通知记录"
        constraints = [
            models.UniqueConstraint(
                fields=["site", "check_name", "key", "severity", "first_seen"], name="evaluation_digest_notice"
            )
        ]

    def __str__(self):
        return f"{self.site_id} {self.check_name} {self.key} {self.sent_on}"
