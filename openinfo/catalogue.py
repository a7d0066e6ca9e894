"""Disclosure categories (条例 Arts. 20–21, per site kind) and 主题分类, kept as data in ``openinfo/data``.

Each has a Chinese ``name`` (what documents, the admin and search store) and an English ``name_en`` for the ``/en/``
mirror; ``label`` is the one for the active language, so public pages show it while values stay the Chinese/code."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data"


def _localized(name: str, name_en: str) -> str:
    # Chinese is the source language: any zh-* language (and an entry without an English name) shows the Chinese.
    if not name_en or (get_language() or "zh").startswith("zh"):
        return name
    return name_en


@dataclass(frozen=True)
class Category:
    code: str
    name: str
    article: str
    kinds: tuple[str, ...]
    column_type: str
    name_en: str = ""
    article_en: str = ""

    @property
    def label(self) -> str:
        return _localized(self.name, self.name_en)

    @property
    def article_label(self) -> str:
        return _localized(self.article, self.article_en)


@dataclass(frozen=True)
class Subject:
    name: str
    name_en: str = ""

    @property
    def label(self) -> str:
        return _localized(self.name, self.name_en)


@cache
def categories() -> tuple[Category, ...]:
    raw = tomllib.loads((DATA / "categories.toml").read_text(encoding="utf-8"))["categories"]
    return tuple(
        Category(
            code=c["code"],
            name=c["name"],
            article=c["article"],
            kinds=tuple(c["kinds"]),
            column_type=c["column_type"],
            name_en=c.get("name_en", ""),
            article_en=c.get("article_en", ""),
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
def subject_entries() -> tuple[Subject, ...]:
    raw = tomllib.loads((DATA / "subjects.toml").read_text(encoding="utf-8"))["subjects"]
    return tuple(Subject(name=s["name"], name_en=s.get("name_en", "")) for s in raw)


@cache
def subjects() -> tuple[str, ...]:
    """The stored values (Chinese names): what a document keeps and a filter accepts, in every language."""
    return tuple(s.name for s in subject_entries())


def subject_choices() -> list[tuple[str, str]]:
    # Model field choices (admin, migrations): Chinese, whatever the language.
    return [(s, s) for s in subjects()]


def subject_options() -> list[tuple[str, str]]:
    """(value, label) for public filter forms: the Chinese value, labelled in the active language."""
    return [(s.name, s.label) for s in subject_entries()]


def subject_label(name: str) -> str:
    """A stored 主题分类 in the active language (an unknown or legacy value as stored)."""
    entry = next((s for s in subject_entries() if s.name == name), None)
    return entry.label if entry else name


def blueprint_children(kind: str) -> list[dict]:
    """Blueprint entries for a site's 法定主动公开内容: one column per category its kind must publish."""
    return [
        {"type": "openinfo.DisclosureCategoryPage", "title": c.name, "slug": c.code, "category": c.code}
        for c in categories_for_kind(kind)
    ]
