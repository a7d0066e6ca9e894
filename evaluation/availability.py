"""The availability probe: each site's home page fetched through its public hostname, as the national monitor does
(国办秘函〔2019〕19号 单项否决 “站点无法访问”: a week of monitoring, ≥ 20 visits a day; an attempt fails when the site
is still not open after 15 s). `manage.py probe_availability` runs it from a timer every 30 minutes (48 a day)."""

import datetime
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import urllib3
from django.conf import settings
from django.utils import timezone

from .links.external import USER_AGENT, describe, http_reason
from .models import AvailabilityProbe


@dataclass(frozen=True)
class Target:
    profile_id: int
    url: str  # the address requested
    host: str  # the Host header: the site's public hostname[:port]


def targets(profiles, base_url: str = "") -> list[Target]:
    """What to fetch for each site: its public home page, or `base_url` with the site's Host header."""
    scheme = settings.EVALUATION_PROBE_SCHEME or (
        "https" if getattr(settings, "SECURE_SSL_REDIRECT", False) else "http"
    )
    result = []
    for profile in profiles:
        site = profile.site
        default_port = {"http": 80, "https": 443}[scheme]
        host = site.hostname if site.port in (default_port, 80, 443) else f"{site.hostname}:{site.port}"
        url = base_url.rstrip("/") + "/" if base_url else f"{scheme}://{host}/"
        result.append(Target(profile.pk, url, host))
    return result


def probe(targets_: list[Target], *, now=None, workers: int | None = None) -> list[AvailabilityProbe]:
    """Fetch every target once (in parallel, bounded) and store one AvailabilityProbe row each."""
    now = now or timezone.now()
    limit = settings.EVALUATION_PROBE_TIMEOUT
    http = urllib3.PoolManager(
        num_pools=max(16, len(targets_)),
        # The whole attempt (connect, headers and body) must finish within the limit.
        timeout=urllib3.Timeout(total=limit),
        retries=urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=3, raise_on_redirect=True),
        headers={"User-Agent": USER_AGENT},
    )
    workers = max(1, min(workers or settings.EVALUATION_PROBE_WORKERS, len(targets_) or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="probe") as executor:
        rows = list(executor.map(lambda target: _fetch(http, target, now, limit), targets_))
    return AvailabilityProbe.objects.bulk_create(rows)


def _fetch(http, target: Target, now, limit: float) -> AvailabilityProbe:
    started = time.monotonic()
    status, error = None, ""
    try:
        response = http.request("GET", target.url, headers={"Host": target.host, "User-Agent": USER_AGENT})
        status = response.status
        if status >= 400:
            error = http_reason(status)
    except Exception as exc:  # any failure to open the site is a failed attempt, never a crash
        error = describe(getattr(exc, "reason", None) or exc)
    seconds = round(time.monotonic() - started, 3)
    ok = status is not None and status < 400 and seconds <= limit
    if status is not None and status < 400 and not ok:
        error = f"超过{limit:g}秒"
    return AvailabilityProbe(
        profile_id=target.profile_id,
        checked_at=now,
        url=target.url,
        status=status,
        seconds=seconds,
        ok=ok,
        error=error[:200],
    )


def prune(keep_days: int, now=None) -> int:
    """Delete probes older than `keep_days` (the check reads 7 days; the rest is history for trends)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    deleted, _ = AvailabilityProbe.objects.filter(checked_at__lt=cutoff).delete()
    return deleted
