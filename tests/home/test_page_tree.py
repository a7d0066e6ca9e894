"""Strict page-tree rules: every page type declares where it may live."""

import pytest
from wagtail.models import Page

from demo.factories.home import ArticlePageFactory, column_of
from home.models import ArticlePage, ColumnPage, HomePage, ServiceGuidePage, StandardPage

pytestmark = pytest.mark.django_db


def test_allowed_children(group):
    root = Page.get_first_root_node()
    home = group.hetang.site.root_page.specific
    column = column_of(group.hetang, "gzdt")
    article = ArticlePageFactory(parent=column)
    assert HomePage.can_create_at(root)
    assert not ColumnPage.can_create_at(root) and not ArticlePage.can_create_at(root)
    assert ColumnPage.can_create_at(home) and StandardPage.can_create_at(home)
    assert not ArticlePage.can_create_at(home)  # articles live in a column
    assert ArticlePage.can_create_at(column) and ColumnPage.can_create_at(column)
    assert not HomePage.can_create_at(home)
    assert not any(model.can_create_at(article) for model in (ArticlePage, ColumnPage, StandardPage, HomePage))
    for model in (HomePage, ColumnPage, ArticlePage, StandardPage, ServiceGuidePage):
        assert model.search_fields, model
        assert model.parent_page_types is not None and model.subpage_types is not None, model
