"""The search page's and the API's parameters, checked once for both.

Every value is checked against what exists (scopes, content types, the sites of the chosen scope, disclosure
categories, 主题分类, ISO dates, sorts). A bad one is reported field by field in Chinese: the page shows the
message and searches without that value, the API answers 400. Nothing unchecked reaches a backend; the query
text itself is never rejected (search.query turns anything into safe tokens or nothing).
"""

import datetime
from dataclasses import dataclass, field

from openinfo.catalogue import category_map, subjects
from sites.enums import PORTAL_KINDS
from sites.utils import group_profiles

from .enums import DocType, Scope, Sort
from .query import MAX_QUERY_CHARS

MAX_RAW_QUERY = 1000  # longer input is cut before any processing (the search itself uses MAX_QUERY_CHARS)
MAX_VALUES = 20  # repeated filter values (?type=…&type=…) beyond this are ignored
MAX_PAGE = 1_000_000
FIELDS = ("q", "scope", "site", "type", "from", "to", "category", "subject", "sort", "page")


@dataclass
class SearchParams:
    profile: object  # the SiteProfile searched from (None: the whole installation)
    q: str = ""
    scope: str = Scope.SITE
    sites: list = field(default_factory=list)  # SiteProfiles chosen in the site filter
    types: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    sort: str = Sort.RELEVANCE
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)
    scope_profiles: list = field(default_factory=list)  # every site the chosen scope covers

    @property
    def too_long(self) -> bool:
        return len(" ".join(self.q.split())) > MAX_QUERY_CHARS

    @property
    def has_filters(self) -> bool:
        return bool(self.sites or self.types or self.categories or self.subjects or self.date_from or self.date_to)

    def search_kwargs(self) -> dict:
        """Keyword arguments for search.services.search."""
        return {
            "site": self.profile,
            "scope": self.scope,
            "sites": [p.pk for p in self.sites],
            "types": self.types,
            "categories": self.categories,
            "subjects": self.subjects,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "sort": self.sort,
            "page": self.page,
        }


def offered_scopes(profile) -> list[tuple[str, str]]:
    """The scopes the page offers on ``profile``: this site; this site and its children (when it has any);
    the whole group on portals. On a top-level portal the group is the site and its children, so it is
    offered once, as the group."""
    if profile is None:
        return [(Scope.GROUP, Scope.GROUP.label)]
    scopes = [(Scope.SITE, Scope.SITE.label)]
    is_portal = profile.kind in PORTAL_KINDS
    has_children = profile.children.exists()
    if has_children and not (is_portal and profile.parent_id is None):
        scopes.append((Scope.CHILDREN, Scope.CHILDREN.label))
    if is_portal:
        scopes.append((Scope.GROUP, Scope.GROUP.label))
    return scopes


def scope_profiles(profile, scope: str) -> list:
    """The sites a scope covers, the searching site first."""
    if profile is None:
        return []
    if scope == Scope.SITE:
        return [profile]
    if scope == Scope.CHILDREN:
        return group_profiles(profile)
    chain = profile.ancestors()
    return group_profiles(chain[-1] if chain else profile)


def _date(raw: str, name: str, errors: dict) -> datetime.date | None:
    if not raw:
        return None
    try:
        return datetime.date.fromisoformat(raw) if raw.isascii() and len(raw) == 10 else _bad(name, errors)
    except ValueError:
        return _bad(name, errors)


def _bad(name, errors):
    errors[name] = "日期格式应为“年-月-日”，如 2024-05-01"
    return None


def _choices(values, allowed, name, message, errors) -> list[str]:
    kept = []
    for value in values[:MAX_VALUES]:
        if value in allowed:
            kept.append(value)
        else:
            errors[name] = f"{message}：{value[:20]}"
    return list(dict.fromkeys(kept))


def parse_params(values: dict, profile, *, strict_page: bool = False) -> SearchParams:
    """``values``: parameter name → list of raw strings (a QueryDict's lists). ``strict_page``: a page number
    that is not a positive integer is an error (the API) rather than the first page (the page, forgiving like
    core.pagination)."""

    def first(name):
        found = values.get(name) or [""]
        return str(found[0]).strip()

    def many(name):
        return [str(v).strip() for v in values.get(name) or [] if str(v).strip()]

    errors: dict[str, str] = {}
    params = SearchParams(profile=profile, q=first("q")[:MAX_RAW_QUERY])

    scope = first("scope")
    if scope in Scope.values:
        params.scope = scope
    elif scope:
        errors["scope"] = "未知的检索范围"
    if profile is None:
        params.scope = Scope.GROUP
    params.scope_profiles = scope_profiles(profile, params.scope)

    wanted = many("site")[:MAX_VALUES]
    if profile is None:  # no current site: every site is in scope
        from sites.models import SiteProfile

        candidates = {p.slug: p for p in SiteProfile.objects.filter(slug__in=wanted)}
    else:
        candidates = {p.slug: p for p in params.scope_profiles}
    for slug in wanted:
        if slug not in candidates:
            errors["site"] = f"未知的站点或不在当前检索范围内：{slug[:64]}"
        elif candidates[slug] not in params.sites:
            params.sites.append(candidates[slug])

    params.types = _choices(many("type"), DocType.values, "type", "未知的内容类型", errors)
    params.categories = _choices(many("category"), category_map(), "category", "未知的信息类别", errors)
    params.subjects = _choices(many("subject"), set(subjects()), "subject", "未知的主题分类", errors)

    params.date_from = _date(first("from"), "from", errors)
    params.date_to = _date(first("to"), "to", errors)
    if params.date_from and params.date_to and params.date_from > params.date_to:
        errors["to"] = "结束日期不能早于开始日期"
        params.date_from = params.date_to = None

    sort = first("sort")
    if sort in Sort.values:
        params.sort = sort
    elif sort:
        errors["sort"] = "未知的排序方式，可选 relevance（相关度）或 date（时间）"

    raw_page = first("page")
    if raw_page.isascii() and raw_page.isdigit() and 1 <= int(raw_page) <= MAX_PAGE:
        params.page = int(raw_page)
    elif raw_page.isascii() and raw_page.isdigit() and int(raw_page) > MAX_PAGE:
        params.page = MAX_PAGE  # the backend clamps it to the last page
    elif raw_page and strict_page:
        errors["page"] = "页码应为正整数"
    params.errors = errors
    return params


def querydict_values(querydict) -> dict:
    return {name: querydict.getlist(name) for name in FIELDS}
