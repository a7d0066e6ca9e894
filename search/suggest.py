""" "Did you mean" and suggestions as you type, from one vocabulary of known terms.

The vocabulary (per site group, cached in the process) holds:

* the enabled dictionary terms and every synonym;
* the words of indexed titles (jieba words of the title tokens, weighted by how many titles carry them) and the
  most recent titles themselves;
* logged queries that found something, were searched by enough distinct clients and may be shown to others
  (hot.presentable, hot.popular_queries), weighted by clients;
* the terms the group's staff pinned to its hot terms; and without the terms they hid (hot.group_rules), which
  are never suggested nor offered as a correction.

Each term carries its pinyin syllables (pypinyin, toneless), so:

* **did you mean** compares the *sound* of what was typed with the terms: 电子正务 and 店子政务 sound exactly like
  电子政务; near sounds (z/zh, n/ng, l/n, f/h, which Hunan speakers and pinyin typists mix up) cost half an
  edit; a wrong character costs one; a pinyin query with a typo (dianzizhengwo) is compared letter by letter
  with the terms' pinyin. Inside a longer query, any stretch that is not a word but sounds like a term is
  replaced (店子政务外网建设 → 电子政务外网建设). Candidates rank by distance, then frequency, then text, so the
  answer is deterministic; the caller offers the first one that finds more than the original (services).
* **suggestions as you type** complete a prefix in characters (政务 → 政务服务, 政务外网), full pinyin
  (dianzizh → 电子政务) or initials (dzz → 电子政务, 电子政务外网), and list recent titles that contain it.

The vocabulary is rebuilt when the dictionary version changes (an editor saved a term or a synonym set) or a
hot-term rule changes, and otherwise every ``SEARCH_SUGGEST_TTL`` seconds (default 300), so new titles and
popular queries appear within minutes. Building it for a group of 20,000 titles takes well under a second;
lookups take milliseconds.
"""

import bisect
import functools
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from sites.models import SiteProfile
from sites.utils import group_profiles

from .dictionary import dictionary_version
from .hot import group_rules, popular_queries, presentable, rules_version
from .segment import CJK_RUN_RE, SCRIPT_RUN_RE, all_cjk, normalize, tokenizer
from .terms import term_text

MAX_SUGGESTIONS = 10
MAX_PREFIX_CHARS = 50
FEW_HITS = 2  # a query with this many results or fewer gets a "did you mean" if a correction finds more
MAX_CANDIDATES = 3  # corrections tried against the index, best first
VOCABULARY_DOCS = 20000  # most recent documents whose titles feed the vocabulary
RECENT_TITLES = 2000  # most recent titles offered as suggestions
LOG_DAYS = 90
DICTIONARY_WEIGHT = 5
TITLE_WEIGHT = 2  # per title carrying the word
LOG_WEIGHT = 3  # per logged search
MAX_WINDOW = 8  # longest stretch of a query replaced by a homophone term

# Sounds often confused (southern Mandarin, fuzzy pinyin input): zh/z, ch/c, sh/s, -ng/-n, l-/n-, f-/h-.
_FOLDS = (
    (re.compile(r"^([zcs])h"), r"\1"),
    (re.compile(r"ng$"), "n"),
    (re.compile(r"^l"), "n"),
    (re.compile(r"^f"), "h"),
)


