"""Suggestions as you type (static/js/search-suggest.js) in a real browser: the header box and the search page's
own box inside its filter form, by keyboard and by mouse, with the ARIA combobox state a screen reader reads."""

import re
from urllib.parse import parse_qs, urlparse

import pytest

from demo.factories.home import ArticlePageFactory, column_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def portal(group, app_server, django_capture_on_commit_callbacks):
    zhuzhou = group.all["zhuzhou"]
    with django_capture_on_commit_callbacks(execute=True):  # its search indexing runs on commit
        ArticlePageFactory(parent=column_of(zhuzhou, "zwyw"), title="推进电子政务外网扩容升级")
    # Chromium resolves every *.localhost name to the loopback interface the live server listens on.
    return app_server.url.replace("://localhost", f"://{zhuzhou.site.hostname}")


def options_of(page, box):
    listbox = box.locator("[role=listbox]")
    listbox.wait_for(state="visible")
    return listbox.locator("[role=option]")


def test_header_box_offers_pinyin_initials_and_keyboard_choice_searches(page, portal):
    page.goto(portal + "/")
    box = page.locator("form.search-form")
    field = box.locator("input[name=q]")
    assert field.get_attribute("role") == "combobox" and field.get_attribute("aria-expanded") == "false"

    field.press_sequentially("dzzw", delay=20)
    options = options_of(page, box)
    assert options.first.inner_text() == "电子政务"  # the initials' own word comes first
    assert field.get_attribute("aria-expanded") == "true"
    assert re.search(r"有\d+条搜索建议", box.locator("[role=status]").inner_text())

    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    assert field.input_value() == "dzzw"  # manual selection: the box keeps what was typed until Enter
    with page.expect_navigation():
        field.press("Enter")
    assert parse_qs(urlparse(page.url).query)["q"] == ["电子政务"]
    assert page.get_by_role("link", name=re.compile("电子政务外网扩容升级")).count() >= 1


def test_escape_closes_the_list_and_a_second_escape_clears_the_box(page, portal):
    page.goto(portal + "/")
    field = page.locator("form.search-form input[name=q]")
    field.press_sequentially("gwcs", delay=20)
    options_of(page, page.locator("form.search-form"))
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false" and field.input_value() == "gwcs"
    field.press("Escape")
    assert field.input_value() == ""


def test_search_page_box_suggests_and_keeps_the_filters(page, portal):
    page.goto(portal + "/search/?q=光网&type=news&sort=date")
    box = page.locator(".search-box [data-search-suggest]")
    field = page.locator("#search-q")
    assert field.get_attribute("role") == "combobox"
    field.fill("")
    field.press_sequentially("dianzi", delay=20)
    options = options_of(page, box)
    chosen = options.filter(has_text="电子政务").first
    # The list opens under this box, not under the header's: only one listbox is visible.
    assert page.locator("[role=listbox]:visible").count() == 1
    with page.expect_navigation():
        chosen.click()
    query = parse_qs(urlparse(page.url).query)
    assert query["q"] == ["电子政务"] and query["type"] == ["news"] and query["sort"] == ["date"]
    assert page.locator("#search-q").input_value() == "电子政务"
