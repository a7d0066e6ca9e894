"""Seed the custom dictionary and the synonym sets from search/data/dictionary.toml (``seed_search_dictionary``).

Reference data kept out of migrations, like the working-day calendar: editors own both tables once seeded. A run
adds the seed words and sets that are missing and never changes what exists (an editor's weight, note or
``enabled`` stays). With ``if_empty`` it does nothing once the dictionary has any term, so ``make run`` does not
bring back a seed word an editor deleted.
"""

import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import DictionaryTerm, SynonymSet
from .segment import normalize

SEED_FILE = Path(__file__).resolve().parent / "data" / "dictionary.toml"


@dataclass
class SeedResult:
    terms: int = 0
    synonym_sets: int = 0
    skipped: bool = False


def load_seed(path: Path = SEED_FILE) -> tuple[list[str], list[list[str]]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return list(data.get("terms", [])), [list(terms) for terms in data.get("synonyms", [])]


def seed_dictionary(if_empty: bool = False, path: Path = SEED_FILE) -> SeedResult:
    if if_empty and DictionaryTerm.objects.exists():
        return SeedResult(skipped=True)
    terms, synonym_sets = load_seed(path)
    result = SeedResult()
    with transaction.atomic():
        existing = set(DictionaryTerm.objects.values_list("word", flat=True))
        for word in dict.fromkeys(normalize(w).strip() for w in terms):
            if word and word not in existing:
                DictionaryTerm(word=word).save()  # save() fills pinyin and initials
                result.terms += 1
        known_sets = {frozenset(s.term_list()) for s in SynonymSet.objects.all()}
        for terms_of_set in synonym_sets:
            candidate = SynonymSet(terms="，".join(terms_of_set))
            if frozenset(candidate.term_list()) not in known_sets:
                candidate.save()
                result.synonym_sets += 1
    return result  # each save bumped the dictionary version (signal_handlers.vocabulary_changed)
