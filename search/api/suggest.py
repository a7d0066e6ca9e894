"""GET /api/v1/search/suggest/ (suggestions as you type) and GET /api/v1/search/hot/ (热门搜索).

Both are read-only and anonymous; they read the cached vocabulary and the query log (search/suggest.py,
search/hot.py). Parameters are taken as strings and checked here, so a bad one gets a field-level Chinese
message (400), never a 500.
"""

from ninja import Field, Query, Schema

from core.api import ApiBadRequest, error_responses
from core.params import IntParam
from sites.models import SiteProfile

from ..hot import HOT_DAYS, MAX_HOT_DAYS, MAX_HOT_TERMS, hot_terms
from ..suggest import MAX_PREFIX_CHARS, MAX_SUGGESTIONS, complete
from . import router


class SuggestionOut(Schema):
    text: str = Field(description="建议的检索词或标题")
    kind: str = Field(description="来源：term 为词条（搜索词典、同义词、标题常用词、热门检索），title 为近期文章标题")
    pinyin: str = Field(description="词条的全拼（不带声调）；标题和非汉字词条为空")


class SuggestOut(Schema):
    q: str = Field(description="所查前缀（已去除首尾空白）")
    site: str | None = Field(description="所查站点标识；省略时为全部站点")
    items: list[SuggestionOut] = Field(description=f"至多{MAX_SUGGESTIONS}条，按匹配程度和热度排序")


class HotTermOut(Schema):
    query: str = Field(description="检索词")
    count: int = Field(description="统计期内有结果的检索次数")
    url: str = Field(description="该词的站内搜索页地址")


class HotOut(Schema):
    site: str | None = Field(description="所查站点标识；省略时为全部站点")
    days: int = Field(description="统计最近多少天")
    items: list[HotTermOut]


def _site(site: str | None, errors: dict) -> SiteProfile | None:
    slug = (site or "").strip()
    if not slug:
        return None
    profile = SiteProfile.objects.filter(slug=slug).select_related("parent__parent__parent").first()
    if profile is None:
        errors["site"] = "未知的站点"
    return profile


DAYS = IntParam("days", "统计天数", 1, MAX_HOT_DAYS, default=HOT_DAYS)
LIMIT = IntParam("limit", "条数", 1, MAX_HOT_TERMS, default=10)
SITE = Query(None, max_length=64, description="站点标识；省略为全部站点")


@router.get(
    "/suggest/",
    response={200: SuggestOut, **error_responses()},
    summary="检索词联想（输入提示）",
    description=f"输入框联想：以 q 开头的词条（汉字、全拼或拼音首字母，如 “政务”、“dianzizh”、“dzz”），"
    f"其后为包含 q 的近期文章标题。词条来自搜索词典、同义词、标题常用词和有结果的热门检索。site 为站点标识，"
    f"标题取该站所在站群；省略为全部站点。最多返回{MAX_SUGGESTIONS}条。q 为空或超过{MAX_PREFIX_CHARS}个字、"
    f"site 未知时返回 400 与逐项中文说明。",
)
def search_suggest(
    request, q: str = Query(..., min_length=1, max_length=200, description="检索词前缀"), site: str | None = SITE
):
    errors: dict[str, str] = {}
    text = " ".join((q or "").split())
    if not text:
        errors["q"] = "请输入检索词"
    elif len(text) > MAX_PREFIX_CHARS:
        errors["q"] = f"检索词不能超过{MAX_PREFIX_CHARS}个字"
    profile = _site(site, errors)
    if errors:
        raise ApiBadRequest(errors)
    items = complete(text, profile, limit=MAX_SUGGESTIONS)
    return SuggestOut(
        q=text,
        site=profile.slug if profile else None,
        items=[SuggestionOut(text=s.text, kind=s.kind, pinyin=s.pinyin) for s in items],
    )


@router.get(
    "/hot/",
    response={200: HotOut, **error_responses()},
    summary="热门搜索词",
    description=f"最近 days 天（默认{HOT_DAYS}，至多{MAX_HOT_DAYS}）检索次数最多的词，至多 limit 个（默认10，至多"
    f"{MAX_HOT_TERMS}）。只含有结果、达到最低检索次数、不含个人信息样式（电话、证件号、邮箱）和敏感词的检索。"
    "给出 site 时统计该站点所在网站群（顶级门户及其全部下级网站）的检索，否则统计全平台。"
    "参数错误时返回 400 与逐项中文说明。",
)
def search_hot(
    request,
    site: str | None = SITE,
    days: DAYS.annotation(f"统计最近多少天，1–{MAX_HOT_DAYS}，默认{HOT_DAYS}") = None,
    limit: LIMIT.annotation(f"至多多少个，1–{MAX_HOT_TERMS}，默认10") = None,
):
    errors: dict[str, str] = {}
    profile = _site(site, errors)
    window, count = days or DAYS.default, limit or LIMIT.default
    if errors:
        raise ApiBadRequest(errors)
    terms = hot_terms(profile, days=window, limit=count)
    return HotOut(
        site=profile.slug if profile else None,
        days=window,
        items=[HotTermOut(query=t.query, count=t.count, url=t.url) for t in terms],
    )
