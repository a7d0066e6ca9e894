"""The 错敏词 matcher: hits with offsets, kinds, levels and suggestions; the site whitelist; the leader rules; one
automaton per dictionary version."""

import pytest

from evaluation.enums import WordKind, WordLevel
from evaluation.words import matcher
from evaluation.words.matcher import scan

from .words_helpers import leadership, name, sensitive, typo

pytestmark = pytest.mark.django_db


def test_typo_sensitive_and_name_hits_carry_offsets_kind_level_and_suggestion():
    typo("布署", "部署")
    sensitive("台湾政府", correction="台湾当局")
    name("株洲", "株州")
    text = "认真布署工作。台湾政府……株州市"
    hits = scan(text)
    assert [(h.start, h.end, h.text, h.kind, h.level, h.suggestion) for h in hits] == [
        (2, 4, "布署", WordKind.TYPO, WordLevel.NORMAL, "部署"),
        (7, 11, "台湾政府", WordKind.SENSITIVE, WordLevel.SERIOUS, "台湾当局"),
        (13, 15, "株州", WordKind.NAME, WordLevel.NORMAL, "株洲"),
    ]
    assert text[hits[0].start : hits[0].end] == "布署"
    assert hits[0].message == "疑似错别字“布署”，应为“部署”"
    assert [h.serious for h in hits] == [False, True, False]


def test_right_text_and_disabled_entries_give_no_hit():
    typo("布署", "部署")
    entry = typo("贯切", "贯彻")
    entry.enabled = False
    entry.save()
    assert scan("认真部署，贯切落实。") == []


def test_every_occurrence_is_a_hit():
    typo("布署", "部署")
    assert [h.start for h in scan("布署、再布署")] == [0, 4]


def test_whitelist_drops_hits_inside_a_whitelisted_word_only():
    name("株洲", "株州")
    text = "株州大道（路名照录）与株州市"
    assert len(scan(text)) == 2
    hits = scan(text, whitelist=["株州大道"])
    assert [(h.start, h.text) for h in hits] == [(11, "株州")]
    assert scan(text, whitelist=["株州"]) == []


def test_leader_with_a_title_that_is_not_theirs_is_a_hit():
    leadership()
    hits = scan("副市长张演示出席会议。")
    assert [(h.start, h.end, h.text, h.kind, h.level) for h in hits] == [
        (3, 6, "张演示", WordKind.LEADER, WordLevel.SERIOUS)
    ]
    assert hits[0].message == "“张演示”的职务应为市长，不是“副市长”"
    assert hits[0].suggestion == "张演示（市长）"


def test_leader_title_after_the_name_and_longest_title_win():
    leadership()
    assert [h.text for h in scan("张演示副市长讲话")] == ["张演示"]
    # 常务副市长 ends with 副市长 and 市长: the longest title is the one read.
    assert scan("常务副市长李演示主持") == []
    assert [h.message for h in scan("市长李演示主持")] == ["“李演示”的职务应为常务副市长，不是“市长”"]


def test_leader_with_their_own_title_or_none_is_not_a_hit():
    leadership()
    assert scan("市长张演示、常务副市长李演示出席。张演示同志强调") == []


def test_leaders_listed_out_of_order_is_an_advisory_hit():
    leadership()
    text = "出席会议的有李演示、张演示、王演示。"
    hits = scan(text)
    assert [(h.start, h.end, h.level, h.suggestion) for h in hits] == [
        (6, 17, WordLevel.HINT, "张演示、李演示、王演示")
    ]
    assert hits[0].message == "株洲市人民政府领导排序有误，应为：张演示、李演示、王演示"


def test_names_in_different_sentences_are_not_one_list():
    leadership()
    assert scan("李演示讲话。张演示总结。") == []
    assert scan("张演示、李演示、王演示出席") == []


def test_automaton_is_built_once_per_dictionary_version(django_assert_num_queries):
    typo("布署", "部署")
    scan("布署")
    with django_assert_num_queries(0):
        first = matcher.dictionary()
        assert scan("布署") and matcher.dictionary() is first
    typo("贯切", "贯彻")  # saving bumps the version: the next scan rebuilds
    assert [h.text for h in scan("布署贯切")] == ["布署", "贯切"]
    assert matcher.dictionary() is not first
