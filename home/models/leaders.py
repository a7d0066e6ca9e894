"""领导信息: one page per site with its leaders as ordered rows."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.models import BasePage, StableOrderable
from sites.pages import SitePageMixin


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
        return list(self.leaders.select_related("photo"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["leader_rows"] = self.leader_rows
        return context


class Leader(StableOrderable):
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

    class Meta(StableOrderable.Meta):
        verbose_name = "领导"
        verbose_name_plural = "领导"

    def __str__(self):
        return f"{self.post} {self.name}"
