"""The search page's and the API's parameters, checked once for both.

Every value is checked against what exists (scopes, content types, the sites of the chosen scope, disclosure
categories, 主题分类, ISO dates, sorts). A bad one is reported field by field in Chinese: the page shows the
message and searches without that value, the API answers 400. Nothing unchecked reaches a backend; the query
text itself is never rejected (search.query turns anything into safe tokens or nothing).
"""

import datetime
from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext

from core.params import REPEATED_MESSAGE, ChoiceParam, IntParam, choices_of
from openinfo.catalogue import category_map, subjects
from sites.enums import PORTAL_KINDS
from sites.utils import group_profiles

from .enums import DocType, Scope, Sort
from .query import MAX_QUERY_CHARS

MAX_RAW_QUERY = 1000  # longer input is cut before any processing (the search itself uses MAX_QUERY_CHARS)
MAX_VALUES = 20  # repeated filter values (?type=…&type=…) beyond this are ignored
MAX_PAGE = 10_000  # the backends let a visitor page through the first 10,000 results at most
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

    def querydict(self) -> QueryDict:
        """The validated parameters as a query string (defaults left out): what the page builds its links from
        after a search, so that refused or unknown values are not carried along and one rendering serves every
        request with the same parameters (search/views.py)."""
        query = QueryDict(mutable=True)
        singles = {"q": self.q, "scope": "" if self.scope == Scope.SITE else self.scope}
        singles.update(
            {
                "from": self.date_from.isoformat() if self.date_from else "",
                "to": self.date_to.isoformat() if self.date_to else "",
                "sort": "" if self.sort == Sort.RELEVANCE else self.sort,
                "page": str(self.page) if self.page > 1 else "",
            }
        )
        many = {"site": [p.slug for p in self.sites], "type": self.types}
        many.update(category=self.categories, subject=self.subjects)
        for name in FIELDS:
            if singles.get(name):
                query[name] = singles[name]
            elif many.get(name):
                query.setlist(name, list(many[name]))
        return query

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
    errors[name] = gettext("日期格式应为“年-月-日”，如 2024-05-01")
    return None


def _choices(values, allowed, name, message, errors) -> list[str]:
    kept = []
    for value in values[:MAX_VALUES]:
        if value in allowed:
            kept.append(value)
        else:
            errors[name] = gettext("%(problem)s：%(value)s") % {"problem": gettext(message), "value": value[:20]}
    return list(dict.fromkeys(kept))


SCOPE = ChoiceParam("scope", "检索范围", choices_of(Scope))
SORT = ChoiceParam("sort", "排序方式", choices_of(Sort))
PAGE = IntParam("page", "页码", 1, MAX_PAGE, default=1)


def parse_params(values: dict, profile) -> SearchParams:
    """``values``: parameter name → list of raw strings (a QueryDict's lists). A page number beyond the last page
    shows the last page (the backend clamps it); one that is not a page number is an error."""
    errors: dict[str, str] = {}

    def first(name):
        found = values.get(name) or [""]
        if len(found) > 1:
            errors[name] = gettext(REPEATED_MESSAGE)
            return ""
        return str(found[0]).strip()

    def many(name):
        return [str(v).strip() for v in values.get(name) or [] if str(v).strip()]

    params = SearchParams(profile=profile, q=first("q")[:MAX_RAW_QUERY])
    params.scope = SCOPE.parse(values.get("scope"), errors) or Scope.SITE
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
            errors["site"] = gettext("未知的站点或不在当前检索范围内：%(slug)s") % {"slug": slug[:64]}
        elif candidates[slug] not in params.sites:
            params.sites.append(candidates[slug])

    params.types = _choices(many("type"), DocType.values, "type", "未知的内容类型", errors)
    params.categories = _choices(many("category"), category_map(), "category", "未知的信息类别", errors)
    params.subjects = _choices(many("subject"), set(subjects()), "subject", "未知的主题分类", errors)

    params.date_from = _date(first("from"), "from", errors)
    params.date_to = _date(first("to"), "to", errors)
    if params.date_from and params.date_to and params.date_from > params.date_to:
        errors["to"] = gettext("结束日期不能早于开始日期")
        params.date_from = params.date_to = None

    params.sort = SORT.parse(values.get("sort"), errors) or Sort.RELEVANCE
    params.page = PAGE.parse(values.get("page"), errors)
    params.errors = errors
    return params


def querydict_values(querydict) -> dict:
    return {name: querydict.getlist(name) for name in FIELDS}
