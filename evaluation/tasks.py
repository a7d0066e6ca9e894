"""Background work of the inspection workbench, run by the task worker (``manage.py db_worker``)."""

import datetime

from django_tasks import task

from sites.models import SiteProfile

from . import services


@task()
def inspect_sites_task(site_slugs: list[str] | None = None, check_names: list[str] | None = None, day: str = "") -> int:
    """The nightly inspection (``inspect_sites --enqueue`` from the timer): every site of the group, or the given
    ones, with the given checks (default: every offline check). Returns the run's id."""
    sites = SiteProfile.objects.with_site().order_by("pk")
    if site_slugs:
        sites = sites.filter(slug__in=site_slugs)
    today = datetime.date.fromisoformat(day) if day else None
    run = services.inspect(sites.iterator(chunk_size=200), check_names, today, scope=site_slugs or [])
    return run.pk
