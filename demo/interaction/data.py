"""Load the demo messages from ``data/*.toml`` into plain dataclasses (no database access here).

Everything is checked when loaded — unknown keys, types, site kinds, placeholders, a reply or a rejection reason
for every message — so a typo in a data file fails the seed loudly instead of producing a broken message.
"""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from interaction.enums import QuestionType
from sites.enums import SiteKind

DATA_DIR = Path(__file__).resolve().parent / "data"
QUESTION_FILES = ("portal.toml", "units.toml")
PLACES_FILE = "places.toml"
DEFAULT_PLACES = "default"  # the places of a group that places.toml does not list

PLACEHOLDERS = ("city", "city_short", "site", "org", "place", "road", "answerer")
_PROBE = dict.fromkeys(PLACEHOLDERS, "株洲")
TITLE_MAX = 60  # Question.title allows 100; a placeholder value adds at most ~12 characters


@dataclass(frozen=True)
class QuestionText:
    type: str
    title: str
    content: str
    answer: str = ""
    answerer: str = ""  # who replies when no department site handles it (district portals, and city portals …)
    city_answerer: str = ""  # … unless the city-level body is named differently (经济和信息化委员会 vs 局)
    unit: str = ""  # slug suffix of the department that handles it
    group: str | None = None  # slug of the only city group that gets it
    kinds: tuple[str, ...] = ()  # site kinds whose mailboxes receive it
    reject: str = ""  # 不予受理 reason: the message is refused instead of answered

    @property
    def is_rejectable(self) -> bool:
        return bool(self.reject)


@dataclass(frozen=True)
class Places:
    places: tuple[str, ...]
    roads: tuple[str, ...]


_KEYS = set(QuestionText.__dataclass_fields__)


def _read(name: str) -> dict:
    try:
        return tomllib.loads((DATA_DIR / name).read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ImproperlyConfigured(f"demo/interaction/data/{name}: {exc}") from exc


def _fail(where: str, message: str):
    raise ImproperlyConfigured(f"demo/interaction/data {where}: {message}")


def _check_placeholders(text: str, where: str) -> None:
    try:
        text.format_map(_PROBE)
    except (KeyError, ValueError, IndexError) as exc:
        _fail(where, f"bad placeholder {exc} in {text[:40]!r} (allowed: {', '.join(PLACEHOLDERS)})")


def _question(raw: dict, where: str) -> QuestionText:
    unknown = set(raw) - _KEYS
    if unknown:
        _fail(where, f"unknown keys {sorted(unknown)}")
    if not {"type", "title", "content"} <= set(raw):
        _fail(where, "type, title and content are required")
    text = QuestionText(**{**raw, "kinds": tuple(raw.get("kinds", ()))})
    if text.type not in QuestionType.values:
        _fail(where, f"unknown type {text.type!r}")
    if not set(text.kinds) <= set(SiteKind.values):
        _fail(where, f"unknown kinds {sorted(set(text.kinds) - set(SiteKind.values))}")
    if not text.kinds and not text.unit:
        _fail(where, "give kinds, a unit or both (otherwise no mailbox receives it)")
    if bool(text.answer) == bool(text.reject):
        _fail(where, "give either answer (a handled message) or reject (a refused one)")
    if len(text.title) > TITLE_MAX:
        _fail(where, f"title longer than {TITLE_MAX} characters")
    for value in (text.title, text.content, text.answer, text.answerer, text.city_answerer):
        _check_placeholders(value, where)
    return text


@cache
def questions() -> tuple[QuestionText, ...]:
    found = []
    for name in QUESTION_FILES:
        for i, raw in enumerate(_read(name).get("questions", [])):
            found.append(_question(raw, f"{name} question {i + 1}"))
    return tuple(found)


@cache
def places() -> dict[str, Places]:
    found = {}
    for group, raw in _read(PLACES_FILE).items():
        if set(raw) != {"places", "roads"} or not raw["places"] or not raw["roads"]:
            _fail(f"{PLACES_FILE} [{group}]", "needs non-empty places and roads (and nothing else)")
        found[group] = Places(places=tuple(raw["places"]), roads=tuple(raw["roads"]))
    if DEFAULT_PLACES not in found:
        _fail(PLACES_FILE, f"a [{DEFAULT_PLACES}] table is required")
    return found


def places_for(group: str) -> Places:
    table = places()
    return table.get(group, table[DEFAULT_PLACES])
