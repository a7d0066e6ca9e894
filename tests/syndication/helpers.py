"""Shared helpers of the 信息报送 tests: articles on the base group's sites and the portal's receiving column."""

from demo.factories.home import ArticlePageFactory, column_of
from home.models import ArticlePage


def article(profile, column_slug: str = "gzdt", **fields) -> ArticlePage:
    """A live article in a blueprint column of ``profile``'s site."""
    fields.setdefault("title", "发改委召开项目调度会")
    return ArticlePageFactory(parent=column_of(profile, column_slug), **fields)


def qxdt(group):
    """株洲's 区县动态: accepts submissions from the sites directly below the city (blueprint data)."""
    return column_of(group.zhuzhou, "qxdt")
