"""The 错敏词 dictionary in the admin: Chinese field errors for empty, overlong, malformed, duplicated and
overlapping entries; nothing stored on error; the per-site whitelist confined to a site's own staff; the seed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from evaluation.enums import WordKind, WordLevel
from evaluation.models import WordEntry, WordWhitelist
from tests.conftest import site_client

from .words_helpers import leader, name, typo

pytestmark = pytest.mark.django_db

ADD_URL = reverse("evaluation_words:add")


@pytest.fixture
def admin_client(group):
    return site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))


def form(**fields):
    data = {"kind": WordKind.TYPO, "word": "", "correction": "", "variants": "", "leadership": "", "rank": ""}
    return {**data, "level": WordLevel.NORMAL, "note": "", "enabled": "on", **fields}


def field_errors(response, field):
    assert response.status_code == 200  # the form again, never a 500
    return response.context["form"].errors.get(field)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"word": ""}, "word", "请填写词条。"),
        ({"word": "布", "correction": "部署"}, "word", "“布”太短：词条至少2个字。"),
        ({"word": "布" * 41, "correction": "部署"}, "word", "词条最多40个字（当前41个）。"),
        ({"word": "布 署", "correction": "部署"}, "word",
         "“布 署”只能包含汉字、字母、数字和间隔号“·”，不能有空格或其他标点。"),
        ({"word": "布署"}, "correction", "错别字须填写正确写法。"),
        ({"word": "布署", "correction": "布署"}, "word", "错误写法与正确写法相同。"),
        ({"kind": WordKind.NAME, "word": "株洲"}, "variants", "机构/地名须填写至少一个常见错误写法。"),
        ({"kind": WordKind.NAME, "word": "株洲市", "variants": "株洲"}, "variants",
         "错误写法“株洲”包含在正确写法“株洲市”中，会把正确写法也标为错误。"),
        ({"kind": WordKind.LEADER, "word": "张演示"}, "correction", "领导人须填写正确职务。"),
        ({"kind": WordKind.LEADER, "word": "张演示", "correction": "市长"}, "leadership", "领导人须填写所属领导班子。"),
        ({"kind": WordKind.LEADER, "word": "张演示", "correction": "市长", "leadership": "株洲市人民政府"}, "rank",
         "领导人须填写班子内排序。"),
    ],
)  # fmt: skip
def test_bad_entries_get_chinese_field_errors_and_are_not_stored(admin_client, fields, field, message):
    response = admin_client.post(ADD_URL, form(**fields))
    assert field_errors(response, field) == [message]
    assert not WordEntry.objects.exists()


def test_duplicate_entry_is_refused(admin_client):
    typo("布署", "部署")
    response = admin_client.post(ADD_URL, form(word="布署", correction="部署"))
    assert field_errors(response, "word") == ["词典中已有错别字“布署 → 部署”。"]


def test_one_wrong_form_with_two_corrections_is_refused(admin_client):
    typo("布署", "部署")
    response = admin_client.post(ADD_URL, form(word="布署", correction="布置"))
    assert field_errors(response, "word") == ["“布署”已有更正“部署”，同一错误写法不能有两个不同的更正。"]
    assert WordEntry.objects.get().correction == "部署"


def test_wrong_form_equal_to_another_entrys_right_form_is_refused(admin_client):
    typo("布署", "部署")
    response = admin_client.post(ADD_URL, form(word="部署", correction="布署"))
    assert field_errors(response, "word") == ["“部署”与错别字“布署 → 部署”的正确写法“部署”冲突。"]
    response = admin_client.post(ADD_URL, form(kind=WordKind.NAME, word="布署", variants="布暑"))
    assert field_errors(response, "word") == ["正确写法“布署”是错别字“布署 → 部署”的错误写法，两者矛盾。"]


def test_pattern_already_matched_by_another_kind_is_refused(admin_client):
    name("株洲", "株州")
    response = admin_client.post(ADD_URL, form(word="株州", correction="株洲"))
    assert field_errors(response, "word") == ["“株州”已由机构/地名“株洲”匹配，不能重复。"]


def test_good_entry_is_stored_normalised(admin_client):
    response = admin_client.post(ADD_URL, form(kind=WordKind.NAME, word="株洲", variants="株州， 株州市"))
    assert response.status_code == 302
    assert WordEntry.objects.get().variants == "株州、株州市"
    response = admin_client.post(
        ADD_URL, form(kind=WordKind.LEADER, word="张演示", correction="市长", leadership="株洲市人民政府", rank="1")
    )
    assert response.status_code == 302


def test_site_staff_cannot_open_the_dictionary(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    response = client.get(reverse("evaluation_words:index"))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_site_staff_manage_only_their_own_whitelist(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    other = WordWhitelist.objects.create(site=group.zhuzhou, word="株州大道")
    url = reverse("evaluation_word_whitelist:add")
    response = client.post(url, {"site": group.zhuzhou.pk, "word": "株州路", "note": ""})
    assert response.context["form"].errors["site"] == ["只能选择您所在的网站。"]
    response = client.post(url, {"site": group.hetang.pk, "word": "株州路", "note": ""})
    assert response.status_code == 302
    assert WordWhitelist.objects.get(site=group.hetang).word == "株州路"
    listing = client.get(reverse("evaluation_word_whitelist:index")).content.decode()
    assert "株州路" in listing and "株州大道" not in listing
    assert client.get(reverse("evaluation_word_whitelist:edit", args=[other.pk])).status_code == 404
    assert client.post(reverse("evaluation_word_whitelist:delete", args=[other.pk])).status_code == 404
    assert WordWhitelist.objects.filter(pk=other.pk).exists()


def test_whitelist_duplicate_and_empty_words_get_field_errors(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    WordWhitelist.objects.create(site=group.hetang, word="株州路")
    url = reverse("evaluation_word_whitelist:add")
    response = client.post(url, {"site": group.hetang.pk, "word": "株州路", "note": ""})
    assert response.context["form"].errors["word"] == ["本网站的白名单已有“株州路”。"]
    response = client.post(url, {"site": group.hetang.pk, "word": "", "note": ""})
    assert response.context["form"].errors["word"] == ["请填写白名单词语。"]


def test_seed_is_idempotent_and_keeps_edited_entries(capsys):
    call_command("seed_word_dictionary")
    count = WordEntry.objects.count()
    assert count >= 30 and WordEntry.objects.filter(kind=WordKind.TYPO, word="布署", correction="部署").exists()
    edited = WordEntry.objects.get(kind=WordKind.TYPO, word="布署")
    edited.level = WordLevel.SERIOUS
    edited.save()
    call_command("seed_word_dictionary")
    assert WordEntry.objects.count() == count
    assert WordEntry.objects.get(pk=edited.pk).level == WordLevel.SERIOUS
    assert "未导入" not in capsys.readouterr().err  # every row of the shipped file is a valid entry


def test_demo_seed_adds_fictional_leaders():
    from demo.evaluation import seed_demo_words

    result = seed_demo_words()
    assert result.refused == []
    assert list(WordEntry.objects.filter(kind=WordKind.LEADER).order_by("rank").values_list("word", "rank")) == [
        ("张演示", 1), ("李演示", 2), ("王演示", 3), ("赵演示", 4),
    ]  # fmt: skip


def test_seed_reports_rows_that_would_be_refused(tmp_path):
    leader("张演示", "市长", 1)
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,word,correction,variants,leadership,rank,level,note\ntypo,张演示,市长,,,,normal,\n")
    from evaluation.words.seed import seed_words

    result = seed_words([bad])
    assert result.created == 0 and len(result.refused) == 1
    assert result.refused[0].startswith("bad.csv:2: ")


def test_platform_admin_lists_and_filters_the_dictionary(admin_client):
    typo("布署", "部署")
    name("株洲", "株州")
    html = admin_client.get(reverse("evaluation_words:index"), {"kind": WordKind.NAME}).content.decode()
    assert "株州" in html and "布署" not in html
    assert admin_client.get(ADD_URL).status_code == 200
