"""A visitor's query → a structured query every backend compiles the same way.

A query is a list of groups, all required. A group is one word of the query and the alternatives that satisfy
it, any one is enough; an alternative is a set of index tokens that must all be present:

    社保 办理   →  [ (社保) | (社会保险) ]  AND  [ (办理) ]
    政务外网     →  [ (政务外网) | (政务 外网) | (政务 务外 外网) ]

Only letters, digits and Chinese characters reach a backend: quotes, backslashes, Elasticsearch or FTS syntax
characters and emoji are separators here, so no query string is ever built from user input.
"""

from dataclasses import dataclass, field

from .dictionary import synonyms_of
from .segment import CJK_RUN_RE, WORD_RE, all_cjk, bigrams, normalize, pinyin, sub_words, tokenizer, words

MAX_QUERY_CHARS = 50
MAX_GROUPS = 10


@dataclass(frozen=True)
class Group:
    word: str
    alternatives: tuple[tuple[str, ...], ...]


@dataclass
class ParsedQuery:
    text: str
    groups: list[Group] = field(default_factory=list)
    truncated: bool = False
    # Surface strings to mark in titles and snippets (the words, their synonyms, Chinese words of a pinyin query)
    highlight: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.groups

    def tokens(self) -> set[str]:
        return {t for g in self.groups for alt in g.alternatives for t in alt}


def alternatives_for(word: str) -> list[tuple[str, ...]]:
    alts: list[tuple[str, ...]] = [(word,)]
    if all_cjk(word) and len(word) >= 3:
        tk = tokenizer()
        inner = [w for w in words(word, tk) if w != word]
        if len(inner) > 1:
            alts.append(tuple(dict.fromkeys(inner)))
        subs = [s for s in sub_words(word, tk) if len(s) >= 2]
        longest = _cover(word, subs)
        if longest and len(longest) > 1:
            alts.append(longest)
        alts.append(tuple(dict.fromkeys(bigrams(word))))
    return list(dict.fromkeys(alts))


def _cover(word: str, subs: list[str]) -> tuple[str, ...] | None:
    """Longest dictionary words covering ``word`` left to right (电子政务外网 → 电子政务 外网), if they do."""
    out, pos, known = [], 0, set(subs)
    while pos < len(word):
        for end in range(len(word), pos + 1, -1):
            if word[pos:end] in known:
                out.append(word[pos:end])
                pos = end
                break
        else:
            return None
    return tuple(out)


def parse(text: str) -> ParsedQuery:
    raw = " ".join(str(text or "").split())
    truncated = len(raw) > MAX_QUERY_CHARS
    raw = raw[:MAX_QUERY_CHARS]
    parsed = ParsedQuery(text=raw, truncated=truncated)
    query_words = list(dict.fromkeys(words(raw)))
    # Single Chinese characters (的, 和, 在 …) carry nothing next to real words; alone they are searched.
    if any(len(w) > 1 or not all_cjk(w) for w in query_words):
        query_words = [w for w in query_words if len(w) > 1 or not all_cjk(w)]
    highlight: list[str] = []
    for word in query_words[:MAX_GROUPS]:
        alts = alternatives_for(word)
        for synonym in synonyms_of(word):
            alts.extend(a for a in alternatives_for(synonym) if a not in alts)
            highlight.append(synonym)
        parsed.groups.append(Group(word=word, alternatives=tuple(alts)))
        highlight.append(word)
    parsed.highlight = sorted(set(highlight) | set(pinyin_words(query_words)), key=len, reverse=True)
    return parsed


def pinyin_words(query_words: list[str]) -> list[str]:
    """Dictionary words whose pinyin or initials a Latin query word spells (dzzw → 电子政务): highlighted in
    results, since the match itself was on the pinyin tokens."""
    from .models import DictionaryTerm

    latin = [w for w in query_words if w.isascii() and w.isalpha() and len(w) >= 2]
    if not latin:
        return []
    from django.db.models import Q

    condition = Q()
    for w in latin:
        condition |= Q(pinyin=w) | Q(initials=w)
    return list(DictionaryTerm.objects.filter(condition, enabled=True).values_list("word", flat=True)[:20])


def safe_tokens(tokens) -> list[str]:
    """Tokens as a backend may see them: only word characters (a defence in depth; parse() already ensures it)."""
    return [t for t in tokens if WORD_RE.fullmatch(t)]


def title_pinyin(text: str) -> tuple[str, str]:
    """Pinyin of the Chinese in a query (for "did you mean" by sound)."""
    runs = "".join(CJK_RUN_RE.findall(normalize(text)))
    return pinyin(runs) if runs else ("", "")
