"""政府信息公开工作年度报告 (条例 Arts. 49–50; format 国办公开办函〔2021〕30号, gov-standards.md §1.4): one
report per organ (SiteProfile) and year, its logged Table 3 corrections, and the pages it is published as.

What the platform counts is stored as generated (``table2``, ``table3``, ``table4``, ``fees_collected``:
openinfo/annual/tables.py) and refreshed by “重新生成”; what only the organ knows (sections 一, 五, 六, the
Table 2 figures of 行政许可/处罚/强制 and 收费) is entered and kept through regeneration. Table 3 changes only
through ``Table3Correction`` rows — each with its reason and author, never edited, deleted only with their
report — for applications handled off the platform. A published report is a snapshot (``AnnualReportPage.content``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from core.models import BasePage
from sites.pages import SitePageMixin

MAX_COUNT = 2_000_000_000  # fits PostgreSQL's integer; anything larger is a typing error


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


def _count(label: str):
    return models.PositiveIntegerField(label, null=True, blank=True, validators=[MaxValueValidator(MAX_COUNT)])


class OpenInfoAnnualReport(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="机关", editable=False
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)], editable=False
    )
    status = models.CharField(
        "状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
    generated_at = models.DateTimeField("统计时间", null=True, editable=False)
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="发布页面",
    )

    # Sections entered by the organ (一 is offered a generated draft when first generated).
    overview = models.TextField("一、总体情况", blank=True, max_length=20000)
    problems = models.TextField("五、存在的主要问题及改进情况", blank=True, max_length=20000)
    other_matters = models.TextField(
        "六、其他需要报告的事项",
        blank=True,
        max_length=20000,
        help_text="信息处理费收取情况由平台按本年度已缴费用自动写入本节开头，此处填写其他事项（如政务公开工作要点落实情况）。",
    )

    # Table 2: what the platform cannot count (第二十条第（五）、（六）、（八）项).
    licensing = _count("行政许可：本年处理决定数量")
    penalties = _count("行政处罚：本年处理决定数量")
    enforcement = _count("行政强制：本年处理决定数量")
    charges = models.DecimalField(
        "行政事业性收费：本年收费金额（万元）",
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    # Generated (openinfo/annual/tables.py).
    table2 = models.JSONField("表二（规章、规范性文件）", default=dict, editable=False)
    table3 = models.JSONField("表三（平台统计）", default=dict, editable=False)
    table4 = models.JSONField("表四", default=dict, editable=False)
    fees_collected = models.PositiveIntegerField("本年收取信息处理费（元）", default=0, editable=False)

    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldPanel("overview"),
        MultiFieldPanel(
            [
                FieldPanel("licensing"),
                FieldRowPanel([FieldPanel("penalties"), FieldPanel("enforcement")]),
                FieldPanel("charges"),
            ],
            heading="表二 主动公开政府信息情况（由本机关填写的项目）",
        ),
        FieldPanel("problems"),
        FieldPanel("other_matters"),
    ]

    class Meta:
        verbose_name = "政府信息公开工作年度报告"
        verbose_name_plural = "政府信息公开工作年度报告"
        ordering = ["-year", "site"]
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="openinfo_annual_site_year")]

    def __str__(self):
        return f"{self.site} {self.year}年度政府信息公开工作年度报告"


class Table3Correction(models.Model):
    """One logged change of one Table 3 cell (applications handled off the platform): kept as long as its report
    (no view edits or deletes one)."""

    report = models.ForeignKey(OpenInfoAnnualReport, on_delete=models.CASCADE, related_name="corrections")
    row = models.CharField("行", max_length=32)
    column = models.CharField("列", max_length=16)
    delta = models.IntegerField("增减数量", validators=[MinValueValidator(-MAX_COUNT), MaxValueValidator(MAX_COUNT)])
    reason = models.TextField("更正理由", max_length=1000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="更正人"
    )
    created_at = models.DateTimeField("更正时间", auto_now_add=True)

    class Meta:
        verbose_name = "表三更正记录"
        verbose_name_plural = "表三更正记录"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report} {self.row}/{self.column} {self.delta:+d}"


# Subpage types higher apps add to the 年报 column (evaluation's 网站工作年度报表), in their AppConfig.ready():
# openinfo never names them.
EXTRA_ANNUAL_SUBPAGE_TYPES: list[str] = []


def register_annual_subpage_type(label: str) -> None:
    if label not in EXTRA_ANNUAL_SUBPAGE_TYPES:
        EXTRA_ANNUAL_SUBPAGE_TYPES.append(label)
        AnnualReportIndexPage.subpage_types.append(label)
        AnnualReportIndexPage._clean_subpage_models = None  # Wagtail's cache of the resolved list


class AnnualReportIndexPage(SitePageMixin, BasePage):
    """政府信息公开年报 (the blueprints' ``nb`` column): the organ's reports by year; a portal's also lists every
    published report of its group."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["openinfo.DisclosureIndexPage"]
    subpage_types = ["openinfo.AnnualReportPage"]
    max_count_per_parent = 1
    page_description = "政府信息公开年报栏目：按年度列出本机关（门户网站：全市/全区县）的政府信息公开工作年度报告。"
    template = "openinfo/annual/index_page.html"

    class Meta:
        verbose_name = "政府信息公开年报栏目"
        verbose_name_plural = "政府信息公开年报栏目"

    def get_context(self, request, *args, **kwargs):
        from ..annual.reports import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(self, request))
        return context


class AnnualReportPage(SitePageMixin, BasePage):
    """One published 政府信息公开工作年度报告: created and republished only by “发布” on the report."""

    year = models.PositiveSmallIntegerField("年度")
    content = models.JSONField("报告内容", default=dict)

    content_panels = [*Page.content_panels]
    parent_page_types = ["openinfo.AnnualReportIndexPage", "openinfo.DisclosureIndexPage", "home.StandardPage"]
    subpage_types = []
    in_html_sitemap = False  # an item, not a section: the 网站地图 lists the column tree
    is_creatable = False
    page_description = "政府信息公开工作年度报告：由“政府信息公开工作年度报告”发布生成。"
    template = "openinfo/annual/report_page.html"

    class Meta:
        verbose_name = "政府信息公开工作年度报告页面"
        verbose_name_plural = "政府信息公开工作年度报告页面"
