"""Reply templates (答复模板): standard wording a handler starts from, per site or for the whole platform."""

from django.db import models


class ReplyTemplate(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reply_templates",
        verbose_name="所属网站",
        help_text="留空表示全平台通用",
    )
    title = models.CharField("模板名称", max_length=60)
    body = models.TextField(
        "模板内容", help_text="可使用 {name}（已脱敏的姓名）、{title}（留言标题）、{org}（答复单位）"
    )
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "答复模板"
        verbose_name_plural = "答复模板"
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.title

    def render(self, *, name: str, title: str, org: str) -> str:
        """Fill the placeholders; unknown braces in the wording are left as written."""
        text = self.body
        for key, value in {"name": name, "title": title, "org": org}.items():
            text = text.replace("{" + key + "}", value)
        return text
