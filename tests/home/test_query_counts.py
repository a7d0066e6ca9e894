"""SQL queries per public page must not grow with the number of sites in the group (阳光三农网: ~2000 sites)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories.home import ArticlePageFactory, ServiceGuidePageFactory, column_of
from sites.enums import SiteKind
from sites.services import SiteProvisioner, SiteSpec
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
EXTRA_SITES = 25


def page_query_counts(profile, urls):
    client = site_client(profile)
    counts = {}
    for url in urls:
        assert client.get(url).status_code == 200  # warm caches (site root paths, templates)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx.captured_queries)
    return counts


def test_query_counts_do_not_depend_on_the_number_of_sites(group):
    column = column_of(group.hetang, "gzdt")
    for i in range(12):
        ArticlePageFactory(parent=column, title=f"工作动态{i}")
    article = ArticlePageFactory(parent=column, title="文章页")
    services = column_of(group.hetang, "bsfw")
    guides = [ServiceGuidePageFactory(parent=services) for _ in range(5)]
    urls = ["/", column.url, article.url, services.url, guides[0].url]
    before = page_query_counts(group.hetang, urls)

    provisioner = SiteProvisioner(with_workflow=False)
    for i in range(EXTRA_SITES):
        provisioner.provision(
            SiteSpec(
                kind=SiteKind.VILLAGE,
                name=f"荷塘区测试村{i}",
                slug=f"hetang-cun-{i}",
                hostname=f"hetang-cun-{i}.localhost",
                parent="hetang",
            )
        )
    after = page_query_counts(group.hetang, urls)
    assert after == before
    assert max(before[url] for url in urls if url != services.url) <= 15, before
    assert before[services.url] <= 16, before  # a service column also lists the articles placed in it
