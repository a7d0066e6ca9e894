"""Catalogue queries (公开目录): per-site and group-wide lists with filters, newest first."""

from dataclasses import dataclass

from django.db.models import Q

from core.pagination import paginate as core_paginate

from .catalogue import categories_for_kind, category_map, subjects
from .enums import Validity

CATALOGUE_PAGE_SIZE = 20


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
        """Unknown values are reported (shown to the visitor) and ignored, never a 500."""
        errors = {}
        category = params.get("category", "").strip()
        if category and category not in category_map():
            errors["category"] = "未知的信息类别"
            category = ""
        subject = params.get("subject", "").strip()
        if subject and subject not in subjects():
            errors["subject"] = "未知的主题分类"
            subject = ""
        year = None
        raw_year = params.get("year", "").strip()
        if raw_year:
            if raw_year.isascii() and raw_year.isdigit() and 1949 <= int(raw_year) <= 2100:
                year = int(raw_year)
            else:
                errors["year"] = "年份应为四位数字"
        validity = params.get("validity", "").strip()
        if validity and validity not in Validity.values:
            errors["validity"] = "未知的有效性"
            validity = ""
        q = params.get("q", "").strip()[:100]
        return cls(
            category=category,
            subject=subject,
            year=year,
            validity=validity,
            q=q,
            site=params.get("site", "").strip()[:64],
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


def documents_in(sites=None, root=None):
    from .models import DisclosureDocumentPage

    documents = DisclosureDocumentPage.objects.live().public()
    if root is not None:
        documents = documents.descendant_of(root)
    elif sites is not None:
        documents = documents.filter(host_site__in=sites)
    return documents.select_related("publisher", "host_site").order_by("-published_on", "-pk")


def paginate(request, queryset, per_page=CATALOGUE_PAGE_SIZE):
    return core_paginate(request, queryset, per_page)


def catalogue_context(request, *, sites=None, root=None, kind: str | None = None) -> dict:
    """``sites``: SiteProfiles for a group-wide catalogue (``?site=<slug>`` narrows it); ``root``: one subtree."""
    filters = CatalogueFilters.from_query(request.GET)
    if sites is not None and filters.site:
        narrowed = [p for p in sites if p.slug == filters.site]
        if not narrowed:
            filters.errors["site"] = "未知的站点"
        sites = narrowed or sites
    documents = filters.apply(documents_in(sites=sites, root=root))
    options = category_map()
    if kind:  # a single site offers only the categories its kind must publish
        options = {c.code: c for c in categories_for_kind(kind)}
    return {
        "filters": filters,
        "documents": paginate(request, documents),
        "category_options": options,
        "subject_options": subjects(),
        "validity_options": Validity.choices,
    }
