"""GET /api/v1/search/: the search page's results as JSON, from the site of the request's host.

Parameters are checked by search.params like the page's, but a bad one answers 400 with a Chinese message
per field instead of being ignored. ``title_html`` and ``snippet`` are HTML: escaped text with <mark> around
the matched words, safe to insert as HTML; every other string is plain text.
"""

import datetime
from typing import Literal

from ninja import Field, Query, Schema

from core.api import ApiBadRequest, error_responses
from core.params import IntParam
from sites.utils import get_profile_for_request

from ..enums import DocType
from ..params import MAX_PAGE, MAX_RAW_QUERY, MAX_VALUES, PAGE, SCOPE, SORT, parse_params
from ..presenters import facet_options, hit_view
from ..promoted import promotions_for
from ..services import search
from . import router

MAX_PAGE_SIZE = 50


PAGE_SIZE = IntParam("page_size", "每页条数", 1, MAX_PAGE_SIZE, default=10)
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
SLUGS = Field([], max_length=MAX_VALUES, description="按网站筛选：站点标识，可重复；须在检索范围内")


class SearchQuery(Schema):
    q: str = Field("", max_length=MAX_RAW_QUERY, description="检索词（最多50个字参与检索）；支持拼音和拼音首字母")
    scope: SCOPE.annotation("检索范围：site 本站（默认）、children 本站及下级网站、group 全部网站（本网站群）") = None
    site: list[str] = SLUGS
    type: list[Literal[tuple(DocType.values)]] = Field(  # type: ignore[valid-type]
        [],
        max_length=MAX_VALUES,
        description="按内容类型筛选，可重复：news 新闻、notice 通知公告、policy 政策文件、"
        "disclosure 公开信息、qa 互动问答、service 办事（办事指南）、page 其他",
    )
    date_from: str | None = Field(None, alias="from", pattern=DATE_PATTERN, description="起始日期 YYYY-MM-DD（含）")
    date_to: str | None = Field(None, alias="to", pattern=DATE_PATTERN, description="截止日期 YYYY-MM-DD（含）")
    category: list[str] = Field(
        [], max_length=MAX_VALUES, description="按政府信息公开类别筛选（类别代码，如 a20-01），可重复"
    )
    subject: list[str] = Field([], max_length=MAX_VALUES, description="按主题分类筛选，可重复")
    sort: SORT.annotation("排序：relevance 相关度（默认）、date 时间") = None
    page: PAGE.annotation(f"页码，1–{MAX_PAGE}；超过末页时返回末页") = None
    page_size: PAGE_SIZE.annotation(f"每页条数，1–{MAX_PAGE_SIZE}，默认10") = None


class SiteRef(Schema):
    slug: str
    name: str


class HitOut(Schema):
    title: str = Field(description="标题（纯文本）")
    title_html: str = Field(description="标题，HTML：已转义，命中词以 <mark> 标出")
    snippet: str = Field(description="摘要，HTML：已转义，命中词以 <mark> 标出")
    url: str = Field(description="完整网址")
    site: SiteRef
    type: str = Field(description="内容类型代码")
    type_name: str = Field(description="内容类型名称")
    date: datetime.date | None = Field(description="发布日期")
    category: str = Field(description="政府信息公开类别代码（公开信息才有）")
    category_name: str
    subject: str = Field(description="主题分类（公开信息才有）")
    index_number: str = Field(description="索引号（公开信息才有）")
    document_number: str = Field(description="文号（公开信息才有）")


class PromotedOut(Schema):
    title: str
    url: str
    description: str


class FacetValueOut(Schema):
    value: str = Field(description="筛选参数取值")
    label: str
    count: int = Field(description="选择该值时的结果数（不受本项筛选影响）")
    selected: bool


class FacetsOut(Schema):
    type: list[FacetValueOut]
    site: list[FacetValueOut]
    category: list[FacetValueOut]
    subject: list[FacetValueOut]


class SearchOut(Schema):
    query: str = Field(description="实际检索的文字（超过50个字时为截取后的部分）")
    truncated: bool = Field(description="检索词是否因过长被截取")
    scope: str
    sort: str
    total: int = Field(description="结果总数")
    page: int = Field(description="本页页码（超出范围的页码已调整）")
    pages: int = Field(description="总页数（最多浏览前10000条）")
    page_size: int
    fallback: bool = Field(description="全文检索服务不可用、由备用检索回答时为 true")
    notice: str = Field(description="给访客的提示（如备用检索说明），没有时为空")
    suggestion: str = Field("", description="结果很少时建议改用的检索词（“您是不是要找”），没有时为空")
    promoted: list[PromotedOut] = Field(description="置顶推荐（仅第1页），显示在结果之前")
    results: list[HitOut]
    facets: FacetsOut = Field(description="各筛选项的结果数（仅列出有结果或已选择的值）")


@router.get(
    "/",
    response={200: SearchOut, **error_responses()},
    summary="站内搜索",
    description="在本网站（按请求的域名确定）、本站及下级网站或全部网站中检索新闻、通知公告、政策文件、公开信息和互动问答。"
    "中文按词检索（不必空格分词），支持同义词、拼音和拼音首字母；多个词须全部出现。"
    "参数错误时返回 400 与逐项中文说明；检索词为空或没有可检索的文字时返回空结果。",
)
def search_results(request, params: Query[SearchQuery]):
    profile = get_profile_for_request(request)
    values = {
        "q": [params.q],
        "scope": [params.scope or ""],
        "site": params.site,
        "type": params.type,
        "from": [params.date_from or ""],
        "to": [params.date_to or ""],
        "category": params.category,
        "subject": params.subject,
        "sort": [params.sort or ""],
        "page": [str(params.page or "")],
    }
    checked = parse_params(values, profile)
    if checked.errors:
        raise ApiBadRequest(checked.errors)
    page_size = params.page_size or PAGE_SIZE.default
    results = search(checked.q, per_page=page_size, log=checked.page == 1, **checked.search_kwargs())
    query = results.query
    facets = facet_options(results, checked)
    return SearchOut(
        query=query.text,
        truncated=query.truncated,
        scope=checked.scope,
        sort=checked.sort,
        total=results.total,
        page=results.page,
        pages=results.num_pages,
        page_size=page_size,
        fallback=results.degraded,
        notice=results.notice,
        suggestion=getattr(results, "suggestion", ""),
        promoted=[
            PromotedOut(title=p.title, url=p.url, description=p.description)
            for p in (promotions_for(query, profile, request, absolute=True) if results.page == 1 else [])
        ],
        results=[_hit_out(hit_view(hit, request, profile, absolute=True)) for hit in results.hits],
        facets=FacetsOut(
            **{
                name: [
                    FacetValueOut(value=o.value, label=o.label, count=o.count or 0, selected=o.selected)
                    for o in options
                    if o.count or o.selected
                ]
                for name, options in facets.items()
            }
        ),
    )


def _hit_out(hit) -> HitOut:
    return HitOut(
        title=hit.title,
        title_html=str(hit.title_html),
        snippet=str(hit.snippet),
        url=hit.url,
        site=SiteRef(slug=hit.site_slug, name=hit.site_name),
        type=hit.type,
        type_name=hit.type_label,
        date=hit.date,
        category=hit.category,
        category_name=hit.category_label,
        subject=hit.subject,
        index_number=hit.index_number,
        document_number=hit.document_number,
    )
