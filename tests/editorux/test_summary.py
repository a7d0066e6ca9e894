"""The 摘要 (issue 14 item 5): under the title of an article, under each item of a column list, as the snippet of a
search hit; nothing shown when it is empty."""

import pytest

from demo.factories.home import ArticlePageFactory, column_of
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def column(group):
    return column_of(group.hetang, "gzdt")


def test_article_shows_its_summary_as_a_lead(group, column):
    page = ArticlePageFactory(parent=column, slug="with-summary", summary="全区安全生产大检查十月启动。")
    html = site_client(group.hetang).get(page.url).content.decode()
    assert '<p class="article-lead">全区安全生产大检查十月启动。</p>' in html
    assert html.index('class="article-title"') < html.index('class="article-lead"') < html.index("article-meta")


def test_article_without_summary_has_no_empty_lead(group, column):
    page = ArticlePageFactory(parent=column, slug="no-summary", summary="")
    html = site_client(group.hetang).get(page.url).content.decode()
    assert "article-lead" not in html


def test_column_list_shows_summaries(group, column):
    ArticlePageFactory(parent=column, slug="a1", title="有摘要的文章", summary="这是一段摘要。")
    ArticlePageFactory(parent=column, slug="a2", title="无摘要的文章", summary="")
    html = site_client(group.hetang).get(column.url).content.decode()
    assert '<p class="dated-list-summary">这是一段摘要。</p>' in html
    assert html.count('class="dated-list-summary"') == 1


def test_search_hit_shows_the_summary_when_the_match_is_in_the_title(group, column):
    from search.services import index_page, search

    page = ArticlePageFactory(
        parent=column,
        slug="searched",
        title="关于防汛抗旱工作的通知",
        summary="各街道十月底前完成隐患排查。",
        body=[("paragraph", "正文第一段，与查询无关。" * 20)],
    )
    index_page(page.pk)
    hits = search("防汛抗旱", site=group.hetang).hits
    hit = next(h for h in hits if h.title == page.title)
    assert str(hit.snippet).startswith("各街道十月底前完成隐患排查。")
