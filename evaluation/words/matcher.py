"""The 错敏词 matcher: one Aho-Corasick automaton (pyahocorasick) over every enabled pattern of the dictionary,
built once per process and dictionary version (core.generations; bumped on every save or delete of an entry).

``scan(text, whitelist)`` returns the hits in text order, each with offsets, kind, level and suggestion:

* 敏感词, 错别字, 机构/地名 wrong forms: every occurrence.
* Leaders: a leader's name directly preceded or followed by a known title that is not theirs ("副市长张演示"
  when 张演示 is 市长) is a hit of the entry's level; several leaders of one leadership named in one list (names
  at most ``LIST_GAP`` characters apart, no sentence end between them) out of their order is a 提示 hit.
* A hit inside an occurrence of a whitelisted word (the site's own whitelist) is dropped.
"""

from dataclasses import dataclass, field

import ahocorasick

from core import generations

from ..enums import WordKind, WordLevel

VERSION_KEY = "evaluation:words-version"
LIST_GAP = 6  # characters between two names of one list ("张演示、李演示" or "张演示 李演示")
SENTENCE_ENDS = frozenset("。！？；\n")
_state: dict = {"version": None, "dictionary": None}


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    text: str
    kind: str
    level: str
    suggestion: str = ""
    message: str = ""
    entry_id: int | None = None

    @property
    def serious(self) -> bool:
        return self.level == WordLevel.SERIOUS


@dataclass
class Leader:
    entry_id: int
    name: str
    titles: list[str]
    leadership: str
    rank: int
    level: str


@dataclass
class Dictionary:
    """What the automaton finds: (kind, pattern, payload) for every pattern; leaders and the titles they hold."""

    automaton: object
    titles: object  # a second automaton over every leader title
    leaders: dict[str, Leader] = field(default_factory=dict)
    empty: bool = True


def bump_version() -> None:
    generations.bump(VERSION_KEY)


def build(entries) -> Dictionary:
    """The automata of ``entries`` (WordEntry instances, enabled ones)."""
    automaton, titles = ahocorasick.Automaton(), ahocorasick.Automaton()
    leaders: dict[str, Leader] = {}
    for entry in entries:
        if entry.kind == WordKind.LEADER:
            leader = Leader(entry.pk, entry.word, entry.titles(), entry.leadership, entry.rank or 0, entry.level)
            leaders[entry.word] = leader
            for title in leader.titles:
                titles.add_word(title, title)
        suggestion = (entry.right_forms() or [""])[0]
        for pattern in entry.patterns():
            automaton.add_word(pattern, (pattern, entry.kind, entry.level, suggestion, entry.pk))
    empty = len(automaton) == 0
    if not empty:
        automaton.make_automaton()
    if len(titles):
        titles.make_automaton()
    return Dictionary(automaton=automaton, titles=titles, leaders=leaders, empty=empty)


def dictionary() -> Dictionary:
    """This process's automaton for the current dictionary version (rebuilt after any change)."""
    from ..models.words import WordEntry

    version = generations.read(VERSION_KEY)
    if _state["version"] != version or _state["dictionary"] is None:
        _state.update(dictionary=build(WordEntry.objects.filter(enabled=True)), version=version)
    return _state["dictionary"]


def _message(kind: str, text: str, suggestion: str) -> str:
    if kind == WordKind.SENSITIVE:
        return f"敏感词“{text}”" + (f"，建议改为“{suggestion}”" if suggestion else "")
    if kind == WordKind.TYPO:
        return f"疑似错别字“{text}”，应为“{suggestion}”"
    return f"名称“{text}”写法有误，应为“{suggestion}”"


def _title_at(titles, text: str, start: int, end: int) -> str:
    """The longest known title ending right before ``start`` or starting right at ``end``."""
    best = ""
    before = text[max(0, start - 12) : start]
    for stop, title in titles.iter(before) if before else ():
        if stop == len(before) - 1 and len(title) > len(best):
            best = title
    after = text[end : end + 12]
    for stop, title in titles.iter(after) if after else ():
        if stop == len(title) - 1 and len(title) > len(best):
            best = title
    return best


def _leader_hits(found: list, text: str, words: Dictionary) -> list[Hit]:
    hits = []
    for start, end, leader in found:
        title = _title_at(words.titles, text, start, end) if len(words.titles) else ""
        if title and title not in leader.titles:
            proper = "、".join(leader.titles)
            hits.append(
                Hit(start, end, leader.name, WordKind.LEADER, leader.level, f"{leader.name}（{proper}）",
                    f"“{leader.name}”的职务应为{proper}，不是“{title}”", leader.entry_id)
            )  # fmt: skip
    return hits + _order_hits(found, text)


def _order_hits(found: list, text: str) -> list[Hit]:
    """One 提示 hit per list of one leadership's names that is out of order."""
    hits, run = [], []
    for item in [*found, None]:
        if run and (item is None or not _continues(run[-1], item, text)):
            ranks = [leader.rank for _, _, leader in run]
            if len(run) > 1 and ranks != sorted(ranks):
                ordered = "、".join(leader.name for _, _, leader in sorted(run, key=lambda r: r[2].rank))
                start, end = run[0][0], run[-1][1]
                hits.append(
                    Hit(start, end, text[start:end], WordKind.LEADER, WordLevel.HINT, ordered,
                        f"{run[0][2].leadership}领导排序有误，应为：{ordered}")
                )  # fmt: skip
            run = []
        if item is not None:
            run.append(item)
    return hits


def _continues(previous, item, text: str) -> bool:
    gap = text[previous[1] : item[0]]
    return previous[2].leadership == item[2].leadership and len(gap) <= LIST_GAP and not SENTENCE_ENDS.intersection(gap)


def _whitelisted_spans(text: str, whitelist) -> list[tuple[int, int]]:
    spans = []
    for word in whitelist:
        at = text.find(word)
        while at != -1:
            spans.append((at, at + len(word)))
            at = text.find(word, at + 1)
    return spans


def scan(text: str, whitelist=(), words: Dictionary | None = None) -> list[Hit]:
    """Every hit in ``text``, in text order (see the module docstring)."""
    words = words or dictionary()
    if not text or (words.empty and not words.leaders):
        return []
    hits, leaders_found = [], []
    for stop, (pattern, kind, level, suggestion, entry_id) in () if words.empty else words.automaton.iter(text):
        start = stop - len(pattern) + 1
        if kind == WordKind.LEADER:
            leaders_found.append((start, stop + 1, words.leaders[pattern]))
        else:
            message = _message(kind, pattern, suggestion)
            hits.append(Hit(start, stop + 1, pattern, kind, level, suggestion, message, entry_id))
    hits += _leader_hits(leaders_found, text, words)
    spans = _whitelisted_spans(text, whitelist) if whitelist else []
    if spans:
        hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in spans)]
    return sorted(hits, key=lambda h: (h.start, h.end))
