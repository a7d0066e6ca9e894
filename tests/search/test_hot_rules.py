"""热门搜索管理: a website group's staff hide terms (never a hot term, suggestion or correction on the group's sites)
or pin them first; only for their own group; the admin is confined to the group's top-portal staff."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from search.enums import HotTermAction
from search.hot import hot_terms
from search.models import HotTermRule, QueryLog
from search.services import search
from search.suggest import clear_vocabulary, complete
from tests.conftest import site_client
from tests.interaction.admin_helpers import staff

pytestmark = pytest.mark.django_db

HOT = "/api/v1/search/hot/"
SUGGEST = "/api/v1/search/suggest/"
HIDE, PIN = HotTermAction.HIDE, HotTermAction.PIN


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    clear_vocabulary()
    yield
    clear_vocabulary()


def logged(query, site, clients):
    QueryLog.objects.create(query=query, day=timezone.localdate(), count=clients, clients=clients, hits=2, site=site)


@pytest.fixture
def searches(group):
    """The same popular searches in both city groups."""
    for site in (group.hetang, group.changde):
        logged("光网城市", site, 9)
        logged("公积金提取", site, 7)
        logged("社保卡办理", site, 6)


def hot(site):
    return [(t.query, t.count, t.pinned) for t in hot_terms(site)]


# What the rules do -------------------------------------------------------------------------------------------


def test_a_hidden_term_leaves_only_its_groups_hot_terms(searches, group):
    HotTermRule.objects.create(site=group.zhuzhou, term="光网城市", action=HIDE)
    assert [q for q, *_ in hot(group.hetang)] == ["公积金提取", "社保卡办理"]
    assert [q for q, *_ in hot(group.zhuzhou)] == ["公积金提取", "社保卡办理"]
    assert [q for q, *_ in hot(group.changde)] == ["光网城市", "公积金提取", "社保卡办理"]  # another group's rule
    # The whole platform (no site) hides what any group hides.
    assert [q for q, *_ in hot(None)] == ["公积金提取", "社保卡办理"]


def test_pinned_terms_come_first_even_without_searches_and_only_in_their_group(searches, group):
    HotTermRule.objects.create(site=group.zhuzhou, term="12345热线", action=PIN, sort_order=2)
    HotTermRule.objects.create(site=group.zhuzhou, term="社保卡办理", action=PIN, sort_order=1)
    assert hot(group.all["hetang-daping"]) == [
        ("社保卡办理", 6, True),  # pinned, with its clients
        ("12345热线", 0, True),  # pinned, never searched
        ("光网城市", 9, False),
        ("公积金提取", 7, False),
    ]
    assert [t.query for t in hot_terms(group.zhuzhou, limit=3)] == ["社保卡办理", "12345热线", "光网城市"]
    assert [q for q, _, pinned in hot(group.changde) if pinned] == []
    assert [q for q, _, pinned in hot(None) if pinned] == []
    body = Client().get(HOT, {"site": "hetang", "limit": "2"}).json()
    assert [(i["query"], i["count"], i["pinned"]) for i in body["items"]] == [
        ("社保卡办理", 6, True),
        ("12345热线", 0, True),
    ]


def test_a_hidden_term_is_never_suggested_nor_offered_as_a_correction(corpus, group, searches):
    # 光网城市 is a dictionary term, a title word and a popular search: hidden, it goes from all three.
    assert "光网城市" in {s.text for s in complete("光网", group.hetang)}
    assert search("光网城事", site=group.hetang).suggestion == "光网城市"
    HotTermRule.objects.create(site=group.zhuzhou, term="光网城市", action=HIDE)
    assert "光网城市" not in {s.text for s in complete("光网", group.hetang)}
    assert "光网城市" not in {s.text for s in complete("gwcs", group.zhuzhou)}
    assert search("光网城事", site=group.hetang).suggestion == ""
    answer = Client().get(SUGGEST, {"q": "光网", "site": "zhuzhou-fgw"}).json()["items"]
    assert "光网城市" not in {i["text"] for i in answer if i["kind"] == "term"}
    # 常德's group keeps it; without a site (the whole platform) it is hidden.
    assert "光网城市" in {s.text for s in complete("光网", group.changde)}
    assert "光网城市" not in {s.text for s in complete("光网", None)}
    # Titles containing the word are content, not terms: they are still listed.
    assert "荷塘区光网城市建设提速" in {s.text for s in complete("光网", group.hetang)}


def test_pages_show_the_groups_rules(searches, group):
    HotTermRule.objects.create(site=group.zhuzhou, term="光网城市", action=HIDE)
    HotTermRule.objects.create(site=group.zhuzhou, term="12345热线", action=PIN)
    html = site_client(group.hetang).get("/search/").content.decode()
    terms = html[html.index('class="hot-terms"') :]
    terms = terms[: terms.index("</nav>")]
    assert terms.index("12345热线") < terms.index("公积金提取") and "光网城市" not in terms
    other = site_client(group.changde).get("/search/").content.decode()
    assert "光网城市" in other and "12345热线" not in other


def test_a_rule_change_shows_at_once(searches, group):
    assert hot(group.hetang)[0][0] == "光网城市"  # now cached for five minutes
    assert "光网城市" in {s.text for s in complete("光网", group.hetang)}  # the vocabulary too
    rule = HotTermRule.objects.create(site=group.zhuzhou, term="光网城市", action=HIDE)
    assert hot(group.hetang)[0][0] == "公积金提取"
    assert "光网城市" not in {s.text for s in complete("光网", group.hetang)}
    rule.delete()
    assert hot(group.hetang)[0][0] == "光网城市"


@override_settings(PAGE_CACHE_SECONDS=300)
def test_a_rule_change_clears_the_cached_search_page(searches, group):
    client = site_client(group.hetang)
    assert "光网城市" in client.get("/search/").content.decode()
    assert client.get("/search/")["X-Page-Cache"] == "hit"
    HotTermRule.objects.create(site=group.zhuzhou, term="光网城市", action=HIDE)
    fresh = client.get("/search/")
    assert fresh["X-Page-Cache"] == "miss" and "光网城市" not in fresh.content.decode()


# The rule itself ---------------------------------------------------------------------------------------------


def test_terms_are_stored_in_their_canonical_form(group):
    rule = HotTermRule(site=group.zhuzhou, term="  ＧＷ   城市 ", action=HIDE)
    rule.full_clean()
    rule.save()
    assert rule.term == "gw 城市"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"term": "   "}, "term", "请填写检索词。"),
        ({"term": "7*7"}, "term", "检索词只能包含汉字、字母和数字（词之间可用空格分隔），不能有标点或符号。"),
        ({"term": "<script>"}, "term", "检索词只能包含汉字、字母和数字（词之间可用空格分隔），不能有标点或符号。"),
        ({"term": "政" * 21, "action": PIN}, "term", "置顶的检索词不能超过20个字。"),
        ({"term": "光网城市"}, "term", "该网站群已有这个检索词的规则。"),
        ({"term": "光网城市", "action": PIN}, "term", "该网站群已有这个检索词的规则。"),
    ],
)
def test_bad_rules_are_refused_field_by_field(group, fields, field, message):
    HotTermRule.objects.create(site=group.zhuzhou, term="光网城市", action=HIDE)
    values = {"site": group.zhuzhou, "term": "", "action": HIDE, **fields}
    with pytest.raises(ValidationError) as raised:
        HotTermRule(**values).full_clean()
    assert raised.value.message_dict[field] == [message]


def test_a_rule_belongs_to_a_top_portal(group):
    with pytest.raises(ValidationError) as raised:
        HotTermRule(site=group.hetang, term="光网城市", action=HIDE).full_clean()
    assert "请选择网站群的顶级门户网站。" in raised.value.message_dict["site"]
    HotTermRule(site=group.changde, term="光网城市", action=HIDE).full_clean()  # each group has its own


# Admin: confined to each group's top-portal staff ------------------------------------------------------------


def url(view, rule=None):
    return reverse(f"search_hot_rules:{view}", args=[rule.pk] if rule else [])


def form(site, term="光网城市", action=HIDE, **fields):
    return {"site": site.pk if site else "", "term": term, "action": action, "sort_order": 0, "note": "", **fields}


@pytest.fixture
def rules(group):
    return {
        "zhuzhou": HotTermRule.objects.create(site=group.zhuzhou, term="株洲隐藏词", action=HIDE, note="株洲的规则"),
        "changde": HotTermRule.objects.create(site=group.changde, term="常德置顶词", action=PIN, note="常德的规则"),
    }


def test_top_portal_staff_manage_their_groups_rules_only(rules, group):
    user = staff(group.zhuzhou, "reviewer")
    client = site_client(group.zhuzhou, user)
    html = client.get(url("index")).content.decode()
    assert "株洲隐藏词" in html and "常德置顶词" not in html
    assert url("edit", rules["zhuzhou"]) in html
    for view in ("edit", "inspect", "delete", "history", "usage"):
        assert client.get(url(view, rules["zhuzhou"])).status_code == 200, view
        assert client.get(url(view, rules["changde"])).status_code == 404, view
    assert client.post(url("edit", rules["changde"]), form(group.zhuzhou, "越权")).status_code == 404
    assert client.post(url("delete", rules["changde"])).status_code == 404
    assert HotTermRule.objects.get(pk=rules["changde"].pk).term == "常德置顶词"

    # New rules belong to the user's group: not another group, not a site below the portal.
    for site in (group.changde, group.hetang):
        refused = client.post(url("add"), form(site, "越权"))
        assert refused.status_code == 200 and "只能选择您管理的网站群。" in refused.content.decode()
    bad = client.post(url("add"), form(group.zhuzhou, "7*7"))
    assert "不能有标点或符号" in bad.content.decode()
    assert not HotTermRule.objects.filter(term__in=["越权", "7*7"]).exists()
    assert client.post(url("add"), form(group.zhuzhou, "一网通办", PIN)).status_code == 302
    created = HotTermRule.objects.get(term="一网通办")
    assert created.site == group.zhuzhou
    # Every change is in Wagtail's audit log (the rule's 历史记录), with who made it.
    entry = ModelLogEntry.objects.get(object_id=str(created.pk), content_type__model="hottermrule")
    assert (entry.action, entry.user_id) == ("wagtail.create", user.pk)
    assert client.post(url("edit", rules["zhuzhou"]), form(group.zhuzhou, "新隐藏词")).status_code == 302
    assert client.post(url("delete", rules["zhuzhou"])).status_code == 302
    assert not HotTermRule.objects.filter(pk=rules["zhuzhou"].pk).exists()


def test_another_groups_top_portal_staff_get_404(rules, group):
    client = site_client(group.changde, staff(group.changde))
    assert "株洲隐藏词" not in client.get(url("index")).content.decode()
    for view in ("edit", "inspect", "delete", "history", "usage"):
        assert client.get(url(view, rules["zhuzhou"])).status_code == 404, view


@pytest.mark.parametrize("slug", ["hetang", "zhuzhou-fgw", "hetang-daping"])
def test_staff_of_the_groups_other_sites_have_no_access(rules, group, slug):
    """They have no 热门搜索管理: the list and the add form are Wagtail's refusal (a redirect to the dashboard),
    every rule of any group is 404."""
    client = site_client(group.all[slug], staff(group.all[slug]))
    home = reverse("wagtailadmin_home")
    assert url("index") not in client.get(home).content.decode()
    for view in ("index", "add"):
        response = client.get(url(view))
        assert (response.status_code, response["Location"]) == (302, home), view
    for view in ("edit", "inspect", "delete", "history", "usage"):
        for rule in rules.values():
            assert client.get(url(view, rule)).status_code == 404, view
    assert client.post(url("edit", rules["zhuzhou"]), form(group.zhuzhou, "越权")).status_code == 404
    assert client.post(url("delete", rules["zhuzhou"])).status_code == 404
    response = client.post(url("add"), form(group.zhuzhou, "越权"))
    assert (response.status_code, response["Location"]) == (302, home)
    assert not HotTermRule.objects.filter(term="越权").exists()
    assert HotTermRule.objects.filter(pk=rules["zhuzhou"].pk, term="株洲隐藏词").exists()


def test_platform_admins_manage_every_groups_rules(rules, group):
    client = site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))
    html = client.get(url("index")).content.decode()
    assert "株洲隐藏词" in html and "常德置顶词" in html
    assert client.post(url("add"), form(group.changde, "桃花源", PIN)).status_code == 302
    below = client.post(url("add"), form(group.hetang, "荷塘"))
    assert "只能选择您管理的网站群。" in below.content.decode()  # a rule names a group's top portal
    assert client.get(url("edit", rules["changde"])).status_code == 200


def test_the_menu_shows_for_top_portal_staff(group, editor):
    client = site_client(group.zhuzhou, editor("zhuzhou"))
    assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    anonymous = Client().get(url("index"))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("wagtailadmin_login"))
