"""重点项目 of a 专题 site: ordered rows on its home page."""

from django.core.validators import MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel

from core.models import StableOrderable

from ..enums import ProjectProgress
from .pages import HomePage


class TopicProject(StableOrderable):
    """重点项目 of a 专题 site, as ordered rows on its home page (shown by the "projects" home section)."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField("项目名称", max_length=100)
    unit = models.CharField("责任单位", max_length=100)
    progress = models.CharField("进度", max_length=10, choices=ProjectProgress.choices, default=ProjectProgress.PLANNED)
    investment = models.DecimalField(
        "计划投资（亿元）",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, "计划投资不能为负数。")],
        help_text="单位：亿元，最多两位小数；未定可留空",
    )
    summary = models.TextField("简介", blank=True)
    article = models.ForeignKey(
        "home.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="相关文章",
        help_text="可留空；选择后项目名称链接到这篇文章",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("unit"),
        FieldPanel("progress"),
        FieldPanel("investment"),
        FieldPanel("summary"),
        FieldPanel("article"),
    ]

    class Meta(StableOrderable.Meta):
        verbose_name = "重点项目"
        verbose_name_plural = "重点项目"

    def __str__(self):
        return self.name
