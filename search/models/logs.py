"""Query log: one row per normalised query and day. Feeds hot terms, suggestions and "did you mean"."""

from django.db import models


class QueryLog(models.Model):
    query = models.CharField("检索词", max_length=64)
    day = models.DateField("日期", db_index=True)
    count = models.PositiveIntegerField("次数", default=0)
    hits = models.PositiveIntegerField("结果数", default=0, help_text="最近一次检索的结果数")
    pinyin = models.CharField("拼音", max_length=200, blank=True, db_index=True)
    initials = models.CharField("拼音首字母", max_length=64, blank=True, db_index=True)

    class Meta:
        verbose_name = "检索记录"
        verbose_name_plural = "检索记录"
        constraints = [models.UniqueConstraint(fields=["query", "day"], name="querylog_query_day")]

    def __str__(self):
        return f"{self.day} {self.query} ×{self.count}"
