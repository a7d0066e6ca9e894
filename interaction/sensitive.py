"""Sensitive-word screening. It only *flags* a message for moderation (stored in Question.flagged_words): a
citizen reporting a gambling den or threatening self-harm must reach a handler, so nothing is ever dropped.
A flagged message cannot be published before review (services.transition)."""

import functools
from pathlib import Path

from django.conf import settings

DEFAULT_WORDS_FILE = Path(__file__).resolve().parent / "data" / "sensitive_words.txt"


def _read(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@functools.cache
def sensitive_words() -> tuple[str, ...]:
    words = _read(DEFAULT_WORDS_FILE)
    extra = getattr(settings, "INTERACTION_SENSITIVE_WORDS_FILE", "")
    if extra:
        words += _read(Path(extra))
    return tuple(dict.fromkeys(words))  # keep order, drop repeats


def screen(*texts: str) -> list[str]:
    """The listed words found in any of ``texts`` (case-insensitive for Latin letters), in list order."""
    haystack = "\n".join(texts).lower()
    return [word for word in sensitive_words() if word.lower() in haystack]
