"""Load the demo group from ``data/*.toml`` into plain dataclasses (no database access here).

Unknown keys are errors, so a typo in a data file fails loudly instead of silently dropping a field.
"""

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from home.enums import MaterialForm, ServiceItemType, ServiceTarget
from sites.enums import SiteKind

DATA_DIR = Path(__file__).resolve().parent / "data"
GROUP_FILES = ("group_zhuzhou.toml", "group_changde.toml")  # order = provisioning order; first city is default


@dataclass(frozen=True)
class SiteEntry:
    """One site of the demo group, with every derived default already applied."""

    kind: str
    slug: str
    name: str
    group: str  # slug of the city whose group the site belongs to
    region: str  # 6-digit administrative-division code used for the identifiers
    serial: int  # position among the sites sharing ``region`` (portal = 1) → 网站标识码, 信用代码
    group_serial: int  # position in the city's group (city = 1) → ICP number
    short_name: str = ""
    parent: str | None = None
    parent_name: str = ""
    name_en: str = ""
    short_name_en: str = ""
    is_default: bool = False
    languages: tuple[str, ...] = ()
    sponsor: str = ""
    organizer: str = ""
    organizer_en: str = ""
    address: str = ""
    address_en: str = ""
    postcode: str = ""
    phone: str = ""
    email: str = ""
    theme_colour: str = ""
    intro: str = ""
    intro_en: str = ""
    about: tuple[str, ...] = ()
    about_en: tuple[str, ...] = ()
    functions: str = ""
    icp_base: int = 0
    sort_order: int = 0


@dataclass(frozen=True)
class CityGroup:
    slug: str
    name: str  # 株洲市人民政府
    city: str  # 株洲市
    city_short: str  # 株洲
    sites: tuple[SiteEntry, ...]

    @property
    def districts(self) -> tuple[SiteEntry, ...]:
        return tuple(s for s in self.sites if s.kind == SiteKind.DISTRICT)


@dataclass(frozen=True)
class ArticleText:
    column: str
    title: str
    paragraphs: tuple[str, ...]
    source: str = ""
    author: str = ""
    title_en: str = ""
    paragraphs_en: tuple[str, ...] = ()
    source_en: str = ""


@dataclass(frozen=True)
class Template:
    kinds: tuple[str, ...]
    group: str | None
    text: ArticleText


@dataclass(frozen=True)
class PageText:
    paragraphs: tuple[str, ...] = ()
    paragraphs_en: tuple[str, ...] = ()
    table: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class VillageWords:
    first: tuple[str, ...]
    second: tuple[str, ...]
    community_every: int
    ordinals: tuple[str, ...]
    articles: dict[str, tuple[ArticleText, ...]] = field(default_factory=dict)  # by city group


@dataclass(frozen=True)
class GuideText:
    """One 办事指南 of ``guides.toml``; texts may hold placeholders, filled per site."""

    slug: str
    title: str
    item_type: str
    implementing_body: str
    target: str
    promised_days: int
    sites: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    materials: tuple[tuple[str, int, str, str], ...] = ()  # (材料名称, 份数, 形式, 备注)
    no_materials: bool = False  # 无需提交材料, stated (a telephone service), never inferred from an empty list
    process: tuple[str, ...] = ()
    legal_days: int | None = None
    fee: str = ""
    location: str = ""
    hours: str = ""
    online_url: str = ""
    legal_basis: tuple[str, ...] = ()


def _read(name: str) -> dict:
    path = DATA_DIR / name
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ImproperlyConfigured(f"demo/home/data/{name}: {exc}") from exc


def _take(raw: dict, allowed: set[str], where: str) -> dict:
    unknown = set(raw) - allowed
    if unknown:
        raise ImproperlyConfigured(f"{where}: unknown keys {sorted(unknown)}")
    return raw


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


_SITE_KEYS = {
    "slug",
    "name",
    "short_name",
    "name_en",
    "short_name_en",
    "region",
    "is_default",
    "languages",
    "icp_base",
    "area_code",
    "theme_colour",
    "organizer",
    "organizer_en",
    "address",
    "address_en",
    "postcode",
    "intro",
    "intro_en",
    "about",
    "about_en",
    "functions",
    "sponsor",
}


def _address(city_short_name: str, short_name: str) -> str:
    # County-level cities (醴陵市, 津市市) are addressed directly under the province.
    return f"湖南省{short_name}" if short_name.endswith("市") else f"湖南省{city_short_name}{short_name}"


def _office_of(name: str) -> str:
    """承办单位 default: the organisation's general office (an 办公室 is its own office)."""
    return name if name.endswith("办公室") else f"{name}办公室"


