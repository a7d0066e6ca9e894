"""Home, column (栏目), article, standard and 办事指南 pages of every site in the group."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.blocks import BodyStreamBlock
from core.models import BaseAttachment, BasePage
from sites import site_cache
from sites.blueprint import load_blueprint
from sites.pages import SitePageMixin, html_sitemap_types, translated_only
from sites.route_cache import private_q as cached_private_q
from sites.shown_dates import DueOnlyMixin, ShownDateQuerySet, shown_date_manager
from sites.site_cache import paginate_cached
from sites.utils import get_profile_for_request

from .blocks import MaterialsBlock
from .enums import ColumnType, ProjectProgress, ServiceItemType, ServiceTarget, SubmissionScope
from .forms import ArticlePageForm, HomePageForm

COLUMN_PAGE_SIZE = 20
HOME_ITEMS_PER_COLUMN = 7


def articles_under(page: Page, private_q=None):
    """Live, public articles anywhere below ``page`` whose 发布时间 has come, newest first.

    ``private_q`` (from ``Page.objects.private_q()``) can be passed in when listing several columns, because
    building it costs a query each time.
    """
    if private_q is None:
        private_q = cached_private_q()
    return (
        translated_only(ArticlePage.objects.live().due().exclude(private_q).descendant_of(page))
        .order_by("-publish_at", "-pk")
        .only("id", "title", "summary", "url_path", "publish_at", "depth", "path", "content_type_id", "locale_id")
    )


def guides_under(page: Page, private_q=None):
    """Live, public 办事指南 anywhere below ``page``, in the order editors gave them in the page tree."""
    if private_q is None:
        private_q = cached_private_q()
    return (
        translated_only(ServiceGuidePage.objects.live().exclude(private_q).descendant_of(page))
        .order_by("path")
        .only(
            "id",
            "title",
            "url_path",
            "item_type",
            "promised_days",
            "online_url",
            "depth",
            "path",
            "content_type_id",
            "locale_id",
        )
    )


class HomePage(SitePageMixin, RoutablePageMixin, BasePage):
    """Root of one site. Shows the newest items of its main columns."""

    intro = models.TextField("网站简介", blank=True)
    # 专题 banner (home/home_sections.py): only kinds whose blueprint lists "topic_banner" show it.
    banner = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="专题横幅图片",
        help_text="可留空，留空时显示站点名称和网站简介的文字横幅；建议宽 1200 像素、高 300 像素",
    )
    banner_alt = models.CharField(
        "横幅图片说明", max_length=200, blank=True, help_text="读屏软件朗读的图片内容说明，如“湘江株洲段航拍”"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("banner"), FieldPanel("banner_alt")], heading="专题横幅"),
        InlinePanel("projects", heading="重点项目", label="项目"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    base_form_class = HomePageForm
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ColumnPage",
        "home.StandardPage",
        "home.LeaderIndexPage",
        "openinfo.DisclosureIndexPage",
        "interaction.InteractionIndexPage",
    ]
    page_description = "站点首页：每个站点一个，位于页面树第二层。"
    template = "home/home_page.html"

    class Meta:
        verbose_name = "站点首页"

    def home_columns(self):
        """Columns flagged for the home page with their newest items (one query per column shown)."""
        columns = translated_only(ColumnPage.objects.live().child_of(self).filter(show_on_home=True)).order_by("path")
        private_q = cached_private_q()
        return [(column, list(articles_under(column, private_q)[:HOME_ITEMS_PER_COLUMN])) for column in columns]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its cached fragment is missing ({% sitecache %}, sites/site_cache.py).
        context["home_columns"] = self.home_columns
        # The 专题 banner (home/home_sections.py) carries the intro itself: don't say it twice.
        profile = get_profile_for_request(request)
        sections = load_blueprint(profile.kind).home_sections if profile is not None else ()
        context["intro_in_banner"] = "topic_banner" in sections
        return context

    def clean(self):
        super().clean()
        if self.banner_id and not self.banner_alt.strip():
            raise ValidationError({"banner_alt": "上传了横幅图片时，请填写图片说明（供读屏软件朗读）。"})

    @path("sitemap/", name="html_sitemap")
    def html_sitemap(self, request):
        """网站地图: the site's column tree for people (sitemap.xml serves crawlers)."""
        pages = (
            translated_only(Page.objects.live().public().descendant_of(self))
            .type(*html_sitemap_types())
            .filter(depth__lte=self.depth + 2)
            .order_by("path")
            .specific()
        )
        return self.render(request, template="home/html_sitemap.html", context_overrides={"tree_pages": pages})

    @path("accessibility/", name="accessibility")
    def accessibility(self, request):
        """无障碍 statement and the reading aids this site offers."""
        return self.render(request, template="home/accessibility.html")


