"""The custom dictionary and synonym sets as the segmenter and the query parser use them.

Both are read from the database once per process and dictionary version. The version lives in the shared
cache and is bumped whenever an editor saves or deletes a term or a synonym set (signal_handlers.py), so every
worker reloads on its next query. (With per-process memory cache only the worker that saved sees the bump at
once; production runs Redis.)
"""

from core import generations

VERSION_KEY = "search:dictionary-version"
_synonyms: dict = {"version": None, "map": {}}


def dictionary_version() -> int:
    return generations.read(VERSION_KEY)


def bump_dictionary_version():
    generations.bump(VERSION_KEY)


_words: dict = {"version": None, "words": {}}


def dictionary_words() -> dict[str, int | None]:
    """Words jieba must keep whole: enabled dictionary terms and every synonym (weight None = jieba decides)."""
    version = dictionary_version()
    if _words["version"] != version:
        _words.update(words=_load_words(), version=version)
    return _words["words"]


def _load_words() -> dict[str, int | None]:
    from .models import DictionaryTerm, SynonymSet

    words: dict[str, int | None] = {}
    for synonym_set in SynonymSet.objects.filter(enabled=True):
        for term in synonym_set.term_list():
            words[term] = None
    for word, weight in DictionaryTerm.objects.filter(enabled=True).values_list("word", "weight"):
        words[word] = weight or None
    return words


def synonyms_of(word: str) -> list[str]:
    """Other words of every enabled synonym set containing ``word`` (社保 → [社会保险])."""
    from .models import SynonymSet

    version = dictionary_version()
    if _synonyms["version"] != version:
        mapping: dict[str, list[str]] = {}
        for synonym_set in SynonymSet.objects.filter(enabled=True):
            terms = synonym_set.term_list()
            for term in terms:
                mapping.setdefault(term, []).extend(t for t in terms if t != term and t not in mapping[term])
        _synonyms.update(version=version, map=mapping)
    return list(_synonyms["map"].get(word, []))
