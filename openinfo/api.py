"""Public disclosure API. 索引号 contains “/”, which cannot sit in a URL path segment, so the API addresses a
document by its URL-safe form: the “/” replaced by “-” (``11430200…X-2026-00001``). The credit-code prefix
never contains “-”, so the form converts back unambiguously; the slash form is accepted too (``?index_number=``
in the list filter, or URL-encoded where a proxy keeps %2F)."""

import datetime

from django.http import Http404
from ninja import Query, Router, Schema

from core.api import ApiBadRequest
from sites.models import SiteProfile

from .catalogue import category_map
from .models import DisclosureDocumentPage
from .services import CatalogueFilters, documents_in

router = Router(tags=["政府信息公开"])
MAX_PAGE_SIZE = 100


def url_safe(index_number: str) -> str:
    return index_number.replace("/", "-", 1)


def from_url_safe(value: str) -> str:
    return value if "/" in value else value.replace("-", "/", 1)


class DocumentOut(Schema):
    index_number: str
    id: str  # URL-safe 索引号
    title: str
    site: str | None
    publisher: str | None
    co_publishers: str
    written_on: datetime.date
    published_on: datetime.date
    document_number: str
    category: str
    category_name: str
    subject: str
    genre: str
    validity: str
    valid_from: datetime.date | None
    invalid_from: datetime.date | None
    keywords: str
    description: str
    url: str
    interprets: str | None
    interpretations: list[str]


class DocumentPage(Schema):
    count: int
    page: int
    pages: int
    page_size: int
    results: list[DocumentOut]


class DocumentQuery(Schema):
    site: str | None = None
    category: str | None = None
    subject: str | None = None
    year: str | None = None
    validity: str | None = None
    q: str | None = None
    page: str | None = None
    page_size: str | None = None


def document_out(doc: DisclosureDocumentPage, request, interpretations: list[str]) -> DocumentOut:
    category = category_map().get(doc.category)
    return DocumentOut(
        index_number=doc.index_number,
        id=url_safe(doc.index_number),
        title=doc.title,
        site=doc.host_site.slug if doc.host_site_id else None,
        publisher=doc.publisher.org_name if doc.publisher_id else None,
        co_publishers=doc.co_publishers,
        written_on=doc.written_on,
        published_on=doc.published_on,
        document_number=doc.document_number,
        category=doc.category,
        category_name=category.name if category else "",
        subject=doc.subject,
        genre=doc.genre,
        validity=doc.validity,
        valid_from=doc.valid_from,
        invalid_from=doc.invalid_from,
        keywords=doc.keywords,
        description=doc.description,
        url=doc.get_full_url(request) or "",
        interprets=doc.interprets.index_number if doc.interprets_id and doc.interprets.live else None,
        interpretations=interpretations,
    )


def _positive_int(raw: str | None, name: str, default: int, errors: dict, maximum: int | None = None) -> int:
    if raw in (None, ""):
        return default
    if not raw.isdigit() or int(raw) < 1 or (maximum and int(raw) > maximum):
        errors[name] = f"应为 1–{maximum} 的整数" if maximum else "应为正整数"
        return default
    return int(raw)


@router.get(
    "/documents/",
    response=DocumentPage,
    summary="公开信息目录",
    description="按站点、信息类别、主题分类、年份、"
    "有效性和关键词筛选，发布日期倒序。参数错误时返回 400 与逐项中文说明。",
)
def list_documents(request, params: Query[DocumentQuery]):
    raw = {k: v for k, v in params.dict().items() if v is not None}
    filters = CatalogueFilters.from_query(raw)
    errors = dict(filters.errors)
    page = _positive_int(params.page, "page", 1, errors)
    page_size = _positive_int(params.page_size, "page_size", 20, errors, MAX_PAGE_SIZE)
    sites = None
    if filters.site:
        sites = list(SiteProfile.objects.filter(slug=filters.site))
        if not sites:
            errors["site"] = "未知的站点"
    if errors:
        raise ApiBadRequest(errors)
    documents = filters.apply(documents_in(sites=sites)).select_related("interprets")
    count = documents.count()
    pages = max(1, -(-count // page_size))
    rows = list(documents[(page - 1) * page_size : page * page_size])
    readings = _interpretations_of(rows)
    return DocumentPage(
        count=count,
        page=page,
        pages=pages,
        page_size=page_size,
        results=[document_out(d, request, readings.get(d.pk, [])) for d in rows],
    )


@router.get("/documents/{document_id}", response=DocumentOut, summary="单条公开信息（按索引号）")
def get_document(request, document_id: str):
    index_number = from_url_safe(document_id)
    doc = documents_in().select_related("interprets").filter(index_number=index_number).first()
    if doc is None:
        raise Http404("未找到该索引号的公开信息")
    return document_out(doc, request, _interpretations_of([doc]).get(doc.pk, []))


def _interpretations_of(documents) -> dict[int, list[str]]:
    """Live interpretations per document, in one query."""
    found: dict[int, list[str]] = {}
    rows = documents_in().filter(interprets__in=[d.pk for d in documents]).values_list("interprets_id", "index_number")
    for target, number in rows:
        found.setdefault(target, []).append(number)
    return found
