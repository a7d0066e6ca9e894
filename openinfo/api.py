"""Public disclosure API. 索引号 contains “/”, which cannot sit in a URL path segment, so the API addresses a
document by its URL-safe form: the “/” replaced by “-” (``11430200…X-2026-00001``). The credit-code prefix
never contains “-”, so the form converts back unambiguously; the slash form is accepted too (``?index_number=``
in the list filter, or URL-encoded where a proxy keeps %2F)."""

import datetime

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from core.api import ApiBadRequest, error_responses, table_download_extra
from core.exports import API_FORMAT, table_download
from core.params import IntParam
from sites.models import SiteProfile

from .catalogue import category_map
from .models import DisclosureDocumentPage
from .services import VALIDITY, YEAR, CatalogueFilters, documents_in

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


PAGE = IntParam("page", "页码", 1, 100_000, default=1)
PAGE_SIZE = IntParam("page_size", "每页条数", 1, MAX_PAGE_SIZE, default=20)
FORMAT = API_FORMAT
STATS_YEAR = IntParam("year", "年份", 2000, 2100)  # the server also refuses years after next year


class DocumentQuery(Schema):
    site: str | None = Field(None, max_length=64, description="站点标识")
    category: str | None = Field(None, max_length=32, description="信息类别代码，如 a20-01")
    subject: str | None = Field(None, max_length=64, description="主题分类")
    year: YEAR.annotation("发布年份") = None
    validity: VALIDITY.annotation("有效性") = None
    q: str | None = Field(None, max_length=100, description="关键词：名称、文号、索引号、关键词中包含")
    page: PAGE.annotation("页码，从1开始") = None
    page_size: PAGE_SIZE.annotation(f"每页条数，1–{MAX_PAGE_SIZE}，默认20") = None


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


@router.get(
    "/documents/",
    response={200: DocumentPage, **error_responses()},
    summary="公开信息目录",
    description="按站点、信息类别、主题分类、年份、"
    "有效性和关键词筛选，发布日期倒序。参数错误时返回 400 与逐项中文说明。",
)
def list_documents(request, params: Query[DocumentQuery]):
    raw = {k: v for k, v in params.dict().items() if v is not None and k not in ("page", "page_size")}
    filters = CatalogueFilters.from_query(raw)
    errors = dict(filters.errors)
    page, page_size = params.page or PAGE.default, params.page_size or PAGE_SIZE.default
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


@router.get(
    "/documents/{document_id}",
    response={200: DocumentOut, **error_responses()},
    summary="单条公开信息（按索引号）",
    description="按 URL 安全形式的索引号（“/”换成“-”）取一条公开信息；没有时返回 404。",
)
def get_document(request, document_id: str = Path(..., max_length=64)):
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


class CategoryStatsOut(Schema):
    code: str
    name: str
    count: int
    last_published: datetime.date | None
    blank: bool
    stale: bool


class SiteStatsOut(Schema):
    slug: str
    name: str
    kind: str
    year_total: int
    months: list[int]
    late: int
    blank_count: int
    stale_count: int
    table2: dict[str, dict[str, int]]
    categories: list[CategoryStatsOut]


class StatsOut(Schema):
    year: int
    site: str | None
    generated_on: datetime.date
    totals: dict[str, int]
    sites: list[SiteStatsOut]


@router.get(
    "/stats/",
    response={200: StatsOut, **error_responses()},
    openapi_extra=table_download_extra(),
    summary="政府信息公开统计（绩效评估）",
    description="按站点 × 法定公开类别统计条数、最近发布日期、空白与超期未更新；按年统计每月发布量、"
    "超过20个工作日发布的条数（条例第二十六条），以及规章、行政规范性文件的本年制发/本年废止/现行有效（年报表二）。"
    "省略 site 为全网站群，含逐站明细。format=csv 或 xlsx 下载表格。",
)
def disclosure_stats(
    request,
    site: str | None = Query(None, max_length=64, description="站点标识；省略为全网站群"),
    year: STATS_YEAR.annotation("统计年份，2000 至明年；省略为当年") = None,
    format: FORMAT.annotation("json（默认）、csv 或 xlsx") = None,
):
    from django.utils import timezone

    from .exports import stats_sheets
    from .statistics import disclosing_profiles, disclosure_statistics, totals

    errors: dict[str, str] = {}
    today = timezone.localdate()
    year_param = IntParam("year", "年份", STATS_YEAR.minimum, today.year + 1, default=today.year)
    chosen_year = year_param.parse(year, errors)
    profiles = disclosing_profiles(site)
    if profiles is None:
        errors["site"] = "未知的站点"
    if errors:
        raise ApiBadRequest(errors)
    stats = disclosure_statistics(profiles, chosen_year, today)
    filename = f"openinfo-stats-{site or 'group'}-{chosen_year}"
    download = table_download(format, stats_sheets(stats), filename)
    if download is not None:
        return download
    return StatsOut(
        year=chosen_year,
        site=site or None,
        generated_on=today,
        totals=totals(stats),
        sites=[
            SiteStatsOut(
                **{
                    **s.__dict__,
                    "blank_count": s.blank_count,
                    "stale_count": s.stale_count,
                    "categories": [c.__dict__ for c in s.categories],
                }
            )
            for s in stats
        ],
    )


from .applications import api as _applications_api  # noqa: E402, F401  (registers 依申请公开 on this router)
