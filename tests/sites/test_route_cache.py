"""Serving caches of issue 11 round 2 (sites/route_cache.py, ``paginate_cached`` in sites/site_cache.py): routes,
view restrictions, private sections and list pages come from the cache, and every change a visitor could see
shows at once — publish, unpublish, move, slug change, a section made private or public again. The page cache is
off here (PAGE_CACHE_SECONDS=0 in tests): these are the caches of an uncached page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from demo.factories.home import ArticlePageFactory, ColumnPageFactory, column_of
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from home.models import COLUMN_PAGE_SIZE
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def get(client, url, status=200, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode(), len(queries)


def listing(html):
    """The list and its pager (the rest of the page carries the request's own URL, e.g. in 纠错 links)."""
    return html[html.index('<ul class="dated-list">') : html.index("</nav>", html.index('class="pager"'))]


def publish_article(column, title, **kwargs):
    article = ArticlePageFactory(parent=column, title=title, live=False, **kwargs)
    article.save_revision().publish()
    article.refresh_from_db()
    return article


def test_routing_and_restrictions_cost_no_query_on_the_second_request(group):
    client = site_client(group.hetang)
    column = column_of(group.hetang, "gzdt")
    article = publish_article(column, "荷塘区光纤入户工程完工")
    url = article.relative_url(group.hetang.site)
    first, first_queries = get(client, url)
    second, second_queries = get(client, url)
    assert second == first
    # Routing is two queries per tree level plus two for the view restrictions, all gone; the article's own
    # content is a cached fragment too.
    assert first_queries >= 6 and second_queries == 0, (first_queries, second_queries)
    get(client, "/")
    assert get(client, "/")[1] == 0


def test_unpublish_move_and_slug_change_route_at_once(group):
    client = site_client(group.hetang)
    site = group.hetang.site
    column = column_of(group.hetang, "gzdt")
    article = publish_article(column, "荷塘区春季招聘会", slug="zhaopin")
    url = article.relative_url(site)
    get(client, url)
    article.unpublish()
    get(client, url, status=404)
    article.save_revision().publish()
    assert "荷塘区春季招聘会" in get(client, url)[0]

    article = type(article).objects.get(pk=article.pk)
    article.slug = "zhaopinhui"
    article.save_revision().publish()
    get(client, url, status=404)
    assert "荷塘区春季招聘会" in get(client, url.replace("zhaopin/", "zhaopinhui/"))[0]

    other = column_of(group.hetang, "tzgg")
    article = type(article).objects.get(pk=article.pk)
    article.move(other, pos="last-child")
    moved = type(article).objects.get(pk=article.pk).relative_url(site)
    assert moved.startswith(other.relative_url(site))
    response = client.get(url.replace("zhaopin/", "zhaopinhui/"))  # Wagtail leaves a redirect behind a move
    assert response.status_code == 301 and response["Location"] == f"http://{site.hostname}{moved}"
    assert "荷塘区春季招聘会" in get(client, moved)[0]


def test_a_section_made_private_is_refused_and_unlisted_at_once(group):
    client = site_client(group.hetang)
    column = column_of(group.hetang, "gzdt")
    article = publish_article(column, "荷塘区内部工作简报")
    column_url, article_url = column.relative_url(group.hetang.site), article.relative_url(group.hetang.site)
    for url in ("/", column_url, article_url):
        assert "荷塘区内部工作简报" in get(client, url)[0]
        get(client, url)  # now from the caches

    restriction = PageViewRestriction.objects.create(page=column, restriction_type=PageViewRestriction.LOGIN)
    for url in (column_url, article_url):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == f"{reverse('wagtailcore_login')}?next={url}"
    assert "荷塘区内部工作简报" not in get(client, "/")[0]

    restriction.delete()
    for url in ("/", column_url, article_url):
        assert "荷塘区内部工作简报" in get(client, url)[0]


def test_a_restriction_elsewhere_in_the_group_hides_that_sites_page_from_its_lists(group):
    """The private sections of every site are one cached list; a change on one site reaches its lists."""
    hetang, portal = site_client(group.hetang), site_client(group.all["zhuzhou"])
    column = column_of(group.all["zhuzhou"], "zwyw")
    article = publish_article(column, "株洲市内部通报")
    column_url = column.relative_url(group.all["zhuzhou"].site)
    get(hetang, "/")
    assert "株洲市内部通报" in get(portal, column_url)[0]
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    assert "株洲市内部通报" not in get(portal, column_url)[0]
    assert "株洲市内部通报" not in get(portal, "/")[0]


def test_column_pages_are_cached_per_page_shown_and_follow_publishes(group):
    client = site_client(group.hetang)
    column = ColumnPageFactory(parent=group.hetang.site.root_page, title="分页测试", slug="fenye")
    for i in range(COLUMN_PAGE_SIZE + 3):
        ArticlePageFactory(parent=column, title=f"分页文章{i:02d}")
    url = column.relative_url(group.hetang.site)
    page1, page2 = get(client, url)[0], get(client, url, page=2)[0]
    assert "共 23 条，第 1/2 页" in page1 and "共 23 条，第 2/2 页" in page2
    assert get(client, url)[0] == page1
    # Past the end shows the last page, byte for byte the same as asking for it.
    assert listing(get(client, url, page=9)[0]) == listing(get(client, url, page=2)[0]) == listing(page2)

    publish_article(column, "分页文章新发布")
    page1, page2 = get(client, url)[0], get(client, url, page=2)[0]
    assert "分页文章新发布" in page1 and "共 24 条，第 1/2 页" in page1 and "共 24 条，第 2/2 页" in page2

    # A refused page number still gets its Chinese notice and 400, never a cached list without it.
    html, _ = get(client, url, status=400, page="abc")
    assert 'data-error="page"' in html and "共 24 条，第 1/2 页" in html
    # Any other parameter: the list is rendered from the database, the pager keeps the parameter in its links.
    html, _ = get(client, url, page=2, utm="x")
    assert "utm=x" in html and "共 24 条，第 2/2 页" in html


def test_the_group_catalogue_lists_a_township_publish_at_once(group):
    portal = site_client(group.all["zhuzhou"])
    township = group.all["hetang-yuetang"]
    for url in ("/zfxxgk/group/", "/zfxxgk/"):
        get(portal, url)
    _, cached_queries = get(portal, "/zfxxgk/group/")
    doc = publish(DisclosureDocumentPageFactory(parent=category_page(township, "a20-01"), title="月塘街道工作要点"))
    html, queries = get(portal, "/zfxxgk/group/")
    assert "月塘街道工作要点" in html and doc.index_number in html and queries > cached_queries
    assert "月塘街道工作要点" not in get(portal, "/zfxxgk/")[0]  # the portal's own catalogue: its documents only
    # A filtered catalogue is never kept: it is built from the database with the filter applied.
    assert "月塘街道工作要点" in get(portal, "/zfxxgk/group/", site="hetang-yuetang")[0]
    assert "月塘街道工作要点" not in get(portal, "/zfxxgk/group/", site="hetang")[0]
