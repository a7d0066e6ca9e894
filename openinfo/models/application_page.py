"""依申请公开: the page of the 政府信息公开 section where the public applies for information (条例 Chapter 4), checks
an application's progress and reads the organ's statistics."""

from django.db import models
from django.utils.cache import patch_cache_control
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage
from sites.pages import SitePageMixin


class ApplicationPage(SitePageMixin, RoutablePageMixin, BasePage):
    """The application form (its page), the receipt, the status query (``query/``) and the statistics
    (``stats/``). The statutory explanation (deadlines, fees, remedies, with their articles) is part of the
    template; ``intro`` carries what only the organ knows (its disclosure office, address, hours)."""

    intro = models.TextField(
        "受理机构说明",
        blank=True,
        help_text="显示在申请表上方：受理机构、地址、办公时间、咨询电话、信函和传真的提交方式等",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["openinfo.DisclosureIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    page_description = "依申请公开：在线申请表、办理查询与申请统计（每个政府信息公开专栏一个）。"
    template = "openinfo/application_page.html"

    class Meta:
        verbose_name = "依申请公开"
        verbose_name_plural = "依申请公开"

    @path("", name="form")
    def form(self, request):
        from ..applications.views import form_view

        return self.language_redirect(request) or form_view(request, self)

    @path("query/", name="query")
    def query(self, request):
        from ..applications.views import query_view

        return query_view(request, self)

    @path("stats/", name="stats")
    def stats(self, request):
        from ..applications.views import stats_context

        response = self.render(
            request, template="openinfo/application_stats.html", context_overrides=stats_context(request, self)
        )
        patch_cache_control(response, no_cache=True)  # the figures change with every application, not publishing
        return response
