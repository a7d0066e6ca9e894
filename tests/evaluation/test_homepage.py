"""首页不更新: the newest item shown on the home page, warning at 10 days and veto at 14."""

import datetime

import pytest

from evaluation.enums import Severity

from .content import TODAY, article, column, days_ago, emptied, findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(group):
    return emptied(group.hetang)


def verdict(site):
    found = findings("homepage", site)
    assert set(found) <= {"home:stale"}
    return found.get("home:stale")


@pytest.mark.parametrize(
    ("age", "code", "severity"),
    [
        (0, None, None),
        (9, None, None),
        (10, "stale-soon", Severity.WARNING),
        (13, "stale-soon", Severity.WARNING),
        (14, "stale", Severity.VETO),
        (30, "stale", Severity.VETO),
    ],
)
def test_the_newest_item_on_the_home_page_decides(site, age, code, severity):
    news = column(site, "news", show_on_home=True)
    article(news, days_ago(age))
    article(news, days_ago(age + 3))
    found = verdict(site)
    if code is None:
        assert found is None
        return
    assert (found.code, found.severity, found.extra["days"]) == (code, severity, age)
    assert found.due == (TODAY - datetime.timedelta(days=age - 14) if severity == Severity.WARNING else None)


def test_the_warning_names_the_day_it_becomes_a_veto(site):
    article(column(site, "news", show_on_home=True), days_ago(11))
    found = verdict(site)
    assert found.due == datetime.date(2026, 11, 5)
    assert "已11天未更新" in found.title
    assert found.url.startswith("http://hetang.localhost")


def test_items_in_columns_not_shown_on_the_home_page_do_not_count(site):
    article(column(site, "news", show_on_home=True), days_ago(20))
    article(column(site, "notice", show_on_home=False), days_ago(1))
    assert verdict(site).code == "stale"


def test_future_dated_items_are_not_an_update(site):
    news = column(site, "news", show_on_home=True)
    article(news, days_ago(15))
    article(news, days_ago(-3))
    assert verdict(site).extra["days"] == 15


def test_a_home_page_with_nothing_shown_is_not_updated(site):
    column(site, "news", show_on_home=True)
    found = verdict(site)
    assert (found.code, found.severity) == ("no-items", Severity.VETO)


def test_unpublished_items_do_not_count(site):
    news = column(site, "news", show_on_home=True)
    article(news, days_ago(20))
    article(news, days_ago(1), live=False)
    assert verdict(site).code == "stale"


def test_navigation_only_home_counts_any_second_level_column(site):
    """No column is flagged for the home page: the newest item of any column below it decides, sub-columns too."""
    news = column(site, "news")
    article(news, days_ago(30))
    sub = column(site, "news", parent=column(site, "other"))
    article(sub, days_ago(2))
    assert verdict(site) is None
    sub.get_parent().specific.unpublish()  # the column and everything below it disappears from the site
    found = verdict(site)
    assert found.extra == {"days": 30, "newest": "2026-10-03", "navigation_only": True}
    assert "任何二级栏目" in found.title
