"""Dictionary entries the 错敏词 tests build on (the seed file is tested separately)."""

from evaluation.enums import WordKind, WordLevel
from evaluation.models import WordEntry


def typo(wrong, right, level=WordLevel.NORMAL):
    return WordEntry.objects.create(kind=WordKind.TYPO, word=wrong, correction=right, level=level)


def sensitive(word, level=WordLevel.SERIOUS, correction=""):
    return WordEntry.objects.create(kind=WordKind.SENSITIVE, word=word, correction=correction, level=level)


def name(canonical, variants, level=WordLevel.NORMAL):
    return WordEntry.objects.create(kind=WordKind.NAME, word=canonical, variants=variants, level=level)


def leader(person, titles, rank, leadership="株洲市人民政府", level=WordLevel.SERIOUS):
    return WordEntry.objects.create(
        kind=WordKind.LEADER, word=person, correction=titles, leadership=leadership, rank=rank, level=level
    )


def leadership():
    """The demo's fictional 株洲 leadership (demo/evaluation/data/leaders.csv)."""
    leader("张演示", "市长", 1)
    leader("李演示", "常务副市长", 2)
    leader("王演示", "副市长", 3)