@functools.lru_cache(maxsize=100_000)
def syllables(word: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of a Chinese word (电子政务 → dian zi zheng wu)."""
    from pypinyin import lazy_pinyin

    return tuple(lazy_pinyin(word))


@functools.lru_cache(maxsize=4096)
def fold(syllable: str) -> str:
    for pattern, repl in _FOLDS:
        syllable = pattern.sub(repl, syllable)
    return syllable


def _syllable_cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    return 0.5 if fold(a) == fold(b) else 1.0


def _letter_cost(a: str, b: str) -> float:
    return 0.0 if a == b else 1.0


def distance(a, b, limit: float, cost=_letter_cost) -> float:
    """Optimal string alignment distance (insert, delete, substitute at ``cost``, swap neighbours) of two
    sequences; anything above ``limit`` is reported as ``limit + 1`` as soon as it is certain."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[float] = []
    previous = [float(j) for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        current = [float(i)] + [0.0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost(a[i - 1], b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and a[i - 1] != b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


@dataclass
class Term:
    word: str
    weight: int = 0
    sounds: tuple[str, ...] = ()  # pinyin syllables; empty unless the word is all Chinese

    @property
    def pinyin(self) -> str:
        return "".join(self.sounds)

    @property
    def initials(self) -> str:
        return "".join(s[0] for s in self.sounds if s)


@dataclass
class Vocabulary:
    terms: dict[str, Term] = field(default_factory=dict)
    titles: list[str] = field(default_factory=list)  # most recent first
    hidden: frozenset[str] = frozenset()  # terms the group's staff hid (never suggested or offered)
    # Lookup tables, filled by seal()
    by_word: list[str] = field(default_factory=list)
    by_pinyin: list[tuple[str, str]] = field(default_factory=list)
    by_initials: list[tuple[str, str]] = field(default_factory=list)
    by_sound: dict[str, list[str]] = field(default_factory=dict)  # full pinyin → words, best first
    by_syllable: dict[str, set[str]] = field(default_factory=dict)  # folded syllable → words
    by_edge: dict[str, list[str]] = field(default_factory=dict)  # first or last pinyin letter → words

    def add(self, word: str, weight: int):
        word = normalize(word).strip()
        if not word:
            return
        term = self.terms.get(word)
        if term is None:
            compact = word.replace(" ", "")
            term = self.terms[word] = Term(word=word, sounds=syllables(compact) if all_cjk(compact) else ())
        term.weight += weight

    def seal(self):
        """Build the lookup tables once every term is in."""
        self.by_word = sorted(self.terms)
        self.by_pinyin = sorted((t.pinyin, t.word) for t in self.terms.values() if t.sounds)
        self.by_initials = sorted((t.initials, t.word) for t in self.terms.values() if t.sounds)
        self.by_sound, self.by_syllable, self.by_edge = {}, {}, {}
        for term in self.terms.values():
            if not term.sounds:
                continue
            self.by_sound.setdefault(term.pinyin, []).append(term.word)
            for sound in term.sounds:
                self.by_syllable.setdefault(fold(sound), set()).add(term.word)
            for letter in {term.pinyin[0], term.pinyin[-1]}:
                self.by_edge.setdefault(letter, []).append(term.word)
        for words in self.by_sound.values():
            words.sort(key=self.rank)
        return self

    def rank(self, word: str):
        return (-self.terms[word].weight, len(word), word)

    def is_known(self, text: str) -> bool:
        return text in self.terms or bool(all_cjk(text) and tokenizer().FREQ.get(text))


# -- building and caching ----------------------------------------------------------------------------------


def build_vocabulary(root_site_id: int | None = None) -> Vocabulary:
    """The vocabulary of one site group (``root_site_id``: the group's top site; None = every site)."""
    from .models import DictionaryTerm, SearchDocument, SynonymSet

    vocabulary = Vocabulary()
    for word in DictionaryTerm.objects.filter(enabled=True).values_list("word", flat=True):
        vocabulary.add(word, DICTIONARY_WEIGHT)
    for synonym_set in SynonymSet.objects.filter(enabled=True):
        for word in synonym_set.term_list():
            vocabulary.add(word, DICTIONARY_WEIGHT)

    docs = SearchDocument.objects.all()
    if root_site_id is not None:
        docs = docs.filter(site_lineage__startswith=f"/{root_site_id}/")
    rows = docs.order_by("-date", "-pk").values_list("title", "title_tokens")[:VOCABULARY_DOCS]
    freq = tokenizer().FREQ
    title_words: Counter = Counter()
    seen_titles = set()
    for title, tokens in rows.iterator(chunk_size=2000):
        title_words.update(set(tokens.split()))  # counted first, filtered once per distinct token below
        if len(vocabulary.titles) < RECENT_TITLES and title not in seen_titles:
            seen_titles.add(title)
            vocabulary.titles.append(title)
    for word, count in title_words.items():
        # Title tokens hold jieba words, dictionary words inside them and bigrams; keep the real words.
        if 2 <= len(word) <= 10 and freq.get(word) and all_cjk(word):
            vocabulary.add(word, TITLE_WEIGHT * count)

    site_ids = None
    if root_site_id is not None:
        root = SiteProfile.objects.filter(pk=root_site_id).first()
        site_ids = [p.pk for p in group_profiles(root)] if root else []
    for query, people, _searches in popular_queries(LOG_DAYS, site_ids=site_ids):
        if presentable(query):
            vocabulary.add(term_text(query), LOG_WEIGHT * people)
    rules = group_rules(root_site_id)
    for term in rules.pinned:
        vocabulary.add(term, DICTIONARY_WEIGHT)
    vocabulary.hidden = rules.hidden
    for term in rules.hidden:
        vocabulary.terms.pop(term, None)
    vocabulary.titles = [t for t in vocabulary.titles if term_text(t) not in rules.hidden]
    return vocabulary.seal()


_lock = threading.Lock()
_cache: dict = {}


def ttl() -> int:
    return int(getattr(settings, "SEARCH_SUGGEST_TTL", 300))


def vocabulary(root_site_id: int | None = None) -> Vocabulary:
    version = (dictionary_version(), rules_version(), timezone.localdate())
    entry = _cache.get(root_site_id)
    if entry is not None and entry[0] == version and entry[1] > time.monotonic():
        return entry[2]
    with _lock:
        entry = _cache.get(root_site_id)
        if entry is None or entry[0] != version or entry[1] <= time.monotonic():
            entry = (version, time.monotonic() + ttl(), build_vocabulary(root_site_id))
            _cache[root_site_id] = entry
    return entry[2]


def clear_vocabulary():
    """Forget every cached vocabulary (tests; a command that changed the index or the log in bulk)."""
    _cache.clear()


def root_of(profile) -> int | None:
    if profile is None:
        return None
    chain = profile.ancestors()
    return chain[-1].pk if chain else profile.pk


# -- suggestions as you type -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    text: str
    kind: str  # "term" (dictionary, synonym, title word, popular query) or "title"
    pinyin: str = ""


def _with_prefix(keys: list, prefix: str):
    """Items of a sorted list (strings or (key, word) pairs) whose key starts with ``prefix``."""
    start = bisect.bisect_left(keys, (prefix,) if keys and isinstance(keys[0], tuple) else prefix)
    for item in keys[start:]:
        key = item[0] if isinstance(item, tuple) else item
        if not key.startswith(prefix):
            break
        yield item


def complete(prefix: str, profile=None, limit: int = MAX_SUGGESTIONS) -> list[Suggestion]:
    """Terms starting with ``prefix`` (characters, full pinyin or initials), then recent titles containing it."""
    text = normalize(" ".join(str(prefix or "").split()))[:MAX_PREFIX_CHARS]
    compact = text.replace(" ", "")
    if not compact:
        return []
    vocab = vocabulary(root_of(profile))
    found: dict[str, bool] = {}  # word → exact match (of pinyin or initials: what was typed is not offered back)
    for word in _with_prefix(vocab.by_word, text):
        if word != text:
            found[word] = False
    if compact.isascii() and compact.isalpha():
        for key, word in [*_with_prefix(vocab.by_pinyin, compact), *_with_prefix(vocab.by_initials, compact)]:
            found[word] = found.get(word, False) or key == compact
    ranked = sorted(found, key=lambda w: (not found[w], *vocab.rank(w)))
    out = [Suggestion(text=w, kind="term", pinyin=vocab.terms[w].pinyin) for w in ranked[:limit]]
    if len(out) < limit and CJK_RUN_RE.search(text):
        starting = [t for t in vocab.titles if t.startswith(text)]
        containing = [t for t in vocab.titles if text in t and not t.startswith(text)]
        listed = {s.text for s in out}
        for title in [*starting, *containing]:
            if len(out) >= limit:
                break
            if title not in listed:
                listed.add(title)
                out.append(Suggestion(text=title, kind="title"))
    return out


# -- did you mean ------------------------------------------------------------------------------------------


def _max_cost(length: int, chinese: bool) -> float:
    if chinese:  # in syllables: a two-character word may only be misheard, longer ones may have a wrong character
        return 0.5 if length <= 2 else 1.0 if length <= 4 else 2.0
    return 0.0 if length < 5 else 1.0 if length <= 7 else 2.0  # in letters; initials are too short to correct


def _chinese_options(run: str, vocab: Vocabulary) -> list[tuple[float, str]]:
    sounds = syllables(run)
    options: list[tuple[float, str]] = [(0.0, w) for w in vocab.by_sound.get("".join(sounds), []) if w != run]
    limit = _max_cost(len(run), chinese=True)
    candidates: Counter = Counter()
    for sound in set(map(fold, sounds)):
        candidates.update(vocab.by_syllable.get(sound, ()))
    for word, shared in candidates.items():
        term = vocab.terms[word]
        if word == run or abs(len(term.sounds) - len(sounds)) > 1 or shared < len(sounds) - limit:
            continue
        cost = distance(sounds, term.sounds, limit, _syllable_cost)
        if 0 < cost <= limit:
            options.append((cost, word))
    replaced = _replace_homophones(run, sounds, vocab)
    if replaced != run:
        options.append((0.1, replaced))  # after whole-word homophones, before any real edit
    return options


def _replace_homophones(run: str, sounds: tuple[str, ...], vocab: Vocabulary) -> str:
    """Left to right, the longest stretch that is a word stays, the longest that sounds like a term becomes it."""
    if len(sounds) != len(run):  # pypinyin gives one syllable per Chinese character; be safe if not
        return run
    out, i = [], 0
    while i < len(run):
        for size in range(min(MAX_WINDOW, len(run) - i), 1, -1):
            piece = run[i : i + size]
            if vocab.is_known(piece):
                out.append(piece)
                break
            same = [w for w in vocab.by_sound.get("".join(sounds[i : i + size]), []) if len(w) == size]
            if same:
                out.append(same[0])
                break
        else:
            size = 1
            out.append(run[i])
        i += size
    return "".join(out)


def _latin_options(run: str, vocab: Vocabulary) -> list[tuple[float, str]]:
    limit = _max_cost(len(run), chinese=False)
    if not limit or run in vocab.terms:
        return []
    if any(key == run for key, _ in _with_prefix(vocab.by_pinyin, run)) or any(
        key == run for key, _ in _with_prefix(vocab.by_initials, run)
    ):
        return []  # a correct pinyin or initials spelling: nothing to correct
    options = []
    words = {*vocab.by_edge.get(run[0], ()), *vocab.by_edge.get(run[-1], ())}
    for word in words:
        spelled = vocab.terms[word].pinyin
        if abs(len(spelled) - len(run)) > limit:
            continue
        cost = distance(run, spelled, limit)
        if cost <= limit:
            options.append((cost, word))
    return options


def corrections(text: str, vocab: Vocabulary) -> list[str]:
    """Corrected versions of ``text``, best first (at most MAX_CANDIDATES). Each Chinese or Latin stretch is
    corrected on its own; digits and words already known stay as typed."""
    norm = normalize(" ".join(str(text or "").split()))
    runs = list(SCRIPT_RUN_RE.finditer(norm))
    if not runs or len(runs) > 6:
        return []
    per_run: list[list[str]] = []
    for match in runs:
        run = match.group()
        options: list[tuple[float, str]] = []
        if not vocab.is_known(run):
            if all_cjk(run):
                options = _chinese_options(run, vocab)
            elif run.isascii() and run.isalpha():
                options = _latin_options(run, vocab)
        best: dict[str, float] = {}
        for cost, word in options:
            best[word] = min(cost, best.get(word, cost))
        ranked = sorted(best, key=lambda w: (best[w], *_rank_or_zero(vocab, w)))
        per_run.append(ranked[:MAX_CANDIDATES] or [run])
    if all(options == [match.group()] for options, match in zip(per_run, runs, strict=True)):
        return []
    # Alternatives are tried for one stretch at a time (the others take their best), which keeps it to a few.
    out: list[str] = []
    for position, options in enumerate(per_run):
        for option in options:
            chosen = [opts[0] for opts in per_run]
            chosen[position] = option
            candidate = _join(runs, chosen)
            if candidate != norm and candidate not in out:
                out.append(candidate)
    return out[:MAX_CANDIDATES]


def _rank_or_zero(vocab: Vocabulary, word: str):
    return vocab.rank(word) if word in vocab.terms else (0, len(word), word)


def _join(runs, replacements: list[str]) -> str:
    """The runs with their replacements; runs that were adjacent stay joined, others get one space."""
    out = ""
    for index, (match, replacement) in enumerate(zip(runs, replacements, strict=True)):
        if index and match.start() > runs[index - 1].end():
            out += " "
        out += replacement
    return out


def did_you_mean(request, hits: int, count) -> str:
    """The first correction of ``request``'s query that finds more than ``hits`` documents with the same scope
    and filters (``count(request) -> int`` asks the backend), or ""."""
    import dataclasses

    from .query import parse

    if request.query.is_empty or hits > FEW_HITS:
        return ""
    vocab = vocabulary(request.root_site_id or request.site_id)
    for candidate in corrections(request.query.text, vocab):
        parsed = parse(candidate)
        if parsed.is_empty or term_text(candidate) in vocab.hidden:
            continue
        if count(dataclasses.replace(request, query=parsed, page=1, per_page=1)) > hits:
            return candidate
    return ""
