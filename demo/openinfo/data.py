"""Load the demo disclosure documents from ``data/*.toml`` into plain dataclasses (no database access here).

Everything is checked when loaded — unknown keys, categories, 主题分类, 体裁, 有效性, placeholders, date windows —
so a typo in a data file fails the seed loudly instead of producing a document that cannot be published.
"""

import datetime
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from openinfo.catalogue import category_map, subjects
from openinfo.enums import DocumentGenre, Validity
from openinfo.validators import DOCUMENT_NUMBER_RE

DATA_DIR = Path(__file__).resolve().parent / "data"
SEED_FILE = "seed_documents.toml"
DOCUMENT_FILES = "documents_*.toml"

# Placeholders of titles, paragraphs and 文号 prefixes (values come from planning.context_for).
PLACEHOLDERS = ("org", "short", "city", "city_short", "year", "prev_year", "abbr")
_PROBE = dict.fromkeys(PLACEHOLDERS, "株") | {"year": "2026", "prev_year": "2025"}


@dataclass(frozen=True)
class Interpretation:
    """The 政策解读 published with a policy document (same column, 体裁 政策解读, ``interprets`` = the policy)."""

    title: str
    paragraphs: tuple[str, ...]
    keywords: str = ""
    description: str = ""


@dataclass(frozen=True)
class DocumentText:
    category: str
    title: str
    paragraphs: tuple[str, ...]
    subject: str = "综合政务"
    genre: str = DocumentGenre.OTHER_DOCUMENT.value
    to: str = ""  # 主送机关, shown as the first line of the body
    number: str = ""  # 发文字号 prefix such as "株政办发" or "{abbr}发"; a complete 文号 when the dates are fixed
    keywords: str = ""
    description: str = ""
    co_publishers: str = ""
    id: str = ""  # only needed as the target of replaced_by
    window: str = "recent"
    months: tuple[int, int] | None = None  # 发布日期 falls in these months (budgets in spring, 决算 in summer …)
    late: bool = False
    validity: str = Validity.VALID.value
    valid_days: int = 0  # expired documents: 有效期 in days from 施行日期
    replaced_by: str = ""  # repealed documents: id of the document that repealed it (its 施行日期 ends this one)
    effective_after_days: int = 0  # 规章/规范性文件: 施行日期 this many days after publication
    written_on: datetime.date | None = None  # fixed dates (the seed documents) instead of a window
    published_on: datetime.date | None = None
    interpretation: Interpretation | None = None

    @property
    def has_fixed_dates(self) -> bool:
        return self.published_on is not None


@dataclass(frozen=True)
class Template:
    kinds: tuple[str, ...]
    group: str | None  # slug of the city whose group the template is for; None = every group
    core: bool  # core templates are chosen before the optional ones (what every such organ publishes)
    text: DocumentText


@dataclass(frozen=True)
class Plan:
    quota: dict[str, tuple[int, int]]
    windows: dict[str, tuple[int, int]]
    window_bias: dict[str, float]
    late_share: float
    on_time_working_days: tuple[int, ...]
    late_working_days: tuple[int, int]
    blank: dict[str, dict[str, float]]  # kind → {category: probability}
    stale: dict[str, dict[str, float]]
    issuers: dict[str, str]  # site slug → 发文机关代字


_TEXT_KEYS = set(DocumentText.__dataclass_fields__)
_INTERPRETATION_KEYS = set(Interpretation.__dataclass_fields__)


def _read(name: str) -> dict:
    try:
        return tomllib.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ImproperlyConfigured(f"demo/openinfo/data/{name}: {exc}") from exc


def _fail(where: str, message: str):
    raise ImproperlyConfigured(f"demo/openinfo/data {where}: {message}")


def _take(raw: dict, allowed: set[str], where: str) -> dict:
    unknown = set(raw) - allowed
    if unknown:
        _fail(where, f"unknown keys {sorted(unknown)}")
    return raw


def _check_placeholders(text: str, where: str) -> None:
    try:
        text.format_map(_PROBE)
    except (KeyError, ValueError, IndexError) as exc:
        _fail(where, f"bad placeholder {exc} in {text[:40]!r} (allowed: {', '.join(PLACEHOLDERS)})")


def _pair(value, where: str, key: str) -> tuple[int, int]:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
        _fail(where, f"{key} must be [low, high]")
    low, high = value
    if low > high:
        _fail(where, f"{key}: {low} > {high}")
    return low, high


def _interpretation(raw: dict, where: str) -> Interpretation:
    raw = _take(raw, _INTERPRETATION_KEYS, where)
    if not {"title", "paragraphs"} <= set(raw):
        _fail(where, "title and paragraphs are required")
    values = {**raw, "paragraphs": tuple(raw["paragraphs"])}
    for text in (values["title"], *values["paragraphs"]):
        _check_placeholders(text, where)
    return Interpretation(**values)


