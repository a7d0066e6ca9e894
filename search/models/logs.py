"""Query log: one row per normalised query, day and site searched from. Feeds hot terms, suggestions and "did you
mean" — per website group, so one city's searches never surface on another city's sites.

``clients`` counts distinct clients: each client counts at most once per query and day (on the platform, at the
site it first searched from), so one visitor repeating a query cannot make it popular. Which clients were seen
today is kept in :class:`QueryLogClient` as keyed hashes, never as addresses (search/querylog.py)."""

from django.db import models


class QueryLog(models.Model):
    query = models.CharField("检索词", max_length=64)
    site = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="检索网站",
        help_text="空：站点功能上线前的记录，计入全平台",
    )
    day = models.DateField("日期", db_index=True)
    count = models.PositiveIntegerField("次数", default=0)
    clients = models.PositiveIntegerField(
        "访客数", default=0, help_text="当天检索该词的不同访客数（每位访客每词每天至多计一次）"
    )
    hits = models.PositiveIntegerField("结果数", default=0, help_text="最近一次检索的结果数")
    pinyin = models.CharField("拼音", max_length=200, blank=True, db_index=True)
    initials = models.CharField("拼音首字母", max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = "检索记录"
        verbose_name_plural = "检索记录"
        constraints = [models.UniqueConstraint(fields=["query", "day", "site"], name="querylog_query_day_site")]

    def __str__(self):
        return f"{self.day} {self.query} ×{self.count}"


class QueryLogClient(models.Model):
    """ "This client already searched this query today": a keyed hash of (day, client, query) — HMAC with
    SECRET_KEY and the day, truncated — so a row names neither the client nor the query, and rows of different
    days or queries cannot be linked to one client. Rows of past days are deleted (search/querylog.py)."""

    day = models.DateField("日期", db_index=True)
    marker = models.CharField("标记", max_length=32, unique=True)

    class Meta:
        verbose_name = "检索访客标记"
        verbose_name_plural = "检索访客标记"

    def __str__(self):
        return f"{self.day} {self.marker}"
