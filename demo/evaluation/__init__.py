"""The demo's 错敏词 entries: the 株洲 portal's leadership with fictional names (张演示 …) and the titles of the
demo's own 领导信息 page (demo/home/data/pages.toml), so the leader rule has something to check. Never real persons.

``defects`` plants the demo's documented defects (docs/evaluation.md “演示数据中的预置问题”) once the group is
seeded."""

from pathlib import Path

DEMO_WORDS = Path(__file__).resolve().parent / "data" / "leaders.csv"


def seed_demo_words():
    from evaluation.words.seed import SEED_FILE, seed_words

    return seed_words([SEED_FILE, DEMO_WORDS])
