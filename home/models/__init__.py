"""The home app's page types, one module per behaviour; everything importable from ``home.models`` as before."""

from .guides import PHONE_VALIDATOR, ServiceGuidePage, guides_under
from .leaders import Leader, LeaderIndexPage
from .pages import (
    COLUMN_PAGE_SIZE,
    HOME_ITEMS_PER_COLUMN,
    ArticleAttachment,
    ArticlePage,
    ArticleQuerySet,
    ColumnPage,
    HomePage,
    StandardPage,
    articles_under,
)
from .topic import TopicProject

__all__ = [
    "COLUMN_PAGE_SIZE",
    "HOME_ITEMS_PER_COLUMN",
    "PHONE_VALIDATOR",
    "ArticleAttachment",
    "ArticlePage",
    "ArticleQuerySet",
    "ColumnPage",
    "HomePage",
    "Leader",
    "LeaderIndexPage",
    "ServiceGuidePage",
    "StandardPage",
    "TopicProject",
    "articles_under",
    "guides_under",
]
