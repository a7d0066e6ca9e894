"""What a term shown to other visitors looks like (热门搜索, suggestions, "did you mean", hot-term rules).

The query log holds whatever people typed — fuzzers' payloads (``%00``, ``<script>``, ``7*7``) as much as real
questions — so a logged query is shown to others only if it is **made of words**: Chinese characters, Latin
letters a–z and ASCII digits (after NFKC and lower-casing, so full-width ＡＢＣ１２３ counts), words separated by
single spaces, and nothing else: no punctuation, operators, symbols or emoji. A term without any Chinese
character must consist of words the search dictionary knows (an enabled 搜索词典 term or a synonym), so
``12345`` (the citizens' hotline, a seeded dictionary term) may be shown, ``ETC`` once an editor adds it to the
dictionary, and ``alert``, ``dzzw`` (pinyin: the Chinese word it spells is shown instead) or ``select`` never.
"""

import re
from collections.abc import Callable, Container

from .segment import CJK_RE, normalize

MAX_TERM_CHARS = 20  # a sentence pasted into the box is not a "term"
_WORD = r"[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+"
TERM_RE = re.compile(rf"{_WORD}(?: {_WORD})*")
# 7+ digits (phone, ID, case numbers), an e-mail address, or a long Latin/digit code
PERSONAL_RE = re.compile(r"\d{7,}|@|[a-z0-9]{16,}|\d{6,}[a-z]")


def term_text(text: str) -> str:
    """The canonical form of a query or term: NFKC, lower case, single spaces (what the log stores)."""
    return " ".join(normalize(str(text or "")).split())


def made_of_words(text: str) -> bool:
    """True when ``text`` (canonical) is Chinese, a–z and 0–9 words separated by single spaces."""
    return bool(TERM_RE.fullmatch(text))


def has_chinese(text: str) -> bool:
    return bool(CJK_RE.search(text))


def is_word_term(text: str, known_words: Callable[[], Container[str]]) -> bool:
    """Made of words, and either with a Chinese character or every word known to the dictionary
    (``known_words()``, asked only for a term without Chinese)."""
    if not made_of_words(text):
        return False
    if has_chinese(text):
        return True
    known = known_words()
    return all(word in known for word in text.split(" "))


def looks_personal(text: str) -> bool:
    """Shaped like personal data: a phone, ID or case number, an e-mail address, a long code."""
    return bool(PERSONAL_RE.search(text.replace(" ", "")))
