"""The group catalogue's 站点 filter offers two levels at a time, not every village flat (issue 11 item 6)."""

import pytest
from bs4 import BeautifulSoup

from openinfo.models import DisclosureIndexPage
from tests.conftest import site_client
from tests.sites.bulk_sites import add_bulk_sites

pytestmark = pytest.mark.django_db


def _site_select(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    groups = {
        group["label"]: [option["value"] for option in group.select("option")]
        for group in page.select('select[name="site"] optgroup')
    }
    selected = [o["value"] for o in page.select('select[name="site"] option[selected]')]
    return groups, selected, page.select_one(".filter-hint")


def test_site_filter_offers_the_top_levels_then_the_chosen_sites_children(group):
    add_bulk_sites(40, group.hetang, prefix="hetang-cun")
    section = DisclosureIndexPage.objects.descendant_of(group.zhuzhou.site.root_page).get()
    client = site_client(group.zhuzhou)
    url = section.relative_url(group.zhuzhou.site) + "group/"

    groups, selected, hint = _site_select(client, url)
    assert groups == {
        "本级": ["zhuzhou"],
        "区县门户": ["hetang"],
        "部门网站": ["zhuzhou-fgw"],
        "专题": ["zhuzhou-xiangjiang"],
    }
    assert selected == [] and hint is not None  # the villages are one choice away, said so

    groups, selected, _ = _site_select(client, url, site="hetang")
    assert groups["荷塘区下级站点"][0] == "hetang-yuetang"
    assert len(groups["荷塘区下级站点"]) == 41 and "hetang-cun-0039" in groups["荷塘区下级站点"]
    assert selected == ["hetang"]

    # A village below a township: its district's and its township's children, the village chosen.
    groups, selected, _ = _site_select(client, url, site="hetang-daping")
    assert groups["荷塘区月塘街道办事处下级站点"] == ["hetang-daping"]
    assert "荷塘区下级站点" in groups and selected == ["hetang-daping"]


def test_group_catalogue_builds_only_the_group_catalogue(group, monkeypatch):
    """Wagtail's routable ``render`` calls the index page's ``get_context``: the group route must not also build
    (and throw away) the site's own catalogue."""
    from openinfo import services

    calls = []
    real = services.catalogue_context

    def recording(request, **kwargs):
        calls.append(sorted(kwargs))
        return real(request, **kwargs)

    monkeypatch.setattr(services, "catalogue_context", recording)
    section = DisclosureIndexPage.objects.descendant_of(group.zhuzhou.site.root_page).get()
    client = site_client(group.zhuzhou)
    assert client.get(section.relative_url(group.zhuzhou.site) + "group/").status_code == 200
    assert calls == [["sites"]]
    assert client.get(section.relative_url(group.zhuzhou.site)).status_code == 200
    assert calls[1:] == [["kind", "root"]]  # the site's own catalogue page still builds its own
