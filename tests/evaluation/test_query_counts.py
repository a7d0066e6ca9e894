"""Every content check costs the same number of queries per site whatever the site holds (issue 12: constant
queries per check, not per page)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories.home import ServiceGuidePageFactory, column_of
from demo.factories.interaction import QuestionFactory
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish

from .content import TODAY, article, column, days_ago, findings, noon, standard_page

pytestmark = pytest.mark.django_db

CHECKS = ("homepage", "columns", "interaction", "services", "dates")


def add_content(site, n):
    """n of everything the checks read, in new columns and sub-columns."""
    for i in range(n):
        page = column(site, ("news", "notice", "planning")[i % 3], parent=column(site, "other"))
        article(page, days_ago(i * 7))
        publish(article(column_of(site, "gzdt"), days_ago(i + 1), live=False))
        ServiceGuidePageFactory(parent=column_of(site, "bsfw"), hours="" if i % 2 else "工作日")
        QuestionFactory(site=site, received_at=noon(TODAY - datetime.timedelta(days=61 + i * 15)))
        publish(DisclosureDocumentPageFactory(parent=category_page(site, "a20-01")))
        standard_page(site, body=bool(i % 2))


def count_queries(check_name, site):
    with CaptureQueriesContext(connection) as queries:
        findings(check_name, site)
    return len(queries) - 1  # the site profile read by the test helper


@pytest.mark.parametrize("check_name", CHECKS)
def test_queries_do_not_grow_with_the_site(group, check_name):
    site = group.hetang
    add_content(site, 1)
    findings(check_name, site)  # warms the cached view restrictions
    one = count_queries(check_name, site)
    add_content(site, 6)
    assert count_queries(check_name, site) == one
    assert one <= 8
