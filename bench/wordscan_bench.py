#!/usr/bin/env python
"""错敏词 scan throughput: characters per second of evaluation.words.matcher.scan over generated documents, against
a hand-written baseline (one ``str.find`` loop per pattern) measured in the same run. See bench/README.md.

Documents are sentences of the two seed documents (demo/seeds/) drawn at random, 200–1,000 characters each; one
in 20 gets a typo of the dictionary, one in 50 a leader under a wrong title, one in 200 a sensitive word. The
dictionary is the shipped seed file plus the demo leaders, built in memory (no database is touched).
"""

import argparse
import csv
import json
import os
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def dictionary_entries():
    from demo.evaluation import DEMO_WORDS
    from evaluation.words.seed import SEED_FILE, _entry

    entries = []
    for path in (SEED_FILE, DEMO_WORDS):
        with open(path, encoding="utf-8", newline="") as handle:
            entries += [_entry(row) for row in csv.DictReader(handle)]
    for pk, entry in enumerate(entries, start=1):
        entry.pk = pk
    return entries


def sentences() -> list[str]:
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "demo" / "seeds").glob("*.txt")))
    return [s for s in re.split(r"(?<=[。！？；])", text.replace("\n", "")) if len(s) > 5]


def documents(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    pool = sentences()
    typos = ["认真布署", "贯切落实", "一如继往", "国藉"]
    docs = []
    for n in range(count):
        target = rng.randint(200, 1000)
        parts, size = [], 0
        while size < target:
            part = rng.choice(pool)
            parts.append(part)
            size += len(part)
        if n % 20 == 0:
            parts.insert(rng.randrange(len(parts)), rng.choice(typos) + "。")
        if n % 50 == 0:
            parts.insert(rng.randrange(len(parts)), "副市长张演示出席会议。")
        if n % 200 == 0:
            parts.insert(rng.randrange(len(parts)), "北朝鲜。")
        docs.append("".join(parts))
    return docs


def naive(text: str, patterns: list[str]) -> int:
    hits = 0
    for pattern in patterns:
        at = text.find(pattern)
        while at != -1:
            hits += 1
            at = text.find(pattern, at + 1)
    return hits


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    setup_django()
    from evaluation.words.matcher import build, scan

    entries = dictionary_entries()
    started = time.perf_counter()
    words = build(entries)
    build_ms = (time.perf_counter() - started) * 1000
    docs = documents(args.documents, args.seed)
    chars = sum(len(d) for d in docs)

    started = time.perf_counter()
    hits = sum(len(scan(doc, (), words)) for doc in docs)
    scan_s = time.perf_counter() - started

    whitelist = ["株州大道", "国藉管理"]
    started = time.perf_counter()
    for doc in docs:
        scan(doc, whitelist, words)
    whitelist_s = time.perf_counter() - started

    patterns = [p for e in entries for p in e.patterns()]
    started = time.perf_counter()
    naive_hits = sum(naive(doc, patterns) for doc in docs)
    naive_s = time.perf_counter() - started

    result = {
        "documents": len(docs),
        "characters": chars,
        "patterns": len(patterns),
        "automaton_build_ms": round(build_ms, 2),
        "hits": hits,
        "scan_seconds": round(scan_s, 2),
        "chars_per_second": round(chars / scan_s),
        "with_whitelist_chars_per_second": round(chars / whitelist_s),
        "baseline_find_loop_chars_per_second": round(chars / naive_s),
        "baseline_hits": naive_hits,
        "ratio_to_baseline": round(naive_s / scan_s, 2),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "wordscan.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print("| documents | characters | patterns | hits | scan chars/s | with whitelist | str.find loop | ratio |")
    print("|---|---|---|---|---|---|---|---|")
    print(
        f"| {len(docs):,} | {chars:,} | {len(patterns)} | {hits:,} | {result['chars_per_second']:,} "
        f"| {result['with_whitelist_chars_per_second']:,} | {result['baseline_find_loop_chars_per_second']:,} "
        f"| {result['ratio_to_baseline']}× |"
    )


if __name__ == "__main__":
    main()
