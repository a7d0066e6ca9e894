"""Letter templates of 依申请公开 (applications/letters.py): a site's own text of a letter kind. A site without
one uses the platform's default text of that kind (letters.DEFAULT_TEXTS)."""

from django.db import models

from ..applications.enums import LetterKind


class LetterTemplate(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="letter_templates", verbose_name="所属网站"
    )
    kind = models.CharField("文书类型", max_length=24, choices=LetterKind.choices)
    body = models.TextField("正文模板", help_text="可使用占位符，如 {机关名称}、{申请人}、{查询码}；见下方说明")

    class Meta:
        verbose_name = "依申请公开文书模板"
        verbose_name_plural = "依申请公开文书模板"
        ordering = ["site", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind"],
                name="letter_template_site_kind",
                violation_error_message="本网站已有该类型的文书模板，请直接修改原模板。",
            )
        ]

    def __str__(self):
        return f"{self.site.org_name} {self.get_kind_display()}"
