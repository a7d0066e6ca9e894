"""Disclosure categories (条例 Arts. 20–21, per site kind) and 主题分类, kept as data in ``openinfo/data``."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    article: str
    kinds: tuple[str, ...]
    column_type: str


@cache
def categories() -> tuple[Category, ...]:
    raw = tomllib.loads((DATA / "categories.toml").read_text(encoding="utf-8"))["categories"]
    return tuple(
        Category(
            code=c["code"], name=c["name"], article=c["article"], kinds=tuple(c["kinds"]), column_type=c["column_type"]
        )
        for c in raw
    )


@cache
def category_map() -> dict[str, Category]:
    return {c.code: c for c in categories()}


def categories_for_kind(kind: str) -> tuple[Category, ...]:
    """The categories a site of ``kind`` must publish (its 法定主动公开内容)."""
    return tuple(c for c in categories() if kind in c.kinds)


def category_choices() -> list[tuple[str, str]]:
    return [(c.code, c.name) for c in categories()]


@cache
def subjects() -> tuple[str, ...]:
    return tuple(tomllib.loads((DATA / "subjects.toml").read_text(encoding="utf-8"))["subjects"])


def subject_choices() -> list[tuple[str, str]]:
    return [(s, s) for s in subjects()]


def blueprint_children(kind: str) -> list[dict]:
    """Blueprint entries for a site's 法定主动公开内容: one column per category its kind must publish."""
    return [
        {"type": "openinfo.DisclosureCategoryPage", "title": c.name, "slug": c.code, "category": c.code}
        for c in categories_for_kind(kind)
    ]
