"""Home, column (栏目), article and standard pages of every site in the group."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
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

from ..enums import ColumnType, SubmissionScope
from ..forms import ArticlePageForm, HomePageForm
from .guides import guides_under

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
        from ..feeds import ColumnFeed

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
