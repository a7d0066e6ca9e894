"""Background work of the inspection workbench, run by the task worker (``manage.py db_worker``)."""

import datetime
import smtplib

from django_tasks import task

from core.tasks import retry_on
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


# --- 预警通知 (evaluation/digest.py) ---------------------------------------------------------------------------------
# A mail server that is down or refuses for now is retried six times over about an hour, as the 政民互动 emails are;
# nothing is remembered as sent until the server took the emails.
@retry_on(smtplib.SMTPException, OSError)
@task()
def send_inspection_digest_task(site_pk: int, day: str) -> int:
    """One site's alert digest for ``day`` (ISO date), recomputed when it runs: what is new by then."""
    from . import digest

    return digest.send_digest(site_pk, datetime.date.fromisoformat(day))
