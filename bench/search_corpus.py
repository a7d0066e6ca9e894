"""Synthetic search documents for bench/search_bench.py, recombined from the real seed texts.

The two seed documents (2015 智慧株洲暨电子政务发展报告, 2016 智慧常德建设工作要点) and the demo articles written
from them (demo/home/data) are cut into sentences. A synthetic document has a demo title or a clause of a
sentence as its title and 4–24 sentences drawn at random as its body (~750 characters), so the vocabulary, word
frequencies and sentence lengths are those of real municipal government text. Deterministic for a given seed.

The pool is small (about 330 sentences), so common words are far more common than in a real group's content
(电子政务 is in ~88% of the documents): for the database index, whose cost grows with the number of matches,
that is the pessimistic case.

One planted sentence gives the benchmark a *rare* word (古树名木, in one document per thousand); the no-hit word
(航天发射) appears nowhere.
"""

import random
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "demo" / "seeds"  # the two source documents, carried by the project
FALLBACK = ROOT / "demo" / "home" / "data"  # the demo articles, written from the seeds

SENTENCE_RE = re.compile(r"[^。！？；\n]+[。！？；]?")
CLAUSE_RE = re.compile(r"[^，、：:“”（）()。！？；\s]+")
RARE_WORD = "古树名木"
RARE_SENTENCE = "组织开展古树名木普查建档和挂牌保护工作，落实管护责任。"
RARE_EVERY = 1000
NO_HIT_WORD = "航天发射"

# Share of each content type among the synthetic documents (a portal group is mostly news and disclosure).
TYPE_WEIGHTS = {"news": 45, "notice": 15, "policy": 10, "disclosure": 22, "qa": 5, "page": 3}


def _seed_texts(seeds: Path) -> list[str]:
    return [f.read_text(encoding="utf-8") for f in sorted(seeds.glob("*.txt"))] if seeds.is_dir() else []


def _demo_texts() -> tuple[list[str], list[str]]:
    """Chinese paragraphs and titles of the demo articles (written from the seeds; placeholders skipped)."""
    paragraphs, titles = [], []
    for path in sorted(FALLBACK.glob("articles_*.toml")):
        for article in tomllib.loads(path.read_text(encoding="utf-8")).get("articles", []):
            titles.append(article.get("title", ""))
            paragraphs.extend(article.get("paragraphs", []))
    keep = [t for t in paragraphs if "{" not in t]
    return keep, [t for t in titles if t and "{" not in t]


@dataclass
class Pools:
    sentences: list[str]
    titles: list[str]
    source: str


def load_pools(seeds: Path = SEEDS) -> Pools:
    seed_texts = _seed_texts(seeds)
    demo_paragraphs, demo_titles = _demo_texts()
    sentences, clauses = [], []
    for text in [*seed_texts, *demo_paragraphs]:
        for raw in SENTENCE_RE.findall(text):
            sentence = raw.strip()
            if len(sentence) < 12:
                continue
            if sentence[-1] not in "。！？；":
                sentence += "。"  # headings become sentences; every sentence ends in punctuation
            sentences.append(sentence)
            clauses.extend(c for c in CLAUSE_RE.findall(sentence) if 8 <= len(c) <= 28)
    if not sentences:
        raise SystemExit(f"no seed texts in {seeds} or {FALLBACK}")
    everything = "".join(sentences) + "".join(demo_titles)
    assert RARE_WORD not in everything and NO_HIT_WORD not in everything
    source = f"{seeds}/*.txt + " if seed_texts else ""
    return Pools(
        sentences=list(dict.fromkeys(sentences)),
        titles=list(dict.fromkeys([*demo_titles, *clauses])),
        source=source + f"{FALLBACK.relative_to(ROOT)}/articles_*.toml",
    )


@dataclass
class Synthetic:
    number: int
    doc_type: str
    title: str
    body: str


class Generator:
    """``Generator(pools, seed).make(n)`` is the n-th synthetic document, the same on every run."""

    def __init__(self, pools: Pools, seed: int = 1, min_sentences: int = 4, max_sentences: int = 24):
        self.pools = pools
        self.seed = seed
        self.min_sentences = min_sentences
        self.max_sentences = max_sentences
        self.types = list(TYPE_WEIGHTS)
        self.weights = list(TYPE_WEIGHTS.values())

    def make(self, number: int, prefixes: list[str] = ()) -> Synthetic:
        rng = random.Random(self.seed * 1_000_003 + number)
        doc_type = rng.choices(self.types, self.weights)[0]
        title = rng.choice(self.pools.titles)
        if prefixes and rng.random() < 0.4:
            title = rng.choice(prefixes) + title
        count = rng.randint(self.min_sentences, self.max_sentences)
        body = rng.sample(self.pools.sentences, k=min(count, len(self.pools.sentences)))
        if number % RARE_EVERY == RARE_EVERY // 2:
            body.insert(rng.randrange(len(body) + 1), RARE_SENTENCE)
        return Synthetic(number=number, doc_type=doc_type, title=title, body="".join(body))
