"""The 网站 facet and the form's site select at group scale: a tree and two levels at a time, not every site flat."""

from types import SimpleNamespace

from django.http import QueryDict

from search.presenters import Option, site_select_groups, site_tree

# city → 2 districts → townships → villages, plus a department of the city
SITES = [
    ("city", None, "city"),
    ("d1", "city", "district"),
    ("d2", "city", "district"),
    ("fgw", "city", "department"),
    ("t1", "d1", "township"),
    ("v1", "t1", "village"),
    ("v2", "t1", "village"),
    ("t2", "d2", "township"),
]


def profiles():
    pks = {slug: i + 1 for i, (slug, _, _) in enumerate(SITES)}
    return [
        SimpleNamespace(pk=pks[slug], slug=slug, parent_id=pks.get(parent), kind=kind, sort_order=0, display_name=slug)
        for slug, parent, kind in SITES
    ]


def options(counts, chosen=()):
    return [Option(value=s, label=s.upper(), count=counts.get(s, 0), selected=s in chosen) for s, _, _ in SITES]


def flat(nodes, depth=0):
    return [(depth, n.option.value, n.option.count, n.total, n.open, bool(n.option.url)) for n in nodes] + [
        row for n in nodes for row in flat(n.children, depth + 1)
    ]


def test_tree_keeps_only_branches_with_results_and_totals_them():
    tree = site_tree(options({"city": 2, "v1": 3, "v2": 1, "fgw": 1}), profiles(), QueryDict("q=x"))
    assert [n.option.value for n in tree] == ["city"]
    city = tree[0]
    assert (city.total, city.below_total, city.open) == (7, 5, True)
    assert [n.option.value for n in city.children] == ["d1", "fgw"]  # d2 and t2 have nothing: left out
    d1 = city.children[0]
    assert (d1.option.count, d1.total, d1.open, d1.option.url) == (0, 4, False, "")  # no results of its own: no link
    assert [n.option.value for n in d1.children[0].children] == ["v1", "v2"]
    assert d1.children[0].children[0].option.url == "?q=x&site=v1"


def test_a_chosen_site_opens_the_branches_above_it_and_links_to_its_removal():
    tree = site_tree(options({"city": 1, "v2": 1}, chosen=["v2"]), profiles(), QueryDict("q=x&site=v2"))
    rows = {slug: (open_, linked) for _, slug, _, _, open_, linked in flat(tree)}
    assert rows["d1"][0] and rows["t1"][0]  # open down to the chosen village
    villages = tree[0].children[0].children[0].children
    assert [n.option.value for n in villages] == ["v2"]
    v2 = villages[0]
    assert v2.option.selected and v2.option.url == "?q=x"


def test_one_site_in_scope_has_no_facet():
    assert site_tree([], profiles()[:1], QueryDict("")) == []


def test_select_offers_two_levels_then_below_the_chosen_site():
    params = SimpleNamespace(scope_profiles=profiles(), sites=[])
    groups = site_select_groups([Option(s, s, None, False) for s, _, _ in SITES], params)
    assert [(label, [o.value for o in opts]) for label, opts in groups] == [
        ("本级", ["city"]),
        ("区县门户", ["d1", "d2"]),
        ("部门网站", ["fgw"]),
    ]
    chosen = SimpleNamespace(scope_profiles=profiles(), sites=[profiles()[4]])  # t1
    labels = [label for label, _ in site_select_groups([Option(s, s, None, s == "t1") for s, _, _ in SITES], chosen)]
    assert labels[-2:] == ["d1下级站点", "t1下级站点"]


def test_select_after_a_search_lists_only_sites_with_results():
    params = SimpleNamespace(scope_profiles=profiles(), sites=[])
    groups = site_select_groups(options({"d2": 4}), params)
    assert [(label, [o.value for o in opts]) for label, opts in groups] == [("区县门户", ["d2"])]
