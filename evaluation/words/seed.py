"""Seeding the 错敏词 dictionary from CSV files (evaluation/data/words.csv; the demo adds its fictional leaders).

Idempotent: an entry whose kind and word already exist is left as the platform staff edited it; a row that would
be refused in the admin (evaluation.words.validation) is skipped and reported, never stored.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from ..enums import WordKind, WordLevel
from ..models.words import WordEntry
from .validation import entry_errors

SEED_FILE = Path(__file__).resolve().parent.parent / "data" / "words.csv"


@dataclass
class SeedResult:
    created: int = 0
    existing: int = 0
    refused: list[str] = field(default_factory=list)


def _entry(row: dict) -> WordEntry:
    rank = (row.get("rank") or "").strip()
    return WordEntry(
        kind=WordKind((row.get("kind") or "").strip()),
        word=(row.get("word") or "").strip(),
        correction=(row.get("correction") or "").strip(),
        variants=(row.get("variants") or "").strip(),
        leadership=(row.get("leadership") or "").strip(),
        rank=int(rank) if rank else None,
        level=WordLevel((row.get("level") or WordLevel.NORMAL).strip()),
        note=(row.get("note") or "").strip(),
    )


@transaction.atomic
def seed_words(paths=(SEED_FILE,)) -> SeedResult:
    result = SeedResult()
    have = set(WordEntry.objects.values_list("kind", "word"))
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    entry = _entry(row)
                except ValueError:
                    result.refused.append(f"{Path(path).name}:{line}: 类型或严重程度无效")
                    continue
                if (entry.kind, entry.word) in have:
                    result.existing += 1
                    continue
                errors = entry_errors(entry)
                if errors:
                    result.refused.append(f"{Path(path).name}:{line}: {'；'.join(errors.values())}")
                    continue
                entry.save()
                have.add((entry.kind, entry.word))
                result.created += 1
    return result
