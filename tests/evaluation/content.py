"""Building blocks for the content-check tests: a site emptied of its blueprint pages, columns and dated items."""

import datetime

from django.utils import timezone
from wagtail.models import Page

from demo.factories.home import ArticlePageFactory, ColumnPageFactory, StandardPageFactory
from evaluation.checks import registry

TODAY = datetime.date(2026, 11, 2)


def noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def days_ago(days: int) -> datetime.datetime:
    return noon(TODAY - datetime.timedelta(days=days))


def emptied(profile):
    """The site with every blueprint page below its home page unpublished: a blank slate to add columns to."""
    root = profile.site.root_page
    Page.objects.descendant_of(root).update(live=False)
    return profile


def column(profile, column_type="news", *, parent=None, show_on_home=False, title=None):
    parent = parent or profile.site.root_page
    extra = {"title": title} if title else {}
    return ColumnPageFactory(parent=parent, column_type=column_type, show_on_home=show_on_home, **extra)


def article(parent, published, **kwargs):
    return ArticlePageFactory(parent=parent, publish_at=published, **kwargs)


def standard_page(profile, *, body=True):
    value = [("paragraph", "机构职能正文")] if body else []
    return StandardPageFactory(parent=profile.site.root_page, body=value)


def findings(check_name, profile, today=TODAY):
    """{key: FindingData} of one check on one site (fresh profile with its site and root page)."""
    from sites.models import SiteProfile

    site = SiteProfile.objects.with_site().get(pk=profile.pk)
    return {f.key: f for f in registry.get(check_name).run(site, today)}