def _load_group(filename: str) -> CityGroup:
    raw = _read(filename)
    _take(raw, {"city", "districts", "departments", "topics", "townships", "villages"}, filename)
    city = _take(raw["city"], _SITE_KEYS, f"{filename} [city]")
    region, icp_base, colour = city["region"], city["icp_base"], city["theme_colour"]
    phone = f"{city['area_code']}-12345"  # the 12345 government service hotline, not an invented number
    sites: list[SiteEntry] = []
    region_serials: dict[str, int] = {}

    def add(kind: str, item: dict, *, parent: dict | None, **defaults) -> None:
        where = f"{filename} [{kind}] {item.get('slug', '?')}"
        item = _take(item, _SITE_KEYS, where)
        if not {"slug", "name"} <= set(item):
            raise ImproperlyConfigured(f"{where}: slug and name are required")
        site_region = item.get("region", region)
        region_serials[site_region] = region_serials.get(site_region, 0) + 1
        values = {**defaults, **item}
        for key in ("region", "icp_base", "area_code", "theme_colour"):  # group-wide, applied below
            values.pop(key, None)
        for key in ("about", "about_en", "languages"):
            if key in values:
                values[key] = _tuple(values[key])
        sites.append(
            SiteEntry(
                kind=SiteKind(kind).value,
                group=city["slug"],
                region=site_region,
                serial=region_serials[site_region],
                group_serial=len(sites) + 1,
                parent=parent["slug"] if parent else None,
                parent_name=parent["name"] if parent else "",
                icp_base=icp_base,
                sort_order=len(sites),
                phone=phone,
                email=f"{item['slug']}@example.gov.cn",
                theme_colour=colour,
                **values,
            )
        )

    add(SiteKind.CITY, city, parent=None)
    for item in raw.get("districts", []):
        add(
            SiteKind.DISTRICT,
            item,
            parent=city,
            organizer=_office_of(item["name"]),
            address=_address(city["short_name"], item.get("short_name", "")),
        )
    for item in raw.get("departments", []):
        add(
            SiteKind.DEPARTMENT,
            item,
            parent=city,
            organizer=_office_of(item["name"]),
            address=city["address"],
            postcode=city["postcode"],
        )
    for item in raw.get("topics", []):
        add(SiteKind.TOPIC, item, parent=city, address=city["address"], postcode=city["postcode"])
    # 乡镇（街道） under a district and 村（社区） under a township, after the topics so that adding them leaves the
    # serials (ICP and 网站标识码) of the sites above unchanged. ``under`` names the parent site's slug.
    by_slug = {site["slug"]: site for site in raw.get("districts", [])}
    for key, kind in (("townships", SiteKind.TOWNSHIP), ("villages", SiteKind.VILLAGE)):
        for item in raw.get(key, []):
            item = dict(item)
            parent = by_slug.get(item.pop("under", None))
            if parent is None:
                raise ImproperlyConfigured(f"{filename} [{key}] {item.get('slug', '?')}: unknown parent site")
            item.setdefault("region", parent.get("region", region))
            item.setdefault("postcode", parent.get("postcode", city["postcode"]))
            parent_address = parent.get("address") or _address(city["short_name"], parent.get("short_name", ""))
            item.setdefault("address", parent_address + item.get("short_name", ""))
            by_slug[item["slug"]] = item
            # A 村（居）民委员会 is its own 承办单位; a township government has an 办公室 like every other organ.
            organizer = item["name"] if kind == SiteKind.VILLAGE else _office_of(item["name"])
            add(kind, item, parent=parent, organizer=organizer)
    return CityGroup(
        slug=city["slug"],
        name=city["name"],
        city=city["short_name"],
        city_short=city["short_name"].removesuffix("市"),
        sites=tuple(sites),
    )


@cache
def groups() -> tuple[CityGroup, ...]:
    loaded = tuple(_load_group(name) for name in GROUP_FILES)
    slugs = [s.slug for g in loaded for s in g.sites]
    duplicates = {s for s in slugs if slugs.count(s) > 1}
    if duplicates:
        raise ImproperlyConfigured(f"demo/home/data: duplicate site slugs {sorted(duplicates)}")
    return loaded


def all_sites() -> tuple[SiteEntry, ...]:
    return tuple(site for group in groups() for site in group.sites)


def group_of(slug: str) -> CityGroup:
    return next(g for g in groups() if g.slug == slug)


_ARTICLE_KEYS = {"column", "title", "paragraphs", "source", "author", "title_en", "paragraphs_en", "source_en"}


def _article(raw: dict, where: str, extra: set[str]) -> ArticleText:
    raw = _take(raw, _ARTICLE_KEYS | extra, where)
    if not {"column", "title", "paragraphs"} <= set(raw):
        raise ImproperlyConfigured(f"{where}: column, title and paragraphs are required")
    values = {k: v for k, v in raw.items() if k in _ARTICLE_KEYS}
    values["paragraphs"] = _tuple(values["paragraphs"])
    values["paragraphs_en"] = _tuple(values.get("paragraphs_en"))
    return ArticleText(**values)


@cache
def site_articles() -> dict[str, tuple[ArticleText, ...]]:
    """Hand-written articles by site slug, from every ``articles_*.toml``."""
    known = {s.slug for s in all_sites()}
    found: dict[str, list[ArticleText]] = {}
    for path in sorted(DATA_DIR.glob("articles_*.toml")):
        for i, raw in enumerate(_read(path.name).get("articles", [])):
            where = f"{path.name} article {i + 1}"
            slug = raw.get("site")
            if slug not in known:
                raise ImproperlyConfigured(f"{where}: unknown site {slug!r}")
            found.setdefault(slug, []).append(_article(raw, where, {"site"}))
    return {slug: tuple(items) for slug, items in found.items()}