class ColumnPage(SitePageMixin, RoutablePageMixin, BasePage):
    """栏目: a dated list of articles, with an RSS feed. A 办事服务 column lists its 办事指南 first, as a table."""

    column_type = models.CharField("栏目类型", max_length=16, choices=ColumnType.choices, default=ColumnType.OTHER)
    description = models.TextField("栏目描述", blank=True)
    keywords = models.CharField("栏目关键词", max_length=200, blank=True)
    show_on_home = models.BooleanField("首页展示", default=False)
    # 信息报送 and 稿件共享 (syndication app): which columns the sites below may submit to or share into.
    accepts_submissions = models.BooleanField(
        "接受报送", default=False, help_text="下级站点可将文章报送到本栏目，由本站审核采用"
    )
    submission_scope = models.CharField(
        "报送范围", max_length=16, choices=SubmissionScope.choices, default=SubmissionScope.CHILDREN
    )
    accepts_shared = models.BooleanField(
        "接受共享信息", default=False, help_text="上级站点可将信息（如政策文件）共享到本栏目，以引用方式展示"
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("column_type"), FieldPanel("description"), FieldPanel("keywords"), FieldPanel("show_on_home")],
            heading="栏目属性",
        ),
        MultiFieldPanel(
            [FieldPanel("accepts_submissions"), FieldPanel("submission_scope"), FieldPanel("accepts_shared")],
            heading="信息报送与共享",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description"), index.FilterField("column_type")]
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = [
        "home.ArticlePage",
        "home.ColumnPage",
        "home.StandardPage",
        "home.ServiceGuidePage",
        "home.LeaderIndexPage",
    ]
    page_description = "栏目：按发布时间倒序列出文章，栏目类型用于更新情况统计；办事服务栏目列出办事指南。"
    template = "home/column_page.html"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    @property
    def is_service(self) -> bool:
        return self.column_type == ColumnType.SERVICE

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.is_service:
            # The guides are the column's list (paginated); articles an editor put here too (办事公告 …) follow,
            # newest first, so nothing placed in the column disappears from the public site.
            guides = guides_under(self, cached_private_q(request))
            context["guides"] = paginate_cached(request, guides, COLUMN_PAGE_SIZE, f"guides:{self.pk}")
            context["articles"] = list(articles_under(self)[:COLUMN_PAGE_SIZE])
        else:
            articles = articles_under(self, cached_private_q(request))
            context["articles"] = paginate_cached(request, articles, COLUMN_PAGE_SIZE, f"column:{self.pk}")
        context["sub_columns"] = site_cache.cached(request, "sub-columns", lambda: list(self._sub_columns()), self.pk)
        return context

    def _sub_columns(self):
        return translated_only(ColumnPage.objects.live().child_of(self)).order_by("path")

    @path("rss/", name="rss")
    def rss(self, request):
        from .feeds import ColumnFeed

        return ColumnFeed(self)(request)


class ArticleQuerySet(ShownDateQuerySet):
    shown_date_field = "publish_at"


class ArticlePage(DueOnlyMixin, SitePageMixin, BasePage):
    """文章: news, notices and other dated items, with 来源, 作者 and a visible 发布时间 (shown only once it has
    come: sites/shown_dates.py)."""

    objects = shown_date_manager(ArticleQuerySet)
    base_form_class = ArticlePageForm

    subtitle = models.CharField("副标题", max_length=255, blank=True)
    source = models.CharField("来源", max_length=100, blank=True, help_text="转载须注明来源")
    author = models.CharField("作者", max_length=100, blank=True)
    publish_at = models.DateTimeField("发布时间", default=timezone.now, db_index=True)
    summary = models.TextField("摘要", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("author"), FieldPanel("publish_at"), FieldPanel("shown_date_reason")],
            heading="发布信息",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label="附件"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("publish_at"),
    ]
    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    in_html_sitemap = False  # an item, not a section: the 网站地图 lists the column tree
    page_description = "文章：新闻、通知公告等带发布时间的信息。"
    template = "home/article_page.html"
    base_form_class = ArticlePageForm  # default slug tYYYYMMDD_NNN

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def attachment_list(self):
        """Attachments with their documents in one query (the template shows each file's type)."""
        return list(self.attachments.select_related("document"))

    @property
    def column(self):
        parent = self.get_parent()
        return parent.specific if parent else None


