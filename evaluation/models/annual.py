"""政府网站工作年度报表 (国办函〔2018〕12号; gov-standards.md §2.6): one report per site and year.

The block names and the 31 January deadline are verified; the field list inside the blocks is **unverified** (taken
from secondary sources, to be confirmed against the official template). ``figures`` holds what the platform counts
itself (evaluation/annual/collect.py); the fields below are what it cannot know, edited by the site's own staff. A
published report is a snapshot: the public page (``WebsiteReportPage``) stores the rows it shows, so editing the
report afterwards changes nothing public until it is published again.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page

from core.models import BasePage
from sites.pages import SitePageMixin

MAX_COUNT = 2_000_000_000  # fits PostgreSQL's integer; anything larger is a typing error


def count_field(label: str, help_text: str = ""):
    return models.PositiveIntegerField(
        label, null=True, blank=True, validators=[MaxValueValidator(MAX_COUNT)], help_text=help_text
    )


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"


class WebsiteAnnualReport(models.Model):
    site = models.ForeignKey(
        "sites.SiteProfile", on_delete=models.CASCADE, related_name="+", verbose_name="网站", editable=False
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)], editable=False
    )
    figures = models.JSONField("平台统计数据", default=dict, editable=False)
    generated_at = models.DateTimeField("统计时间", null=True, editable=False)
    status = models.CharField(
        "状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
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

    # 基本信息: visits come from the statistics service the site uses, not from this platform.
    visitors = count_field("独立用户访问总量（个）")
    visits = count_field("网站总访问量（次）")
    # 解读回应
    interpretation_products = count_field("解读产品数（个）", "图解、音视频等解读产品")
    media_reviews = count_field("媒体评论文章数（篇）")
    hot_responses = count_field("回应公众关注热点或重大舆情数（次）")
    # 办事服务
    registered_users = count_field("注册用户数（个）")
    online_items = count_field("可全程在线办理政务服务事项数（项）", "留空则按填写了“在线办理地址”的办事指南计")
    cases_total = count_field("办件量总数（件）")
    cases_person = count_field("自然人办件量（件）")
    cases_legal = count_field("法人办件量（件）")
    # 互动交流 (留言办理 is counted by the platform)
    surveys = count_field("征集调查期数（期）")
    survey_opinions = count_field("收到意见数量（条）")
    survey_results = count_field("公布调查结果期数（期）")
    interviews = count_field("在线访谈期数（期）")
    interview_questions = count_field("网民留言数量（条）")
    interview_answers = count_field("答复网民提问数量（条）")
    smart_qa = models.BooleanField("提供智能问答", default=False)
    # 安全防护
    security_tests = count_field("安全检测评估次数（次）")
    security_problems = count_field("发现问题数量（个）", "留空则按本年度健康检查发现的单项否决和预警问题计")
    security_fixed = count_field("问题整改数量（个）", "留空则按本年度健康检查中已解决的问题计")
    monitoring = models.BooleanField("建立安全监测预警机制", default=False)
    drills = count_field("开展应急演练次数（次）")
    # Whether one is named, not who: the report is public and staff names are personal data.
    security_owner = models.BooleanField("已明确网站安全责任人", default=False)
    # 移动新媒体
    new_media_accounts = count_field("政务新媒体账号数（个）")
    new_media_posts = count_field("信息发布量（条）")
    new_media_followers = count_field("订阅数/关注量（个）")
    # 创新发展
    innovation = models.TextField("创新发展情况", blank=True, max_length=2000)

    updated_at = models.DateTimeField("更新时间", auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("visitors"), FieldPanel("visits")], heading="基本信息"),
        MultiFieldPanel(
            [FieldPanel("interpretation_products"), FieldPanel("media_reviews"), FieldPanel("hot_responses")],
            heading="解读回应",
        ),
        MultiFieldPanel(
            [
                FieldPanel("registered_users"),
                FieldPanel("online_items"),
                FieldRowPanel([FieldPanel("cases_total"), FieldPanel("cases_person"), FieldPanel("cases_legal")]),
            ],
            heading="办事服务",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("surveys"), FieldPanel("survey_opinions"), FieldPanel("survey_results")]),
                FieldRowPanel(
                    [FieldPanel("interviews"), FieldPanel("interview_questions"), FieldPanel("interview_answers")]
                ),
                FieldPanel("smart_qa"),
            ],
            heading="互动交流",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("security_tests"), FieldPanel("security_problems"), FieldPanel("security_fixed")]
                ),
                FieldPanel("monitoring"),
                FieldPanel("drills"),
                FieldPanel("security_owner"),
            ],
            heading="安全防护",
        ),
        FieldRowPanel(
            [FieldPanel("new_media_accounts"), FieldPanel("new_media_posts"), FieldPanel("new_media_followers")],
            heading="移动新媒体",
        ),
        FieldPanel("innovation", heading="创新发展"),
    ]

    class Meta:
        verbose_name = "网站工作年度报表"
        verbose_name_plural = "网站工作年度报表"
        ordering = ["-year", "site"]
        constraints = [models.UniqueConstraint(fields=["site", "year"], name="evaluation_annual_site_year")]

    def __str__(self):
        return f"{self.site} {self.year}年度网站工作年度报表"

    def clean(self):
        super().clean()
        parts = [n for n in (self.cases_person, self.cases_legal) if n is not None]
        if self.cases_total is not None and sum(parts) > self.cases_total:
            raise ValidationError({"cases_total": "办件量总数不能少于自然人办件量与法人办件量之和。"})
        if None not in (self.security_fixed, self.security_problems) and self.security_fixed > self.security_problems:
            raise ValidationError({"security_fixed": "问题整改数量不能多于发现问题数量。"})
        if None not in (self.survey_results, self.surveys) and self.survey_results > self.surveys:
            raise ValidationError({"survey_results": "公布调查结果期数不能多于征集调查期数。"})
        if (
            None not in (self.interview_answers, self.interview_questions)
            and self.interview_answers > self.interview_questions
        ):
            raise ValidationError({"interview_answers": "答复网民提问数量不能多于网民留言数量。"})


class WebsiteReportPage(SitePageMixin, BasePage):
    """The published 政府网站工作年度报表 of one site and year: a snapshot of the report's rows.

    Created and republished only by “发布” on the report (evaluation/annual/publish.py), never by hand
    (``is_creatable``), under the site's 政府信息公开年报 column (or its 政府信息公开 section, or its home page).
    """

    year = models.PositiveSmallIntegerField("年度")
    rows = models.JSONField("报表内容", default=list)

    content_panels = [*Page.content_panels]
    parent_page_types = [
        "openinfo.AnnualReportIndexPage",
        "home.StandardPage",
        "openinfo.DisclosureIndexPage",
        "home.HomePage",
    ]
    subpage_types = []
    in_html_sitemap = False  # an item, not a section: the 网站地图 lists the column tree
    is_creatable = False
    page_description = "网站工作年度报表：由“网站工作年度报表”发布生成。"
    template = "evaluation/annual/report_page.html"

    class Meta:
        verbose_name = "网站工作年度报表页面"
        verbose_name_plural = "网站工作年度报表页面"

    def blocks(self):
        """Rows grouped by block for the template: ``[(block, [(item, value), …]), …]``."""
        grouped: dict[str, list] = {}
        for block, item, value in self.rows:
            grouped.setdefault(block, []).append((item, value))
        return list(grouped.items())
