"""栏目不更新 / 空白栏目: every column judged by type and level, the three veto lines and the warnings before them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from evaluation.enums import Severity
from openinfo.models import DisclosureCategoryPage, DisclosureIndexPage

from .content import article, column, days_ago, emptied, findings, noon, standard_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(group):
    return emptied(group.hetang)


def site_level(site):
    return {key: f for key, f in findings("columns", site).items() if key.startswith("site:")}


def fresh_column(site, column_type="news", **kwargs):
    page = column(site, column_type, **kwargs)
    article(page, days_ago(1))
    return page


def test_a_news_column_is_stale_from_14_days(site):
    thirteen = column(site, "news", title="十三天")
    article(thirteen, days_ago(13))
    fourteen = column(site, "news", title="十四天")
    article(fourteen, days_ago(14))
    found = findings("columns", site)
    assert f"column:{thirteen.pk}:stale" not in found
    stale = found[f"column:{fourteen.pk}:stale"]
    assert stale.severity == Severity.WARNING
    assert stale.extra == {"column_type": "news", "top_level": True, "latest": "2026-10-19"}
    assert stale.url == "http://hetang.localhost/" + fourteen.slug + "/"


@pytest.mark.parametrize(
    ("column_type", "fresh_on", "stale_on"),
    [
        ("notice", datetime.date(2026, 5, 3), datetime.date(2026, 5, 2)),  # six calendar months
        ("policy", datetime.date(2026, 5, 3), datetime.date(2026, 5, 2)),
        ("personnel", datetime.date(2025, 11, 3), datetime.date(2025, 11, 2)),  # one year
        ("planning", datetime.date(2025, 11, 3), datetime.date(2025, 11, 2)),
    ],
)
def test_each_type_has_its_frequency(site, column_type, fresh_on, stale_on):
    fresh = column(site, column_type)
    article(fresh, noon(fresh_on))
    stale = column(site, column_type)
    article(stale, noon(stale_on))
    found = findings("columns", site)
    assert f"column:{fresh.pk}:stale" not in found
    assert f"column:{stale.pk}:stale" in found


def test_other_topic_and_service_columns_never_go_stale(site):
    for column_type in ("other", "topic", "service"):
        article(column(site, column_type), days_ago(800))
    assert findings("columns", site) == {}


def stale_columns(site, column_type, count, **kwargs):
    for _ in range(count):
        article(column(site, column_type, **kwargs), days_ago(400))


@pytest.mark.parametrize(("count", "severity"), [(4, None), (5, Severity.VETO)])
def test_five_stale_news_columns_are_a_veto(site, count, severity):
    stale_columns(site, "news", count)
    found = site_level(site).get("site:stale")
    if severity is None:
        assert found is None
    else:
        assert found.severity == severity
        assert found.extra["count"] == 5
        assert found.title == "动态要闻及一级通知公告、政策文件栏目未按期更新5个（达到5个即单项否决）"


def test_notice_columns_count_for_the_first_line_only_at_top_level(site):
    stale_columns(site, "notice", 4)
    stale_columns(site, "notice", 1, parent=column(site, "other"))  # a sub-column: not top level
    assert "site:stale" not in site_level(site)
    stale_columns(site, "policy", 1)
    assert site_level(site)["site:stale"].severity == Severity.VETO


@pytest.mark.parametrize(
    ("count", "severity"),
    [(6, None), (7, Severity.WARNING), (9, Severity.WARNING), (10, Severity.VETO)],
)
def test_long_stale_columns_warn_past_six_and_veto_at_ten(site, count, severity):
    stale_columns(site, "planning", count)
    found = site_level(site)
    assert "site:stale" not in found  # planning columns are not in the first line
    if severity is None:
        assert "site:long-stale" not in found
    else:
        assert (found["site:long-stale"].severity, found["site:long-stale"].extra["count"]) == (severity, count)


@pytest.mark.parametrize(
    ("count", "severity"),
    [(2, None), (3, Severity.WARNING), (4, Severity.WARNING), (5, Severity.VETO)],
)
def test_blank_columns_warn_past_two_and_veto_at_five(site, count, severity):
    fresh_column(site)
    blanks = [column(site, "news") for _ in range(count)]
    found = findings("columns", site)
    blank_keys = {k for k in found if k.startswith("column:") and k.endswith(":blank")}
    assert blank_keys == {f"column:{c.pk}:blank" for c in blanks}
    if severity is None:
        assert "site:blank" not in found
    else:
        assert found["site:blank"].severity == severity
        assert found["site:blank"].extra["count"] == count
    if severity == Severity.WARNING:
        assert found["site:blank"].title == f"空白栏目{count}个（再有{5 - count}个即单项否决）"


def test_placeholder_pages_and_empty_disclosure_columns_are_blank(group):
    site = group.all["zhuzhou-fgw"]
    empty_page = standard_page(site, body=False)  # shows “内容正在完善中”
    full_page = standard_page(site, body=True)
    category = category_page(site, "a20-01")
    found = findings("columns", site)
    assert f"column:{empty_page.pk}:blank" in found
    assert f"column:{full_page.pk}:blank" not in found
    assert f"column:{category.pk}:blank" in found
    # The container 法定主动公开内容 is not judged itself: its categories are.
    container = DisclosureCategoryPage.objects.descendant_of(site.site.root_page).get(slug="fdzdgknr")
    assert f"column:{container.pk}:blank" not in found


def test_a_disclosure_column_is_fresh_by_its_category_type(group):
    site = group.all["zhuzhou-fgw"]
    category = category_page(site, "a20-01")  # 规范性文件: policy, six months (not top level: second line only)
    publish(
        DisclosureDocumentPageFactory(
            parent=category, written_on=datetime.date(2026, 4, 1), published_on=datetime.date(2026, 5, 2)
        )
    )
    found = findings("columns", site)
    assert f"column:{category.pk}:blank" not in found
    assert found[f"column:{category.pk}:stale"].extra["latest"] == "2026-05-02"
    publish(
        DisclosureDocumentPageFactory(
            parent=category, written_on=datetime.date(2026, 10, 1), published_on=datetime.date(2026, 10, 9)
        )
    )
    assert f"column:{category.pk}:stale" not in findings("columns", site)


def test_only_leaf_columns_are_judged_and_unreachable_pages_do_not_count(site):
    parent = column(site, "news")
    child = column(site, "news", parent=parent)
    article(child, days_ago(30))
    found = findings("columns", site)
    assert set(found) == {f"column:{child.pk}:stale"}
    hidden = column(site, "news", parent=column(site, "other"))
    article(hidden, days_ago(1))
    hidden.get_parent().specific.unpublish()  # its live children are out of reach of any visitor
    assert set(findings("columns", site)) == {f"column:{child.pk}:stale"}


def test_whole_blueprint_site_finds_its_empty_columns(group):
    """A site fresh from its blueprint: every column and placeholder page is blank, so it is a veto."""
    site = group.hetang
    found = findings("columns", site)
    assert found["site:blank"].severity == Severity.VETO
    index = DisclosureIndexPage.objects.descendant_of(site.site.root_page).get()
    assert index.pk not in found["site:blank"].extra["columns"]  # the section root is not a column of its own


def count_queries(site):
    with CaptureQueriesContext(connection) as queries:
        findings("columns", site)
    return len(queries)


def test_query_count_does_not_grow_with_columns_or_items(site):
    fresh_column(site)
    findings("columns", site)  # the first run also reads the group's view restrictions into the cache
    one = count_queries(site)
    for column_type in ("news", "notice", "planning", "other"):
        page = column(site, column_type, parent=column(site, "other"))
        for age in (1, 20, 400):
            article(page, days_ago(age))
    standard_page(site)
    standard_page(site, body=False)
    assert count_queries(site) == one
