"""Segmentation, the admin-edited dictionary and synonyms, and the database-index rebuild."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection

from search.dictionary_seed import seed_dictionary
from search.models import DictionaryTerm, SearchDocument, SynonymSet
from search.query import MAX_QUERY_CHARS, parse
from search.segment import index_tokens, pinyin

pytestmark = pytest.mark.django_db


def test_index_tokens_hold_dictionary_words_inside_longer_words_and_bigrams():
    tokens = index_tokens("推进电子政务外网扩容升级，ＡＢＣ 12345热线😀")
    assert {"电子政务外网", "电子政务", "政务", "外网", "扩容"} <= set(tokens)
    assert {"子政", "网扩"} <= set(tokens)  # bigrams: words the dictionary does not know are still reachable
    assert {"abc", "12345热线", "12345", "热线"} <= set(tokens) and not any("😀" in t or "，" in t for t in tokens)


def test_seeded_dictionary_and_synonyms():
    assert DictionaryTerm.objects.filter(word="光网城市", initials="gwcs", pinyin="guangwangchengshi").exists()
    assert SynonymSet.objects.filter(terms="社保，社会保险").exists()
    assert pinyin("电子政务") == ("dianzizhengwu", "dzzw")


def test_seed_adds_what_is_missing_and_keeps_editors_changes(tmp_path):
    seed = tmp_path / "dictionary.toml"
    seed.write_text('terms = ["光网城市", "株洲云"]\nsynonyms = [["社保", "社会保险"], ["医保卡", "社会保障卡"]]\n')
    DictionaryTerm.objects.filter(word="光网城市").update(weight=7, enabled=False)
    result = seed_dictionary(path=seed)
    assert (result.terms, result.synonym_sets) == (1, 1)  # only 株洲云 and the new set
    assert DictionaryTerm.objects.filter(word="光网城市", weight=7, enabled=False).exists()
    assert "株洲云" in index_tokens("建设株洲云平台")  # the version bump reloads the segmenter
    assert (seed_dictionary(path=seed).terms, seed_dictionary(path=seed).synonym_sets) == (0, 0)


def test_seed_if_empty_leaves_a_maintained_dictionary_alone():
    DictionaryTerm.objects.filter(word="古树名木").delete()
    assert seed_dictionary(if_empty=True).skipped
    assert not DictionaryTerm.objects.filter(word="古树名木").exists()  # an editor's deletion stays
    DictionaryTerm.objects.all().delete()
    SynonymSet.objects.all().delete()
    out = StringIO()
    call_command("seed_search_dictionary", "--if-empty", stdout=out)
    assert "新增词条" in out.getvalue() and DictionaryTerm.objects.filter(word="古树名木").exists()
    assert SynonymSet.objects.filter(terms="社保，社会保险").exists()


def test_seeded_government_terms_stay_whole():
    tokens = index_tokens("加强古树名木保护，推广市民一卡通")
    assert {"古树名木", "市民一卡通"} <= set(tokens) and "木" not in tokens  # was 古树名 + 木


def test_a_new_dictionary_word_changes_segmentation_at_once():
    assert "株洲云" not in index_tokens("建设株洲云平台")
    DictionaryTerm.objects.create(word="株洲云")
    assert "株洲云" in index_tokens("建设株洲云平台")
    DictionaryTerm.objects.filter(word="株洲云").delete()
    assert "株洲云" not in index_tokens("建设株洲云平台")


def test_a_new_synonym_set_expands_queries():
    assert [g.word for g in parse("医保卡").groups] == ["医保卡"]
    assert ("医疗保险",) in parse("医保").groups[0].alternatives  # seeded synonym set
    SynonymSet.objects.create(terms="医保卡、社会保障卡")
    alternatives = parse("医保卡").groups[0].alternatives
    assert ("医保卡",) in alternatives and ("社会保障卡",) in alternatives


def test_synonym_and_term_validation_in_chinese():
    with pytest.raises(ValidationError, match="至少需要两个词"):
        SynonymSet(terms="社保").full_clean()
    with pytest.raises(ValidationError, match="不能有空格或标点"):
        SynonymSet(terms="社保，社会-保险").full_clean()
    with pytest.raises(ValidationError, match="至少两个字"):
        DictionaryTerm(word="社").full_clean()


def test_query_parsing_limits_and_drops_syntax():
    long = parse("电子政务" * 300)
    assert long.truncated and len(long.text) == MAX_QUERY_CHARS
    assert parse('"社保" OR title:(x) \\').groups[0].word == "社保"
    assert parse("😀 !!! ''").is_empty and parse("").is_empty
    # Single characters next to real words are dropped; alone they are searched.
    assert [g.word for g in parse("社保 的 办理").groups] == ["社保", "办理"]
    assert [g.word for g in parse("网").groups] == ["网"]


def fulltext_rows() -> int:
    table = {"sqlite": "search_fts", "postgresql": "search_fulltext"}[connection.vendor]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {table}")
        return cursor.fetchone()[0]


def test_reindex_command_rebuilds_the_database_index(corpus, capsys):
    expected = SearchDocument.objects.count()  # the corpus and the blueprint pages of the base group
    SearchDocument.objects.all().delete()
    stale = SearchDocument.objects.create(
        key="page:999999",
        doc_type="news",
        model="home.articlepage",
        site=corpus["egov"].get_site().profile,
        site_lineage="/1/",
        path="/x/",
        title="已删除",
    )
    call_command("search_reindex", "--no-progress")
    assert f"数据库索引：{expected} 条" in capsys.readouterr().out
    assert not SearchDocument.objects.filter(pk=stale.pk).exists()
    assert fulltext_rows() == SearchDocument.objects.count()  # no full-text row outlives its document
    assert set(SearchDocument.objects.values_list("doc_type", flat=True)) == {
        "news",
        "notice",
        "policy",
        "disclosure",
        "qa",
        "service",
        "page",
    }  # every type, 办事 from the corpus's 办事指南


def test_admin_edits_the_vocabulary(client, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    client.force_login(admin)
    response = client.post("/admin/search_synonyms/new/", {"terms": "一网通办、一网办", "note": "", "enabled": "on"})
    assert response.status_code == 302
    assert ("一网办",) in parse("一网通办").groups[0].alternatives
    response = client.post("/admin/search_synonyms/new/", {"terms": "只有一个", "note": "", "enabled": "on"})
    assert response.status_code == 200 and "至少需要两个词" in response.content.decode()
    assert client.get("/admin/search_terms/").status_code == 200
