"""The 互动交流 section of a site: its root (published replies, status query, statistics) and mailboxes."""

from django.db import models
from django.utils.cache import patch_cache_control
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage
from sites.pages import SitePageMixin

from ..enums import Channel


class InteractionIndexPage(SitePageMixin, RoutablePageMixin, BasePage):
    """互动交流: the site's mailboxes, the list of published replies with search and filters, one reply's page,
    the status query for private messages and the monthly/yearly reply statistics."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["interaction.MailboxPage"]
    max_count_per_parent = 1
    page_description = "互动交流专栏（每个站点一个）：信箱、答复公开、办理查询与统计。"
    template = "interaction/interaction_index_page.html"

    class Meta:
        verbose_name = "互动交流"
        verbose_name_plural = "互动交流"

    def mailboxes(self):
        return MailboxPage.objects.child_of(self).live().public().order_by("path")

    @path("", name="replies")
    def replies(self, request):
        from ..views.public import replies_context

        return self.render(request, context_overrides=replies_context(request, self))

    @path("<int:pk>/", name="reply")
    def reply(self, request, pk):
        from ..views.public import reply_context

        return self.render(
            request, template="interaction/reply_detail.html", context_overrides=reply_context(request, self, pk)
        )

    @path("query/", name="query")
    def query(self, request):
        from ..views.public import query_view

        return query_view(request, self)

    @path("stats/", name="stats")
    def stats(self, request):
        from ..views.stats import stats_context

        response = self.render(
            request, template="interaction/stats_page.html", context_overrides=stats_context(request, self)
        )
        # Not for the whole-page cache: the figures change with every message, not with publishing
        # (statistics.cached_period_report keeps the costly part instead).
        patch_cache_control(response, no_cache=True)
        return response


class MailboxPage(SitePageMixin, BasePage):
    """One mailbox: 咨询投诉建议, or the leader's mailbox (市长信箱 / 区长信箱 …, named by the page title).
    Its page is the submission form."""

    channel = models.CharField("信箱类型", max_length=12, choices=Channel.choices, default=Channel.GENERAL)
    intro = models.TextField("信箱说明", blank=True, help_text="显示在留言表单上方，例如受理范围与答复时限")

    content_panels = [*Page.content_panels, FieldPanel("channel"), FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.FilterField("channel")]
    parent_page_types = ["interaction.InteractionIndexPage"]
    subpage_types = []
    page_description = "信箱：公众在此提交咨询、投诉、建议。"
    template = "interaction/mailbox_page.html"

    class Meta:
        verbose_name = "信箱"
        verbose_name_plural = "信箱"

    def serve(self, request, *args, **kwargs):
        from ..views.public import mailbox_view

        return self.language_redirect(request) or mailbox_view(request, self)
