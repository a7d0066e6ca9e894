"""Page factories shared by tests and the demo seed."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from .enums import ColumnType
from .models import ArticlePage, ColumnPage, StandardPage


class ColumnPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ColumnPage

    title = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"column-{n}")
    column_type = ColumnType.NEWS
    live = True


class ArticlePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"测试文章{n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    source = "本网"
    author = "办公室"
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    summary = "摘要"
    body = wagtail_factories.StreamFieldFactory({"paragraph": wagtail_factories.CharBlockFactory})
    live = True


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    live = True


def column_of(profile, slug: str) -> ColumnPage:
    """The blueprint column ``slug`` of a site."""
    return ColumnPage.objects.child_of(profile.site.root_page).get(slug=slug)
