"""Chinese text → search tokens, shared by every backend (index time and query time).

Neither SQLite FTS5, PostgreSQL's parser nor Elasticsearch's core analysers split unspaced Chinese into words
(measured: shared/reference/wagtail-tech.md §2), so the text is segmented here and the backends only ever
see space-separated tokens. A text yields:

* jieba's search-engine mode, generalised: each word of the precise cut, plus every dictionary word inside it
  (jieba's ``cut_for_search`` adds only the 2- and 3-character ones; 电子政务 inside 电子政务外网 needs 4);
* overlapping bigrams of every Chinese run, so a word the dictionary does not know (芦淞 inside 芦淞区) is still
  found, the way Elasticsearch's ``cjk`` analyser finds it;
* lower-cased Latin words and numbers as they are (12345, 5g).

The jieba tokenizer is this module's own instance (never the global one) loaded with the admin-edited
dictionary and synonym terms; :func:`tokenizer` reloads them when the dictionary version changes.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

# jieba and pypinyin are imported where they are first used: loading them costs ~0.35 s, which every process
# paid at start-up (search.models imports this module) — each manage.py command and each web worker — whether it
# segments text or not.

WORD_RE = re.compile(r"[^\W_]+")
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
CJK_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
SCRIPT_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[^\W_\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
ASCII_LETTERS_RE = re.compile(r"[a-z]+")

_lock = threading.Lock()
_state = {"tokenizer": None, "version": None, "words": set()}


def normalize(text: str) -> str:
    """Full-width → half-width, lower case: 'ＡＢＣ１２３' and 'abc123' are the same token."""
    return unicodedata.normalize("NFKC", text or "").lower()


def is_cjk(word: str) -> bool:
    return bool(CJK_RE.search(word))


def all_cjk(word: str) -> bool:
    return bool(word) and all(CJK_RE.match(ch) for ch in word)


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def tokenizer() -> jieba.Tokenizer:
    """The process's jieba tokenizer with the current custom dictionary (built on first use: about 1 s)."""
    from .dictionary import dictionary_version, dictionary_words

    version = dictionary_version()
    state = _state
    if state["tokenizer"] is not None and state["version"] == version:
        return state["tokenizer"]
    with _lock:
        if state["tokenizer"] is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            state["tokenizer"] = tk
        tk = state["tokenizer"]
        if state["version"] != version:
            words = dictionary_words()
            for gone in state["words"] - set(words):
                tk.del_word(gone)
            for word, freq in words.items():
                tk.add_word(word, freq=freq)
            state["words"] = set(words)
            state["version"] = version
    return tk


def words(text: str, tk: jieba.Tokenizer | None = None) -> list[str]:
    """Precise-mode words of ``text`` (punctuation, symbols and emoji dropped)."""
    tk = tk or tokenizer()
    out = []
    for chunk in WORD_RE.findall(normalize(text)):
        if is_cjk(chunk):
            out.extend(w for w in tk.cut(chunk) if WORD_RE.fullmatch(w))
        else:
            out.append(chunk)
    return out


def sub_words(word: str, tk: jieba.Tokenizer | None = None) -> list[str]:
    """Dictionary words strictly inside ``word`` (电子政务外网 → 电子, 政务, 外网, 电子政务 …)."""
    if len(word) < 3 or not all_cjk(word):
        return []
    freq = (tk or tokenizer()).FREQ
    found = []
    for size in range(2, len(word)):
        for start in range(len(word) - size + 1):
            gram = word[start : start + size]
            if freq.get(gram):
                found.append(gram)
    return found


def script_runs(word: str) -> list[str]:
    """The Chinese and the Latin/digit parts of a mixed word (12345热线 → 12345, 热线), each searchable alone."""
    if not is_cjk(word) or all_cjk(word):
        return []
    return [run for run in SCRIPT_RUN_RE.findall(word) if run != word]


def index_tokens(text: str) -> list[str]:
    """Tokens of one field (repeated tokens repeat, so term frequency counts)."""
    tk = tokenizer()
    tokens = []
    for word in words(text, tk):
        tokens.extend(sub_words(word, tk))
        tokens.extend(script_runs(word))
        tokens.append(word)
    for run in CJK_RUN_RE.findall(normalize(text)):
        tokens.extend(bigrams(run))
    return tokens


def pinyin(word: str) -> tuple[str, str]:
    """Full pinyin and initials of a Chinese word: 电子政务 → ('dianzizhengwu', 'dzzw')."""
    from pypinyin import Style, lazy_pinyin

    full = "".join(lazy_pinyin(word))
    initials = "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))
    return full, initials


def pinyin_tokens(candidates) -> list[str]:
    """Pinyin and initials of the Chinese words among ``candidates`` (two characters or more)."""
    out = []
    for word in dict.fromkeys(candidates):
        if len(word) >= 2 and all_cjk(word):
            out.extend(pinyin(word))
    return out


def looks_like_pinyin(word: str) -> bool:
    return bool(ASCII_LETTERS_RE.fullmatch(word)) and len(word) >= 2
