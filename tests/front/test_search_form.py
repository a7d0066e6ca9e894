"""Issue 15 item 3: the search page has one search button and keeps its advanced filters folded until used."""

import pytest
from bs4 import BeautifulSoup

from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def form_of(client, query: str, status=200):
    response = client.get(f"/search/{query}")
    assert response.status_code == status
    return BeautifulSoup(response.content, "html.parser").select_one("form.search-filters")


def test_one_submit_button_and_the_filters_folded_by_default(group):
    form = form_of(site_client(group.zhuzhou), "?q=城市")
    buttons = form.select("button[type=submit], input[type=submit]")
    assert [b.get_text(strip=True) for b in buttons] == ["搜索"]
    advanced = form.select_one("details.search-advanced")
    assert advanced is not None and not advanced.has_attr("open")
    assert advanced.select_one("summary").get_text(strip=True).startswith("高级检索")
    assert advanced.select_one("select[name=type]") is not None  # the filters are inside the fold


@pytest.mark.parametrize(
    ("query", "status"),
    [("?q=城市&type=news", 200), ("?q=城市&scope=group", 200), ("?q=城市&sort=date", 200), ("?q=城市&from=x", 400)],
)
def test_the_fold_is_open_when_a_filter_is_used_or_refused(group, query, status):
    form = form_of(site_client(group.zhuzhou), query, status)
    assert form.select_one("details.search-advanced").has_attr("open")
