"""What every content check needs about one site: its root page, its published public pages, their public and admin
addresses, and the end of the judged day. Nothing here queries per page."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sites.route_cache import private_q


def root_of(site):
    """The home page of a site profile (``SiteProfile.objects.with_site()`` joins it)."""
    return site.site.root_page


def published(queryset, root):
    """Live pages below ``root`` that the public may see (password-protected sections are left out, as an
    inspector cannot open them)."""
    return queryset.live().descendant_of(root).exclude(private_q())


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


def public_url(site, root, url_path: str) -> str:
    """The page's address on its own site's hostname (computed, not looked up: no query per page)."""
    relative = url_path[len(root.url_path) - 1 :] if url_path.startswith(root.url_path) else url_path
    return site.site.root_url + relative


def edit_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id])


def history_url(page_id: int) -> str:
    return reverse("wagtailadmin_pages:history", args=[page_id])


def parent_path(path: str, steplen: int = 4) -> str:
    return path[:-steplen]
