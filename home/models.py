"""Home, column (栏目), article and standard pages of every site in the group."""

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
from core.pagination import paginate
from sites.pages import SitePageMixin, translated_only

from .enums import ColumnType

COLUMN_PAGE_SIZE = 20
HOME_ITEMS_PER_COLUMN = 7


def articles_under(page: Page, private_q=None):
    """Live, public articles anywhere below ``page``, newest 发布时间 first.

    ``private_q`` (from ``Page.objects.private_q()``) can be passed in when listing several columns, because
    building it costs a query each time.
    """
    if private_q is None:
        private_q = Page.objects.private_q()
    return (
        translated_only(ArticlePage.objects.live().exclude(private_q).descendant_of(page))
        .order_by("-publish_at", "-pk")
        .only("id", "title", "url_path", "publish_at", "depth", "path", "content_type_id", "locale_id")
    )


class HomePage(SitePageMixin, RoutablePageMixin, BasePage):
    """Root of one site. Shows the newest items of its main columns."""

    intro = models.TextField("网站简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ColumnPage",
        "home.StandardPage",
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
        private_q = Page.objects.private_q()
        return [(column, list(articles_under(column, private_q)[:HOME_ITEMS_PER_COLUMN])) for column in columns]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["home_columns"] = self.home_columns()
        return context

    @path("sitemap/", name="html_sitemap")
    def html_sitemap(self, request):
        """网站地图: the site's column tree for people (sitemap.xml serves crawlers)."""
        pages = (
            translated_only(Page.objects.live().public().descendant_of(self))
            .type(ColumnPage, StandardPage)
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
    """栏目: a dated list of articles, with an RSS feed."""

    column_type = models.CharField("栏目类型", max_length=16, choices=ColumnType.choices, default=ColumnType.OTHER)
    description = models.TextField("栏目描述", blank=True)
    keywords = models.CharField("栏目关键词", max_length=200, blank=True)
    show_on_home = models.BooleanField("首页展示", default=False)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("column_type"), FieldPanel("description"), FieldPanel("keywords"), FieldPanel("show_on_home")],
            heading="栏目属性",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description"), index.FilterField("column_type")]
    parent_page_types = ["home.HomePage", "home.ColumnPage"]
    subpage_types = ["home.ArticlePage", "home.ColumnPage", "home.StandardPage"]
    page_description = "栏目：按发布时间倒序列出文章，栏目类型用于更新情况统计。"
    template = "home/column_page.html"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(request, articles_under(self), COLUMN_PAGE_SIZE)
        context["sub_columns"] = translated_only(ColumnPage.objects.live().child_of(self)).order_by("path")
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from .feeds import ColumnFeed

        return ColumnFeed(self)(request)


class ArticlePage(SitePageMixin, BasePage):
    """文章: news, notices and other dated items, with 来源, 作者 and a visible 发布时间."""

    subtitle = models.CharField("副标题", max_length=255, blank=True)
    source = models.CharField("来源", max_length=100, blank=True, help_text="转载须注明来源")
    author = models.CharField("作者", max_length=100, blank=True)
    publish_at = models.DateTimeField("发布时间", default=timezone.now, db_index=True)
    summary = models.TextField("摘要", blank=True)
    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        MultiFieldPanel([FieldPanel("source"), FieldPanel("author"), FieldPanel("publish_at")], heading="发布信息"),
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
    page_description = "文章：新闻、通知公告等带发布时间的信息。"
    template = "home/article_page.html"

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
    """Static pages: 机构职能, 领导信息, 概况, contact pages."""

    body = StreamField(BodyStreamBlock(), verbose_name="正文", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.ColumnPage", "home.StandardPage", "openinfo.DisclosureIndexPage"]
    subpage_types = ["home.StandardPage"]
    page_description = "普通页面：机构职能、领导信息、概况等。"
    template = "home/standard_page.html"

    class Meta:
        verbose_name = "普通页面"
        verbose_name_plural = "普通页面"


__all__ = ["ArticleAttachment", "ArticlePage", "ColumnPage", "HomePage", "StandardPage"]
