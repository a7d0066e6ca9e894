"""Search results as the page and the API show them: links, labels and facet options with their counts.

Titles and snippets come highlighted and escaped from search.highlight (only <mark> is markup); every other
value here is plain text for the template or JSON to escape.
"""

import datetime
from dataclasses import dataclass

from openinfo.catalogue import category_map, subject_options
from sites.enums import SiteKind

from .enums import DocType


@dataclass
class HitView:
    title: str
    title_html: str  # escaped, with <mark>
    snippet: str  # escaped, with <mark>
    url: str
    site_slug: str
    site_name: str
    other_site: bool
    type: str
    type_label: str
    date: datetime.date | None
    category: str
    category_label: str
    subject: str
    index_number: str
    document_number: str


def hit_url(hit, profile=None, absolute=False) -> str:
    """The hit's address: its path on the current site, or the full URL on another site (or when asked)."""
    if profile is not None and hit.site_id == profile.pk and not absolute:
        return hit.path
    return hit.site.site.root_url.rstrip("/") + hit.path


def hit_view(hit, request=None, profile=None, *, absolute=False) -> HitView:
    category = category_map().get(hit.category)
    return HitView(
        title=hit.title,
        title_html=getattr(hit, "title_html", ""),
        snippet=getattr(hit, "snippet", ""),
        url=hit_url(hit, profile, absolute),
        site_slug=hit.site.slug,
        site_name=hit.site.org_name,
        other_site=profile is not None and hit.site_id != profile.pk,
        type=hit.doc_type,
        type_label=str(DocType(hit.doc_type).label) if hit.doc_type in DocType.values else hit.doc_type,
        date=hit.date,
        category=hit.category,
        category_label=category.label if category else "",
        subject=hit.subject,
        index_number=hit.index_number,
        document_number=hit.document_number,
    )


@dataclass
class Option:
    value: str
    label: str
    count: int | None  # None: no search yet
    selected: bool
    url: str = ""  # the page with this value chosen (or, when chosen, removed)


def with_params(querydict, **changes) -> str:
    """``?…`` of the current query with ``changes`` applied (None removes a parameter) and the page reset."""
    query = querydict.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return "?" + query.urlencode()


def link_options(options: list[Option], name: str, querydict) -> list[Option]:
    """The options worth a link (they have results, or are chosen), each with its URL."""
    shown = [o for o in options if o.count or o.selected]
    for o in shown:
        o.url = with_params(querydict, **{name: None if o.selected else o.value})
    return shown


def _options(pairs, counts: dict | None, chosen) -> list[Option]:
    def count(key):
        return counts.get(key, 0) if counts is not None else None

    return [
        Option(value=value, label=str(label), count=count(key), selected=value in chosen) for key, value, label in pairs
    ]


def facet_options(results, params) -> dict[str, list[Option]]:
    """Every filter's choices with the number of results each would give (facet counts ignore the facet filters,
    so the other choices keep their counts)."""
    facets = results.facets if results is not None else None

    def counts(name):
        return dict(facets.get(name, [])) if facets is not None else None

    type_counts = counts("doc_type")
    types = [(value, value, label) for value, label in DocType.choices]
    sites = [(p.pk, p.slug, p.org_name) for p in params.scope_profiles] if len(params.scope_profiles) > 1 else []
    return {
        "type": _options(types, type_counts, params.types),
        "site": _options(sites, counts("site"), [p.slug for p in params.sites]),
        "category": _options(
            [(c.code, c.code, c.label) for c in category_map().values()], counts("category"), params.categories
        ),
        "subject": _options([(s, s, label) for s, label in subject_options()], counts("subject"), params.subjects),
    }


@dataclass
class SiteNode:
    """One site of the 网站 facet, with the sites below it that have results (or are chosen)."""

    option: Option
    children: list["SiteNode"]
    total: int  # results of this site and every site below it
    open: bool  # show the sites below without a click: the top level, or a chosen site is down there

    @property
    def below_total(self) -> int:
        return self.total - (self.option.count or 0)


def site_tree(options: list[Option], profiles, querydict) -> list[SiteNode]:
    """The 网站 facet as the group's tree rather than every site with hits in one flat list (at 2,000 sites a
    group-wide search lists hundreds of villages): each site's own count, and the sites below it behind a
    ``<details>`` with their total. ``profiles``: the scope's sites (``params.scope_profiles``), any order."""
    by_slug = {o.value: o for o in options}
    if not by_slug:  # one site in scope: no facet
        return []
    in_scope = {p.pk for p in profiles}
    kinds = list(SiteKind.values)
    children: dict[int | None, list] = {}
    for profile in sorted(profiles, key=lambda p: (kinds.index(p.kind), p.sort_order, p.pk)):
        children.setdefault(profile.parent_id if profile.parent_id in in_scope else None, []).append(profile)

    def build(profile, depth: int) -> SiteNode | None:
        below = [n for n in (build(c, depth + 1) for c in children.get(profile.pk, [])) if n is not None]
        option = by_slug[profile.slug]
        total = (option.count or 0) + sum(n.total for n in below)
        chosen_below = any(n.open or n.option.selected for n in below)
        if not total and not option.selected and not chosen_below:
            return None
        if option.count or option.selected:
            option.url = with_params(querydict, site=None if option.selected else option.value)
        return SiteNode(option, below, total, open=depth == 0 or chosen_below)

    return [n for n in (build(root, 0) for root in children.get(None, [])) if n is not None]


def site_select_groups(options: list[Option], params) -> list[tuple[str, list[Option]]]:
    """The search form's 网站 ``<select>`` two levels at a time, as the group catalogue's
    (``sites.utils.site_choice_groups``): the scope's top site and the sites directly below it, then those below
    the chosen site. After a search, only sites with results (or the chosen one)."""
    from sites.utils import site_choice_groups

    by_slug = {o.value: o for o in options}
    if not by_slug:
        return []
    profiles = params.scope_profiles
    chosen = params.sites[0].slug if params.sites else ""
    groups = []
    for label, members in site_choice_groups(profiles, profiles[0], chosen):
        shown = [by_slug[p.slug] for p in members if p.slug in by_slug]
        shown = [o for o in shown if o.count is None or o.count or o.selected]
        if shown:
            groups.append((label, shown))
    return groups