@cache
def _template_file() -> dict:
    return _read("templates.toml")


@cache
def templates() -> tuple[Template, ...]:
    result = []
    for i, raw in enumerate(_template_file().get("templates", [])):
        where = f"templates.toml template {i + 1}"
        kinds = _tuple(raw.get("kinds"))
        if not kinds or not set(kinds) <= set(SiteKind.values):
            raise ImproperlyConfigured(f"{where}: kinds must list site kinds")
        result.append(Template(kinds=kinds, group=raw.get("group"), text=_article(raw, where, {"kinds", "group"})))
    return tuple(result)


def quota() -> dict[str, int]:
    """Articles per site: portals get all their hand-written ones (at least ``portal_min``), others a random
    number between ``other_min`` and ``other_max``."""
    return {"portal_min": 20, "other_min": 5, "other_max": 7, **_template_file().get("quota", {})}


@cache
def page_texts() -> dict[tuple[str, str], PageText]:
    """Standard page bodies keyed by (page slug, site kind)."""
    result = {}
    for slug, by_kind in _read("pages.toml").get("pages", {}).items():
        for kind, raw in by_kind.items():
            raw = _take(raw, {"paragraphs", "paragraphs_en", "table"}, f"pages.toml {slug}.{kind}")
            result[(slug, kind)] = PageText(
                paragraphs=_tuple(raw.get("paragraphs")),
                paragraphs_en=_tuple(raw.get("paragraphs_en")),
                table=tuple(tuple(row) for row in raw.get("table", ())),
            )
    return result


@cache
def village_words() -> VillageWords:
    raw = _read("villages.toml")
    _take(raw, {"first", "second", "community_every", "ordinals", "articles"}, "villages.toml")
    articles: dict[str, list[ArticleText]] = {}
    for i, item in enumerate(raw.get("articles", [])):
        articles.setdefault(item.get("group", ""), []).append(
            _article(item, f"villages.toml article {i + 1}", {"group"})
        )
    return VillageWords(
        first=tuple(raw["first"]),
        second=tuple(raw["second"]),
        community_every=int(raw["community_every"]),
        ordinals=tuple(raw["ordinals"]),
        articles={k: tuple(v) for k, v in articles.items()},
    )


_GUIDE_KEYS = set(GuideText.__dataclass_fields__)
_GUIDE_LINES = ("sites", "kinds", "conditions", "process", "legal_basis")


def _guide(raw: dict, where: str, hours: str, known_sites: set[str]) -> GuideText:
    raw = dict(_take(raw, _GUIDE_KEYS, where))
    missing = {"slug", "title", "item_type", "implementing_body", "target", "promised_days"} - set(raw)
    if missing:
        raise ImproperlyConfigured(f"{where}: missing {sorted(missing)}")
    if bool(raw.get("sites")) == bool(raw.get("kinds")):
        raise ImproperlyConfigured(f"{where}: give either sites or kinds")
    for key in _GUIDE_LINES:
        raw[key] = _tuple(raw.get(key))
    if not set(raw["sites"]) <= known_sites or not set(raw["kinds"]) <= set(SiteKind.values):
        raise ImproperlyConfigured(f"{where}: unknown site or kind")
    if raw["item_type"] not in ServiceItemType.values or raw["target"] not in ServiceTarget.values:
        raise ImproperlyConfigured(f"{where}: item_type/target must be a value of home.enums")
    materials = []
    for item in raw.get("materials", []):
        item = _take(item, {"name", "copies", "form", "note"}, f"{where} materials")
        if item.get("form") not in MaterialForm.values:
            raise ImproperlyConfigured(f"{where}: material form must be one of {MaterialForm.values}")
        materials.append((item["name"], int(item.get("copies", 1)), item["form"], item.get("note", "")))
    raw["materials"] = tuple(materials)
    if raw.get("no_materials") and materials:
        raise ImproperlyConfigured(f"{where}: no_materials with materials listed")
    raw.setdefault("hours", hours)
    return GuideText(**raw)


@cache
def guides() -> tuple[GuideText, ...]:
    raw = _read("guides.toml")
    _take(raw, {"hours", "guides"}, "guides.toml")
    known = {s.slug for s in all_sites()}
    loaded = tuple(
        _guide(item, f"guides.toml guide {i + 1}", raw.get("hours", ""), known)
        for i, item in enumerate(raw.get("guides", []))
    )
    slugs = [g.slug for g in loaded]
    if len(set(slugs)) != len(slugs):
        raise ImproperlyConfigured("guides.toml: duplicate guide slugs")
    return loaded


def guides_for(entry: SiteEntry) -> tuple[GuideText, ...]:
    """The guides of one site: those naming it, then those of its kind, in file order."""
    return tuple(g for g in guides() if entry.slug in g.sites or entry.kind in g.kinds)
