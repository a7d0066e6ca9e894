"""Highlighted titles and snippets, made here for both backends from the stored text (so the database and
Elasticsearch show the same snippet for the same document). Every piece of text is escaped; only the <mark>
tags are ours."""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .segment import normalize

SNIPPET_CHARS = 160


def _pattern(terms) -> re.Pattern | None:
    terms = sorted({t for t in terms if t}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def mark(text: str, terms) -> SafeString:
    """``text`` escaped, with every occurrence of ``terms`` wrapped in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(text)
    out, pos = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[pos : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        pos = match.end()
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))  # every piece above is escaped


def snippet(text: str, terms, length: int = SNIPPET_CHARS) -> SafeString:
    """A window of ``text`` around the first match (or its start), highlighted, with … where it is cut."""
    text = text or ""
    pattern = _pattern(terms)
    start = 0
    if pattern is not None:
        # NFKC keeps lengths for the characters that matter here, so positions carry over.
        found = pattern.search(normalize(text)) if len(normalize(text)) == len(text) else pattern.search(text)
        if found:
            start = max(0, found.start() - length // 4)
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(escape(prefix) + mark(piece, terms) + escape(suffix))
