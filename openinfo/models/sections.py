"""The 政府信息公开 section of a site: its root (catalogue) and category columns."""

from django import forms
from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from core.models import BasePage
from sites import site_cache
from sites.pages import SitePageMixin
from sites.route_cache import private_q

from ..catalogue import category_choices, category_map
from ..validators import validate_category


def _site_kind(request) -> str | None:
    from sites.utils import get_profile_for_request

    profile = get_profile_for_request(request)
    return profile.kind if profile else None


class DisclosureIndexPage(SitePageMixin, RoutablePageMixin, BasePage):
    """政府信息公开: the site's disclosure platform (条例 Art. 24) — guide, rules, statutory content, annual
    reports, the request entry, and a searchable catalogue of every disclosed document of the site."""

    intro = models.TextField("栏目说明", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "openinfo.DisclosureGuidePage",
        "openinfo.DisclosureRulesPage",
        "openinfo.DisclosureCategoryPage",
        "openinfo.ApplicationPage",
        "openinfo.AnnualReportIndexPage",
        "home.StandardPage",
    ]
    max_count_per_parent = 1
    page_description = "政府信息公开专栏（每个站点一个）：指南、制度、法定主动公开内容、年报与公开目录。"
    template = "openinfo/disclosure_index_page.html"

    class Meta:
        verbose_name = "政府信息公开"
        verbose_name_plural = "政府信息公开"

    def get_context(self, request, *args, own_catalogue=True, **kwargs):
        from ..services import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        if own_catalogue:  # the group catalogue route brings its own (catalogue_context over the whole group)
            context.update(catalogue_context(request, root=self, kind=_site_kind(request)))
        # Both lists change only when this site publishes: kept with the site's generation (sites/site_cache.py).
        context["statutory_categories"] = site_cache.cached(
            request, "statutory-categories", lambda: list(self._statutory_categories(request)), self.pk
        )
        context["disclosure_sections"] = site_cache.cached(
            request, "disclosure-sections", lambda: list(self.get_children().live()), self.pk
        )
        return context

    def _statutory_categories(self, request):
        return (
            DisclosureCategoryPage.objects.live()
            .exclude(private_q(request))  # .public() without its query (sites/route_cache.py)
            .descendant_of(self)
            .exclude(category="")
            .order_by("path")
        )

    @path("group/", name="group_catalogue")
    def group_catalogue(self, request):
        """全市政府信息公开目录: every site of this portal's group, with a site filter (portals only)."""
        from sites.enums import PORTAL_KINDS
        from sites.page_cache import depends_on_subtree
        from sites.utils import get_profile_for_request, group_profiles, site_choice_groups

        from ..services import catalogue_context

        profile = get_profile_for_request(request)
        if profile is None or profile.kind not in PORTAL_KINDS:
            raise Http404("只有门户网站提供全市（区县）政府信息公开目录")
        # Every site profile is read to walk the group; it changes only with a site profile (group generation).
        # Read lazily: with the plain catalogue's rows and filter form cached, only the number of sites is shown.
        sites = SimpleLazyObject(
            lambda: site_cache.cached(request, "group-profiles", lambda: group_profiles(profile), profile.pk)
        )
        depends_on_subtree(request)  # lists every site's documents: a publish below refreshes it
        context = catalogue_context(request, sites=sites)
        context["group_sites"] = sites
        context["group_site_count"] = site_cache.cached(request, "group-size", lambda: len(sites), profile.pk)
        selected = context["filters"].site
        choices = SimpleLazyObject(lambda: site_choice_groups(sites, profile, selected))
        context["site_choices"] = choices
        context["site_choices_partial"] = SimpleLazyObject(lambda: sum(len(g) for _, g in choices) < len(sites))
        return self.render(
            request, template="openinfo/group_catalogue.html", context_overrides=context, own_catalogue=False
        )


class DisclosureCategoryPage(SitePageMixin, BasePage):
    """A disclosure column: one statutory category (信息类别), or a plain container such as 法定主动公开内容."""

    category = models.CharField(
        "信息类别",
        max_length=20,
        blank=True,
        validators=[validate_category],
        help_text="对应《政府信息公开条例》第二十条、第二十一条的公开事项；容器栏目留空",
    )
    description = models.TextField("栏目描述", blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("category", widget=forms.Select(choices=[("", "（容器栏目）"), *category_choices()])),
        FieldPanel("description"),
    ]
    search_fields = [*Page.search_fields, index.FilterField("category")]
    parent_page_types = ["openinfo.DisclosureIndexPage", "openinfo.DisclosureCategoryPage"]
    subpage_types = ["openinfo.DisclosureCategoryPage", "openinfo.DisclosureDocumentPage"]
    page_description = "公开栏目：法定主动公开事项之一，或容器栏目。"
    template = "openinfo/disclosure_category_page.html"

    class Meta:
        verbose_name = "公开栏目"
        verbose_name_plural = "公开栏目"

    @property
    def category_info(self):
        return category_map().get(self.category)

    @property
    def listed_title(self) -> str:
        """The title where the column is listed: a statutory column with no title of its own in the active language
        (the /en/ mirror) shows its category's name in that language (name_en, openinfo/data/categories.toml)
        rather than Chinese under lang="en"; an editor's own English title wins."""
        category = self.category_info
        if category is None or self.has_translation(get_language() or settings.LANGUAGE_CODE):
            return self.title
        return category.label

    def get_context(self, request, *args, own_catalogue=True, **kwargs):
        from ..services import catalogue_context

        context = super().get_context(request, *args, **kwargs)
        if own_catalogue:  # the group catalogue route brings its own (catalogue_context over the whole group)
            context.update(catalogue_context(request, root=self, kind=_site_kind(request)))
        # The side navigation's columns as DisclosureCategoryPages (one query each), so each can be listed by its
        # listed_title: English on the /en/ mirror even where the column has no English title of its own.
        columns = DisclosureCategoryPage.objects.live().order_by("path")
        context["category_columns"] = columns.child_of(self)
        context["sibling_columns"] = columns.sibling_of(self) if self.category else columns.none()
        return context
