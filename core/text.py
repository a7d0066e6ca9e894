"""What text the platform accepts from outside, in one place (forms, API bodies, query strings, paths).

Refused everywhere (``InputGuardMiddleware`` answers 400 before any view runs):
- C0/C1 control characters, NUL among them (PostgreSQL cannot store NUL in text and raises, a 500), except tab,
  line feed and carriage return;
- lone surrogates (a JSON ``"\\ud800"`` decodes to one; UTF-8 cannot encode it, so the database driver raises);
- the bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069), which make text
  display in another order than it is stored (“Trojan Source”, spoofed file names and titles).

Accepted: every other character, including what people really type — emoji sequences joined by ZWJ (U+200D),
variation selectors (U+FE0F), flag tag sequences, the soft hyphen. A leading byte-order mark and zero-width spaces
(U+200B), which editors and IMEs paste invisibly, are removed by :func:`normalize_input` rather than refused.
"""

import re
import unicodedata

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
LINE_CHARACTERS = frozenset("\t\n\r")
INVISIBLE_SPACES_RE = re.compile("[\u200b]")
FORBIDDEN_MESSAGE = "含有不允许的控制字符（如空字符、双向文本控制符），请删除后重新提交。"


def forbidden_character(text: str, *, allow_lines: bool = True) -> str | None:
    """The first character of ``text`` the platform refuses, or None. ``allow_lines``: tab, LF and CR are
    allowed (multi-line text); single-line fields pass False."""
    for ch in text:
        if ch in LINE_CHARACTERS:
            if allow_lines:
                continue
            return ch
        if ch in BIDI_CONTROLS:
            return ch
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs"):
            return ch
    return None


def has_forbidden_characters(text: str, *, allow_lines: bool = True) -> bool:
    return forbidden_character(text, allow_lines=allow_lines) is not None


def describe(ch: str) -> str:
    """A reader-friendly code point for messages, e.g. ``U+0000``."""
    return f"U+{ord(ch):04X}"


def normalize_input(text: str) -> str:
    """Remove what is invisible and meaningless in submitted text: a leading byte-order mark and zero-width
    spaces. Everything else is kept as typed (forms strip surrounding whitespace themselves)."""
    text = text.removeprefix("\ufeff")
    return INVISIBLE_SPACES_RE.sub("", text)


def mask_name(name: str) -> str:
    """张三丰 → 张**: the family name stays, every other character is a star (public pages never show a
    citizen's full name)."""
    name = (name or "").strip()
    if not name:
        return "*"
    return name[0] + "*" * max(len(name) - 1, 1)


def mask_middle(value: str, head: int, tail: int) -> str:
    """Every character of ``value`` but the first ``head`` and the last ``tail`` replaced by a star (an identity
    number or a phone number shown to its owner, recognisable but not readable over a shoulder)."""
    value = (value or "").strip()
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[len(value) - tail :]
