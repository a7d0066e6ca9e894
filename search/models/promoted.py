"""Promoted results (置顶推荐): editors pin a page or a link to query terms of their site; the search page and
the API show it above the results, marked 推荐, whenever the visitor's query contains a pinned term."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from ..segment import normalize
from .dictionary import SPLIT_RE

MAX_TERMS = 10


def split_terms(value: str) -> list[str]:
    return list(dict.fromkeys(t for t in SPLIT_RE.split(normalize(value or "").strip()) if t))


class PromotedResult(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所属网站",
        help_text="在该网站上检索时显示；留空表示所有网站（仅平台管理员可设置）",
    )
    terms = models.CharField(
        "检索词",
        max_length=200,
        help_text="一个或多个检索词，用逗号、顿号或空格分隔。访客的检索词包含其中任一词（按分词和同义词匹配）时显示",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="推荐页面",
        help_text="推荐站内页面；页面撤销发布后自动不再显示",
    )
    url = models.URLField("推荐链接", max_length=500, blank=True, help_text="不选页面时填写，如办事服务平台的事项链接")
    title = models.CharField("显示标题", max_length=100, blank=True, help_text="留空则使用页面标题；填写链接时必填")
    description = models.CharField("摘要", max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0, help_text="数值小的排在前面")
    enabled = models.BooleanField("启用", default=True)
    expires_on = models.DateField("有效期至", null=True, blank=True, help_text="留空为长期有效")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("site"),
        FieldPanel("terms"),
        MultiFieldPanel([FieldPanel("page"), FieldPanel("url")], heading="推荐内容（页面或链接二选一）"),
        FieldPanel("title"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel("sort_order"), FieldPanel("enabled"), FieldPanel("expires_on")], heading="显示"),
    ]

    class Meta:
        verbose_name = "置顶推荐"
        verbose_name_plural = "置顶推荐"
        ordering = ["sort_order", "pk"]
        indexes = [models.Index(fields=["site", "enabled"], name="promoted_site_enabled")]

    def __str__(self):
        return f"{self.display_title} ← {'、'.join(self.term_list())}"

    def save(self, *args, **kwargs):
        self.terms = "，".join(self.term_list())
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        return self.page.title if self.page_id else self.url

    def term_list(self) -> list[str]:
        return split_terms(self.terms)

    def is_current(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.enabled and (self.expires_on is None or self.expires_on >= today)

    def clean(self):
        super().clean()
        errors = {}
        terms = self.term_list()
        if not terms:
            errors["terms"] = "请填写至少一个检索词。"
        elif len(terms) > MAX_TERMS:
            errors["terms"] = f"检索词最多 {MAX_TERMS} 个。"
        else:
            from ..query import parse

            empty = [t for t in terms if parse(t).is_empty]
            if empty:
                errors["terms"] = f"“{empty[0]}”中没有可检索的文字（汉字、字母或数字）。"
        if self.page_id and self.url:
            errors["url"] = "推荐页面和推荐链接只能填写一项。"
        elif not self.page_id and not self.url:
            errors["page"] = "请选择推荐页面或填写推荐链接。"
        elif self.url and not self.title:
            errors["title"] = "推荐链接需要填写显示标题。"
        if self.page_id and not errors.get("page"):
            page = self.page
            if not page.live:
                errors["page"] = "该页面未发布，不能推荐。"
            elif page.get_view_restrictions().exists():
                errors["page"] = "该页面设置了访问限制，不能推荐。"
            elif page.depth <= 1:
                errors["page"] = "请选择具体的页面。"
        if errors:
            raise ValidationError(errors)