def _document(raw: dict, where: str, windows: dict[str, tuple[int, int]]) -> DocumentText:
    raw = _take(raw, _TEXT_KEYS, where)
    if not {"category", "title", "paragraphs"} <= set(raw):
        _fail(where, "category, title and paragraphs are required")
    values = dict(raw)
    values["paragraphs"] = tuple(raw["paragraphs"])
    if "months" in raw:
        values["months"] = _pair(raw["months"], where, "months")
        if not 1 <= values["months"][0] <= values["months"][1] <= 12:
            _fail(where, "months must lie in 1…12")
    if "interpretation" in raw:
        values["interpretation"] = _interpretation(raw["interpretation"], f"{where} interpretation")
    doc = DocumentText(**values)
    if doc.category not in category_map():
        _fail(where, f"unknown category {doc.category!r}")
    if doc.subject not in subjects():
        _fail(where, f"unknown subject {doc.subject!r}")
    if doc.genre not in DocumentGenre.values or doc.genre == DocumentGenre.INTERPRETATION:
        _fail(where, f"genre must be one of {DocumentGenre.values} (interpretations go in [interpretation])")
    if doc.validity not in Validity.values:
        _fail(where, f"unknown validity {doc.validity!r}")
    if doc.validity == Validity.EXPIRED and doc.valid_days <= 0:
        _fail(where, "an expired document needs valid_days (its 有效期)")
    if doc.validity == Validity.REPEALED and not (doc.replaced_by or doc.valid_days):
        _fail(where, "a repealed document needs replaced_by (or valid_days)")
    if doc.window not in windows:
        _fail(where, f"unknown window {doc.window!r}")
    if (doc.written_on is None) != (doc.published_on is None):
        _fail(where, "written_on and published_on go together")
    if doc.has_fixed_dates:
        if doc.written_on > doc.published_on:
            _fail(where, "written_on is after published_on")
        if doc.number and not DOCUMENT_NUMBER_RE.match(doc.number):
            _fail(where, f"文号 {doc.number!r} is not in the standard form")
    elif doc.number and "〔" in doc.number:
        _fail(where, "give only the 文号 prefix (e.g. 株政办发); year and serial are drawn per site")
    for text in (doc.title, doc.to, *doc.paragraphs, doc.number, doc.description, doc.keywords):
        _check_placeholders(text, where)
    probe_number = doc.number.format_map(_PROBE) + "〔2026〕1号"
    if doc.number and not doc.has_fixed_dates and not DOCUMENT_NUMBER_RE.match(probe_number):
        _fail(where, f"文号 prefix {doc.number!r} must be Chinese characters only")
    return doc


@cache
def plan() -> Plan:
    raw = _take(_read("plan.toml"), {"quota", "windows", "window_bias", "timeliness", "gaps", "issuers"}, "plan.toml")
    timeliness = _take(raw["timeliness"], {"late_share", "on_time_working_days", "late_working_days"}, "timeliness")
    gaps: dict[str, dict[str, dict[str, float]]] = {"blank": {}, "stale": {}}
    for kind, by_gap in raw.get("gaps", {}).items():
        for gap, categories in _take(by_gap, set(gaps), f"plan.toml gaps.{kind}").items():
            unknown = set(categories) - set(category_map())
            if unknown:
                _fail(f"plan.toml gaps.{kind}.{gap}", f"unknown categories {sorted(unknown)}")
            gaps[gap][kind] = {code: float(p) for code, p in categories.items()}
    return Plan(
        quota={kind: _pair(v, "plan.toml", f"quota.{kind}") for kind, v in raw["quota"].items()},
        windows={name: _pair(v, "plan.toml", f"windows.{name}") for name, v in raw["windows"].items()},
        window_bias={name: float(v) for name, v in raw.get("window_bias", {}).items()},
        late_share=float(timeliness["late_share"]),
        on_time_working_days=tuple(timeliness["on_time_working_days"]),
        late_working_days=_pair(timeliness["late_working_days"], "plan.toml", "late_working_days"),
        blank=gaps["blank"],
        stale=gaps["stale"],
        issuers=dict(raw.get("issuers", {})),
    )


@cache
def site_documents() -> dict[str, tuple[DocumentText, ...]]:
    """Each site's own documents by slug: its seed document (if any) first, then ``documents_*.toml``."""
    windows = plan().windows
    found: dict[str, list[DocumentText]] = {}
    files = [SEED_FILE, *(p.name for p in sorted(DATA_DIR.glob(DOCUMENT_FILES)))]
    for name in files:
        for i, raw in enumerate(_read(name).get("documents", [])):
            where = f"{name} document {i + 1}"
            slug = raw.pop("site", None) if isinstance(raw, dict) else None
            if not slug:
                _fail(where, "site is required")
            found.setdefault(slug, []).append(_document(raw, where, windows))
    for slug, docs in found.items():
        ids = [d.id for d in docs if d.id]
        if len(ids) != len(set(ids)):
            _fail(slug, "duplicate document ids")
        for doc in docs:
            if doc.replaced_by and doc.replaced_by not in ids:
                _fail(slug, f"replaced_by {doc.replaced_by!r} is not a document of the same site")
    return {slug: tuple(docs) for slug, docs in found.items()}


@cache
def templates() -> tuple[Template, ...]:
    """Documents any site of the listed kinds can publish (placeholders filled per site)."""
    windows = plan().windows
    result = []
    for i, raw in enumerate(_read("templates.toml").get("templates", [])):
        where = f"templates.toml template {i + 1}"
        raw = dict(raw)
        kinds = tuple(raw.pop("kinds", ()))
        group = raw.pop("group", None)
        core = bool(raw.pop("core", False))
        text = _document(raw, where, windows)
        if not kinds:
            _fail(where, "kinds is required")
        wrong = [k for k in kinds if k not in category_map()[text.category].kinds]
        if wrong:
            _fail(where, f"category {text.category} is not published by kinds {wrong}")
        if text.has_fixed_dates or text.replaced_by or text.id:
            _fail(where, "templates take no fixed dates, id or replaced_by")
        result.append(Template(kinds=kinds, group=group, core=core, text=text))
    return tuple(result)
