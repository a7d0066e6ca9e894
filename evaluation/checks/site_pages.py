"""What every content check needs about one site: its root page, its published public pages, their public and admin
addresses, and the end of the judged day. Nothing here queries per page."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from sites.route_cache import private_q


class SitePages:
    """One site's published pages as a visitor can reach them, for one check run."""

    def __init__(self, site):
        self.site = site
        self.root = site.site.root_page  # SiteProfile.objects.with_site() joins it
        self._unreachable = None

    def published(self, queryset):
        """Live pages below the home page that the public can reach: password-protected sections are left out (an
        inspector cannot open them), and so are live pages below an unpublished one."""
        return queryset.live().descendant_of(self.root).exclude(private_q()).exclude(self.unreachable())

    def unreachable(self) -> Q:
        if self._unreachable is None:
            # Only unpublished pages with children hide anything; drafts of single articles hide nothing.
            hidden = (
                Page.objects.descendant_of(self.root).filter(live=False, numchild__gt=0).values_list("path", flat=True)
            )
            self._unreachable = under_any(hidden)
        return self._unreachable

    def url(self, url_path: str) -> str:
        """The page's address on its own site's hostname (computed, not looked up: no query per page)."""
        root_path = self.root.url_path
        relative = url_path[len(root_path) - 1 :] if url_path.startswith(root_path) else url_path
        return self.site.site.root_url + relative

    @property
    def home_url(self) -> str:
        return self.site.site.root_url + "/"


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after ``day`` in the site's time zone: items dated later are not shown as published yet."""
    start = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(start)


def local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def under_any(paths) -> Q:
    """Pages below any of the given tree paths (the pages themselves excluded by the callers' types)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def history_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:history", args=[page_id])


def parent_path(path: str, steplen: int = 4) -> str:
    return path[:-steplen]
