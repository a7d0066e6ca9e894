"""Seed the custom dictionary and synonym sets from search/data/dictionary.toml (editors maintain them after)."""

import tomllib
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "dictionary.toml"


def seed(apps, schema_editor):
    from search.segment import all_cjk, pinyin

    DictionaryTerm = apps.get_model("search", "DictionaryTerm")
    SynonymSet = apps.get_model("search", "SynonymSet")
    data = tomllib.loads(DATA.read_text(encoding="utf-8"))
    for word in data.get("terms", []):
        full, initials = pinyin(word) if all_cjk(word) else ("", "")
        DictionaryTerm.objects.get_or_create(word=word, defaults={"pinyin": full, "initials": initials})
    for terms in data.get("synonyms", []):
        SynonymSet.objects.get_or_create(terms="，".join(terms))


class Migration(migrations.Migration):
    dependencies = [("search", "0002_fulltext_tables")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