class ArticleAttachment(BaseAttachment):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")

    class Meta(BaseAttachment.Meta):
        verbose_name = "附件"


class StandardPage(SitePageMixin, BasePage):
    """Static pages: 机构职能, 概况, contact pages."""

    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ColumnPage", "home.StandardPage", "openinfo.DisclosureIndexPage"]
    subpage_types = ["home.StandardPage"]
    page_description = "普通页面：机构职能、概况等。"
    template = "home/standard_page.html"

    class Meta:
        verbose_name = "普通页面"
        verbose_name_plural = "普通页面"


class LeaderIndexPage(SitePageMixin, BasePage):
    """领导信息. 政府网站发展指引 四(一)3 负责人信息 asks for name, photo, CV and portfolio: one page per site with
    the leaders as ordered rows, so the web office keeps the whole list on one screen and reorders by dragging."""

    intro = models.TextField("说明", blank=True, help_text="名单上方的一段说明，可留空")

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel("leaders", heading="领导名单", label="领导"),
    ]
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = []
    page_description = "领导信息：姓名、职务、分管工作、照片和简历，按填写顺序显示。"
    template = "home/leader_index_page.html"

    class Meta:
        verbose_name = "领导信息页"
        verbose_name_plural = "领导信息页"

    def leader_rows(self):
        # Called by the template only when its cached fragment is missing ({% sitecache %}).
        return list(self.leaders.select_related("photo").order_by("sort_order", "pk"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leader_rows"] = self.leader_rows
        return context


class Leader(Orderable):
    page = ParentalKey(LeaderIndexPage, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField("姓名", max_length=50)
    post = models.CharField("职务", max_length=100)
    duties = models.TextField("分管工作", blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="照片",
        help_text="可留空，网站上显示中性占位图",
    )
    cv = RichTextField("简历", blank=True, features=["bold", "ol", "ul", "link"])
    note = models.CharField(
        "内部备注",
        max_length=200,
        blank=True,
        help_text="仅后台可见，不在网站上显示（如照片来源、核对日期）",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("post"),
        FieldPanel("duties"),
        FieldPanel("photo"),
        FieldPanel("cv"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "领导"
        verbose_name_plural = "领导"

    def __str__(self):
        return f"{self.post} {self.name}"


class TopicProject(Orderable):
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

    class Meta(Orderable.Meta):
        verbose_name = "重点项目"
        verbose_name_plural = "重点项目"

    def __str__(self):
        return self.name


PHONE_VALIDATOR = RegexValidator(
    r"^[0-9()（）+\-－—、，, /转]{5,60}$", "请填写电话号码：数字、区号连字符“-”，多个号码用“、”分隔，分机用“转”。"
)


class ServiceGuidePage(SitePageMixin, BasePage):
    """办事指南: one 政务服务事项 with the standard guide fields, shown as a table (政府网站发展指引: 办事服务).

    Time limits are counted in working days; 承诺办结时限 0 means 即办 (done on the spot). Guides live in columns
    of type 办事服务 only, so every guide is listed in its site's service catalogue.
    """

    item_type = models.CharField("事项类型", max_length=20, choices=ServiceItemType.choices)
    implementing_body = models.CharField("实施主体", max_length=200)
    target = models.CharField("服务对象", max_length=20, choices=ServiceTarget.choices)
    conditions = models.TextField("受理条件", blank=True, help_text="每行一条")
    materials = StreamField(MaterialsBlock(), verbose_name="申请材料", blank=True)
    # Issue 12 (evalgaps): "no papers needed" is a fact the editor states, not an empty list — the services check
    # (evaluation/checks/services.py) reports a guide with neither as missing 办理材料.
    no_materials = models.BooleanField(
        "无需提交材料",
        default=False,
        help_text="本事项确实不需要申请人提交任何材料时勾选（如电话办理的服务）；勾选后不能再列出申请材料",
    )
    process = models.TextField("办理流程", blank=True, help_text="每行一个步骤，按顺序填写")
    legal_days = models.PositiveSmallIntegerField(
        "法定办结时限（工作日）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1, "法定办结时限至少为1个工作日。")],
        help_text="法律法规规定的时限；没有规定的留空",
    )
    promised_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", help_text="填0表示即办件（当场办结）；不得超过法定办结时限"
    )
    charged = models.BooleanField("是否收费", default=False)
    fee_standard = models.TextField("收费标准及依据", blank=True)
    location = models.CharField("办理地点", max_length=300, blank=True)
    hours = models.CharField("办理时间", max_length=200, blank=True)
    consult_phone = models.CharField("咨询电话", max_length=60, validators=[PHONE_VALIDATOR])
    complaint_phone = models.CharField("监督投诉电话", max_length=60, blank=True, validators=[PHONE_VALIDATOR])
    online_url = models.URLField("在线办理链接", max_length=500, blank=True, help_text="网上政务服务平台中本事项的地址")
    legal_basis = models.TextField("设定依据", blank=True, help_text="法律法规及条款，每行一条")

    content_panels = [
        *Page.content_panels,  # the title is the 事项名称
        MultiFieldPanel(
            [FieldPanel("item_type"), FieldPanel("implementing_body"), FieldPanel("target")], heading="基本信息"
        ),
        FieldPanel("conditions"),
        FieldPanel("no_materials"),
        FieldPanel("materials"),
        FieldPanel("process"),
        MultiFieldPanel([FieldPanel("legal_days"), FieldPanel("promised_days")], heading="办结时限"),
        MultiFieldPanel([FieldPanel("charged"), FieldPanel("fee_standard")], heading="收费"),
        MultiFieldPanel(
            [
                FieldPanel("location"),
                FieldPanel("hours"),
                FieldPanel("consult_phone"),
                FieldPanel("complaint_phone"),
                FieldPanel("online_url"),
            ],
            heading="办理地点、时间与电话",
        ),
        FieldPanel("legal_basis"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("implementing_body"),
        index.SearchField("conditions"),
        index.SearchField("materials"),
        index.SearchField("process"),
        index.SearchField("legal_basis"),
        index.FilterField("item_type"),
        index.FilterField("target"),
    ]
    parent_page_types = ["home.ColumnPage"]
    subpage_types = []
    in_html_sitemap = False  # an item, not a section: the 网站地图 lists the column tree
    page_description = (
        "办事指南：一个政务服务事项的受理条件、申请材料、办理流程、时限、收费和地点，放在办事服务栏目下。"
    )
    template = "home/service_guide_page.html"

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    @classmethod
    def can_exist_under(cls, parent):
        # parent_page_types cannot see a column's type; a guide elsewhere would be missing from the catalogue.
        if not super().can_exist_under(parent):
            return False
        return getattr(parent.specific, "column_type", None) == ColumnType.SERVICE

    def clean(self):
        super().clean()
        errors = {}
        if self.legal_days is not None and self.promised_days is not None and self.promised_days > self.legal_days:
            errors["promised_days"] = f"承诺办结时限不能超过法定办结时限（{self.legal_days}个工作日）。"
        if self.charged and not (self.fee_standard or "").strip():
            errors["fee_standard"] = "收费事项须填写收费标准及依据。"
        if self.no_materials and self.materials and len(self.materials):
            errors["no_materials"] = "已列出申请材料，不能同时勾选“无需提交材料”；请删除所列材料或取消勾选。"
        if errors:
            raise ValidationError(errors)

    def promised_label(self) -> str:
        if self.promised_days == 0:
            return gettext("即办")
        return gettext("%(days)s个工作日") % {"days": self.promised_days}

    def legal_label(self) -> str:
        if self.legal_days is None:
            return gettext("法律法规未规定")
        return gettext("%(days)s个工作日") % {"days": self.legal_days}

    def condition_list(self) -> list[str]:
        return _lines(self.conditions)

    def process_steps(self) -> list[str]:
        return _lines(self.process)

    def legal_basis_list(self) -> list[str]:
        return _lines(self.legal_basis)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


__all__ = ["ArticleAttachment", "ArticlePage", "ColumnPage", "HomePage", "ServiceGuidePage", "StandardPage"]
