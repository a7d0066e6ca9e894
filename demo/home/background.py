"""Background and closing paragraphs (data/context.toml) that give the demo's texts a realistic length.

The hand-written texts state one fact in a sentence or two; a real government article or notice sets it in
context and ends with what follows or whom to ask. ``lengthen`` appends up to two paragraphs of each theme
matching the text (by trigger words in its title or body; the general theme fills up to two) and a closing paragraph for
the column type. Choices come from an rng seeded by the text itself, so they never shift the site's own draws
(titles, dates) and a re-seed gives the same bodies.
"""

import random
import tomllib
from dataclasses import dataclass
from functools import cache

from django.core.exceptions import ImproperlyConfigured

from .data import DATA_DIR

MAX_THEMES = 2


@dataclass(frozen=True)
class Theme:
    triggers: tuple[str, ...]
    paragraphs: tuple[str, ...]
    group: str | None = None


@cache
def _load() -> tuple[tuple[Theme, ...], dict[str, tuple[str, ...]]]:
    raw = tomllib.loads((DATA_DIR / "context.toml").read_text(encoding="utf-8"))
    themes = tuple(Theme(tuple(t["triggers"]), tuple(t["paragraphs"]), t.get("group")) for t in raw.get("themes", []))
    if not themes or themes[-1].triggers:
        raise ImproperlyConfigured("demo/home/data/context.toml: the last theme (no triggers) is the general one")
    closings = {kind: tuple(lines) for kind, lines in raw.get("closings", {}).items()}
    return themes, closings


def _matching(text: str, group: str) -> list[Theme]:
    themes, _ = _load()
    fits = [t for t in themes[:-1] if t.group in (None, group) and any(word in text for word in t.triggers)]
    return [*fits[: MAX_THEMES - 1], themes[-1]] if len(fits) < MAX_THEMES else fits[:MAX_THEMES]


def lengthen(
    title: str, paragraphs: list[str], context: dict[str, str], *, group: str, column_type: str = ""
) -> list[str]:
    """``paragraphs`` followed by background paragraphs and a closing, placeholders filled from ``context``."""
    text = title + "".join(paragraphs)
    rng = random.Random(text)
    added = []
    for theme in _matching(text, group):
        picked = sorted(rng.sample(range(len(theme.paragraphs)), min(2, len(theme.paragraphs))))
        added += [theme.paragraphs[i] for i in picked]  # in the file's order: a theme's last line may conclude
    closings = _load()[1].get(column_type, ())
    if closings:
        added.append(rng.choice(closings))
    try:
        filled = [line.format_map(context) for line in added]
    except KeyError as exc:
        raise ImproperlyConfigured(f"demo/home/data/context.toml: unknown placeholder {exc}") from exc
    return [*paragraphs, *(line for line in filled if line not in paragraphs)]
