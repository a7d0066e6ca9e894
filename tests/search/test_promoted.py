"""置顶推荐: which queries a pin matches (segmented, with synonyms and pinyin), where it shows (its own site, or
every site; first page only; marked 推荐), and who manages which pins in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse

from search.models import PromotedResult
from search.promoted import promotions_for, query_tokens, term_matches
from search.query import parse
from tests.conftest import site_client
from tests.interaction.admin_helpers import refused, staff

from .promoted_fixtures import pins_fixture  # noqa: F401  (the ``pins`` fixture)

pytestmark = pytest.mark.django_db


def matches(term, text) -> bool:
    return term_matches(term, query_tokens(parse(text)))


@pytest.mark.parametrize(
    ("term", "query"),
    [
        ("社保", "社保"),
        ("社保", "社保卡怎么办理"),  # the word inside a longer, unspaced query
        ("社保", "如何 缴纳 社会保险"),  # a synonym of the pinned word
        ("社会保险", "社保 转移"),  # … both ways
        ("电子政务", "dzzw"),  # the query's pinyin initials spell a dictionary word
        ("12345", "12345热线打不通"),
        ("公积金 提取", "住房公积金怎么提取"),  # every word of the term, in any order
        ("Covid", "COVID 疫苗"),  # case does not matter
    ],
)
def test_a_pin_matches_queries_containing_its_term(term, query):
    assert matches(term, query)


@pytest.mark.parametrize(
    ("term", "query"),
    [
        ("社保卡办理", "社保"),  # a more specific pin does not show for a general query
        ("公积金 提取", "公积金"),
        ("电子政务", "政务"),
        ("社保", ""),
        ("社保", "😀"),
    ],
)
def test_a_pin_does_not_match_unrelated_queries(term, query):
    assert not matches(term, query)


def shown(text, profile):
    return [p.title for p in promotions_for(parse(text), profile)]


def test_a_site_shows_its_own_and_the_platform_pins_in_order(pins, group):
    assert shown("社保卡怎么办", group.zhuzhou) == ["关于调整社会保险缴费基数的通知", "社保卡申领服务"]
    assert shown("社会保险", group.hetang) == ["住房公积金提取管理办法"]  # 荷塘区's own pin, not 株洲's
    assert shown("社保", group.changde) == []
    for profile in (group.zhuzhou, group.changde, group.all["hetang-daping"]):
        assert shown("12345热线", profile) == ["12345政务服务便民热线"]


def test_a_pinned_page_that_is_no_longer_public_is_not_shown(pins, group, corpus):
    page = corpus["social"]
    page.unpublish()
    assert shown("社保", group.zhuzhou) == ["社保卡申领服务"]


def test_a_pin_needs_terms_and_exactly_one_target(group, corpus):
    cases = [
        ({"terms": "", "url": "https://a.example/", "title": "甲"}, "terms"),
        ({"terms": "😀 ！", "url": "https://a.example/", "title": "甲"}, "terms"),
        ({"terms": "社保"}, "page"),
        ({"terms": "社保", "page": corpus["social"], "url": "https://a.example/"}, "url"),
        ({"terms": "社保", "url": "https://a.example/"}, "title"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as raised:
            PromotedResult(site=group.zhuzhou, **fields).full_clean()
        assert field in raised.value.message_dict, fields
    draft = corpus["guide"]
    draft.unpublish()
    with pytest.raises(ValidationError, match="未发布"):
        PromotedResult(site=group.zhuzhou, terms="办事", page=draft).full_clean()
    pin = PromotedResult(site=group.zhuzhou, terms=" 社保， 社保卡 、社保 ", page=corpus["social"])
    pin.full_clean()
    pin.save()
    assert pin.terms == "社保，社保卡" and pin.term_list() == ["社保", "社保卡"]


# Admin: confined to each site's staff ------------------------------------------------------------------------


def url(view, pin=None):
    return reverse(f"search_promoted:{view}", args=[pin.pk] if pin else [])


def form(site, **fields):
    data = {"site": site.pk if site else "", "terms": "社保", "page": "", "url": "", "title": "", "description": ""}
    data.update(sort_order=0, enabled="on", expires_on="")
    data.update(fields)
    return data


def test_site_staff_manage_their_own_pins_and_read_the_platform_ones(pins, group):
    client = site_client(group.zhuzhou, staff(group.zhuzhou))
    html = client.get(url("index")).content.decode()
    assert "社保卡申领服务" in html and "12345政务服务便民热线" in html and "住房公积金提取管理办法" not in html
    assert url("edit", pins["link"]) in html and url("edit", pins["everywhere"]) not in html
    assert client.get(url("inspect", pins["everywhere"])).status_code == 200
    assert client.get(url("edit", pins["link"])).status_code == 200
    for view in ("edit", "delete", "inspect", "history", "usage"):
        assert client.get(url(view, pins["hetang"])).status_code == 404, view
    for view in ("edit", "delete"):
        assert client.get(url(view, pins["everywhere"])).status_code == 404, view
    assert client.post(url("edit", pins["hetang"]), form(group.zhuzhou, page=pins["hetang"].page_id)).status_code == 404
    assert client.post(url("delete", pins["everywhere"])).status_code == 404
    assert PromotedResult.objects.filter(pk=pins["everywhere"].pk).exists()

    # New pins belong to one of the user's own sites: not another's, not every site.
    other = client.post(url("add"), form(group.hetang, url="https://x.example/", title="越权"))
    assert "只能选择您所在的网站。" in other.content.decode()
    everywhere = client.post(url("add"), form(None, url="https://x.example/", title="越权"))
    assert "请选择所属网站。" in everywhere.content.decode()
    assert not PromotedResult.objects.filter(title="越权").exists()
    fields = form(group.zhuzhou, terms="公积金", url="https://gjj.example/", title="公积金查询")
    created = client.post(url("add"), fields)
    assert created.status_code == 302
    assert PromotedResult.objects.get(title="公积金查询").site == group.zhuzhou
    assert client.post(url("delete", pins["link"])).status_code == 302
    assert not PromotedResult.objects.filter(pk=pins["link"].pk).exists()


def test_platform_admins_pin_for_every_site(pins, group):
    client = site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))
    html = client.get(url("index")).content.decode()
    assert "住房公积金提取管理办法" in html and "12345政务服务便民热线" in html
    response = client.post(url("add"), form(None, terms="疫苗", url="https://ym.example/", title="疫苗接种点"))
    assert response.status_code == 302 and PromotedResult.objects.get(title="疫苗接种点").site is None
    edit = form(group.hetang, terms="社保", page=pins["hetang"].page_id, title="荷塘区推荐")
    assert client.post(url("edit", pins["hetang"]), edit).status_code == 302


def test_the_menu_shows_for_site_staff_and_nobody_else_gets_in(pins, group):
    home = site_client(group.hetang, staff(group.hetang, "reviewer")).get(reverse("wagtailadmin_home"))
    assert url("index") in home.content.decode()
    outsider = get_user_model().objects.create_user("outsider", password="x")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = site_client(group.zhuzhou, outsider)
    assert refused(client.get(url("index")))
    assert refused(client.get(url("add")))
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()
