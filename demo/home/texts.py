"""Turn data-file text into page field values: placeholders, StreamField bodies, summaries."""

import re

from django.core.exceptions import ImproperlyConfigured
from django.utils.html import escape

from .data import CityGroup, SiteEntry

SUMMARY_MAX = 120
_SENTENCE_END = re.compile(r"(?<=[。！？])")


def context_for(entry: SiteEntry, group: CityGroup, **extra) -> dict[str, str]:
    """Values for the placeholders of the data files (documented in templates.toml and pages.toml)."""
    children = [s.short_name or s.name for s in group.districts]
    return {
        "org": entry.name,
        "short": entry.short_name or entry.name,
        "city": group.city,
        "city_short": group.city_short,
        "office": entry.organizer or entry.name,
        "parent": entry.parent_name,
        "functions": entry.functions,
        "children": f"辖{'、'.join(children)}等{len(children)}个县市区" if children else "",
        "address": entry.address or group.city,
        "phone": entry.phone,
        **extra,
    }


def fill(text: str, context: dict[str, str]) -> str:
    try:
        return text.format_map(context)
    except (KeyError, ValueError) as exc:
        raise ImproperlyConfigured(f"demo/home/data: bad placeholder {exc} in {text[:40]!r}") from exc


def expand(paragraphs, context: dict[str, str], *, about=(), about_en=()) -> list[str]:
    """Fill placeholders; a paragraph that is exactly ``{about}``/``{about_en}`` becomes the site's own paragraphs."""
    result = []
    for paragraph in paragraphs:
        if paragraph == "{about}":
            result.extend(fill(p, context) for p in about)
        elif paragraph == "{about_en}":
            result.extend(fill(p, context) for p in about_en)
        else:
            result.append(fill(paragraph, context))
    return result


def body(paragraphs, table=()) -> list[tuple[str, object]]:
    """StreamField value in the list-of-tuples form that ArticlePageFactory/StandardPage accept."""
    blocks: list[tuple[str, object]] = [("paragraph", f"<p>{escape(p)}</p>") for p in paragraphs]
    if table:
        blocks.append(("table", [list(row) for row in table]))
    return blocks


def summary(paragraphs) -> str:
    """First sentence of the first paragraph, cut to the length list pages show."""
    if not paragraphs:
        return ""
    first = _SENTENCE_END.split(paragraphs[0], maxsplit=1)[0] or paragraphs[0]
    return first if len(first) <= SUMMARY_MAX else first[: SUMMARY_MAX - 1] + "…"


def summary_en(paragraphs) -> str:
    if not paragraphs:
        return ""
    first = paragraphs[0].split(". ", 1)[0].rstrip(".") + "."
    return first if len(first) <= SUMMARY_MAX * 2 else first[: SUMMARY_MAX * 2 - 1] + "…"
