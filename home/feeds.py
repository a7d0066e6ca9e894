from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Rss201rev2Feed

from .models import articles_under

FEED_SIZE = 30


class ColumnFeed(Feed):
    """RSS 2.0 feed of one column's newest articles."""

    feed_type = Rss201rev2Feed

    def __init__(self, column):
        super().__init__()
        self.column = column

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.column

    def title(self, column):
        site = column.get_site()
        return f"{column.title} - {site.site_name if site else ''}".strip(" -")

    def link(self, column):
        return column.get_full_url(self.request)

    def description(self, column):
        return column.description or column.title

    def items(self, column):
        return articles_under(column).specific()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.subtitle or item.title

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.publish_at
