"""Catalogue queries (公开目录): per-site and group-wide lists with filters, newest first."""

from dataclasses import dataclass

from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext

from core.pagination import paginate as core_paginate
from core.params import ChoiceParam, IntParam, choices_of, report, single_values

from .catalogue import categories_for_kind, category_map, subject_options, subjects
from .enums import Validity

CATALOGUE_PAGE_SIZE = 20
FILTER_FIELDS = ("category", "subject", "year", "validity", "q", "site")
YEAR = IntParam("year", "年份", 1949, 2100)
VALIDITY = ChoiceParam("validity", "有效性", choices_of(Validity))


def _as_querydict(params) -> QueryDict:
    if isinstance(params, QueryDict):
        return params
    found = QueryDict(mutable=True)
    for name, value in params.items():
        if value is not None:
            found.setlist(name, value if isinstance(value, list) else [str(value)])
    return found


@dataclass
class CatalogueFilters:
    category: str = ""
    subject: str = ""
    year: int | None = None
    validity: str = ""
    q: str = ""
    site: str = ""
    errors: dict | None = None

    @classmethod
    def from_query(cls, params) -> "CatalogueFilters":
        """``params``: a QueryDict, or a dict from the API. Unknown values are reported (shown to the visitor) and
        ignored, never a 500; a parameter given twice is refused."""
        errors: dict[str, str] = {}
        values = single_values(_as_querydict(params), FILTER_FIELDS, errors)
        category = values["category"]
        if category and category not in category_map():
            errors["category"] = gettext("未知的信息类别")
            category = ""
        subject = values["subject"]
        if subject and subject not in subjects():
            errors["subject"] = gettext("未知的主题分类")
            subject = ""
        return cls(
            category=category,
            subject=subject,
            year=YEAR.parse(values["year"], errors),
            validity=VALIDITY.parse(values["validity"], errors) or "",
            q=values["q"][:100],
            site=values["site"][:64],
            errors=errors,
        )

    def apply(self, documents):
        if self.category:
            documents = documents.filter(category=self.category)
        if self.subject:
            documents = documents.filter(subject=self.subject)
        if self.year:
            documents = documents.filter(published_on__year=self.year)
        if self.validity:
            documents = documents.filter(validity=self.validity)
        if self.q:
            # Substring match on the metadata people search by (名称, 文号, 索引号, 关键词); word search across
            # Chinese text is the search app's job.
            documents = documents.filter(
                Q(title__icontains=self.q)
                | Q(document_number__icontains=self.q)
                | Q(index_number__icontains=self.q)
                | Q(keywords__icontains=self.q)
            )
        return documents


def documents_in(sites=None, root=None, request=None):
    from sites.route_cache import private_q

    from .models import DisclosureDocumentPage

    documents = DisclosureDocumentPage.objects.live().due().exclude(private_q(request))  # .public() w/o query
    if root is not None:
        documents = documents.descendant_of(root)
    elif sites is not None:
        documents = documents.filter(host_site__in=list(sites))
    return documents.select_related("publisher", "host_site").order_by("-published_on", "-pk")


def paginate(request, queryset, per_page=CATALOGUE_PAGE_SIZE):
    return core_paginate(request, queryset, per_page)


def _catalogue_page(request, documents, root):
    """The plain (unfiltered) catalogue's total and rendered rows come from the cache until a publish: its own
    subtree's (``root``), or for the group catalogue every site's below this one (sites/site_cache.py)."""
    from sites.site_cache import paginate_cached

    if root is not None:
        return paginate_cached(request, documents, CATALOGUE_PAGE_SIZE, f"catalogue:{root.pk}")
    return paginate_cached(request, documents, CATALOGUE_PAGE_SIZE, "group-catalogue", subtree=True)


def catalogue_context(request, *, sites=None, root=None, kind: str | None = None) -> dict:
    """``sites``: SiteProfiles for a group-wide catalogue (``?site=<slug>`` narrows it); ``root``: one subtree."""
    filters = CatalogueFilters.from_query(request.GET)
    if sites is not None and filters.site:
        narrowed = [p for p in sites if p.slug == filters.site]
        if not narrowed:
            filters.errors["site"] = gettext("未知的站点")
        sites = narrowed or sites
    report(request, filters.errors)

    def documents():
        return filters.apply(documents_in(sites=sites, root=root, request=request))

    options = category_map()
    if kind:  # a single site offers only the categories its kind must publish
        options = {c.code: c for c in categories_for_kind(kind)}
    return {
        "filters": filters,
        "documents": _catalogue_page(request, documents, root),
        "category_options": options,
        "subject_options": subject_options(),  # (value, label in the active language)
        "validity_options": Validity.choices,
    }
