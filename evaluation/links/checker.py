"""One site's crawl: render every published page, extract its links, resolve them (internal in bulk, external over
HTTP when asked) and return the broken ones with the page they are on."""

import time
from dataclasses import dataclass, field

from django.db.models import Max
from wagtail.models import PageLogEntry, Revision

from .external import check_external, http_reason
from .extractor import Link, LinkKind, group_addresses, published_pages, render_site
from .internal import InternalResolver, missing_references


@dataclass(frozen=True)
class BrokenLink:
    page_id: int
    target: str  # the absolute URL, or "document:12" for a stored reference to a deleted row
    kind: LinkKind
    reason: str
    status: int | None = None
    text: str = ""


@dataclass
class Crawl:
    pages: dict = field(default_factory=dict)  # page id → (page, public URL)
    links: int = 0  # distinct (page, target) pairs
    broken: list[BrokenLink] = field(default_factory=list)
    seconds: float = 0.0


def crawl_site(site, *, internal: bool = True, external: bool = False) -> Crawl:
    """Broken links of `site` (a wagtail Site). `internal`: pages, cross-site, images, attachments, files (offline);
    `external`: links leaving the group (network, cached a day)."""
    started = time.monotonic()
    crawl = Crawl()
    addresses = group_addresses()
    pages = list(published_pages(site).specific())
    resolver = InternalResolver(addresses)
    links: list[Link] = []
    for rendered in render_site(site, addresses, pages):
        crawl.pages[rendered.page.pk] = (rendered.page, rendered.url)
        resolver.remember_rendered(rendered.url, rendered.status)
        links.extend(rendered.links)
        if internal and rendered.status >= 400:
            crawl.broken.append(
                BrokenLink(
                    rendered.page.pk, rendered.url, LinkKind.PAGE, f"页面无法打开：{http_reason(rendered.status)}"
                )
            )
    crawl.links = len(links)
    if internal:
        verdicts = resolver.resolve([link for link in links if link.kind != LinkKind.EXTERNAL])
        for link in links:
            verdict = verdicts.get(link.url)
            if verdict is not None and not verdict.ok:
                crawl.broken.append(
                    BrokenLink(link.page_id, link.url, link.kind, verdict.reason, verdict.status, link.text)
                )
        for page_id, kind, target, reason in missing_references(pages):
            crawl.broken.append(BrokenLink(page_id, target, kind, reason))
    if external:
        outside = [link for link in links if link.kind == LinkKind.EXTERNAL]
        results = check_external(link.url for link in outside)
        for link in outside:
            result = results[link.url]
            if not result.ok:
                crawl.broken.append(
                    BrokenLink(link.page_id, link.url, link.kind, result.reason, result.status, link.text)
                )
    crawl.seconds = time.monotonic() - started
    return crawl


def last_publishers(pages) -> dict[int, object]:
    """The user who last published each page: its latest publish log entry, else the author of its live revision
    (pages created by code have no log entry). Two queries."""
    pages = list(pages)
    latest = (
        PageLogEntry.objects.filter(page_id__in=[p.pk for p in pages], action="wagtail.publish", user__isnull=False)
        .values("page_id")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    users = {entry.page_id: entry.user for entry in PageLogEntry.objects.filter(pk__in=latest).select_related("user")}
    missing = {p.live_revision_id: p.pk for p in pages if p.pk not in users and p.live_revision_id}
    for revision in Revision.objects.filter(pk__in=list(missing), user__isnull=False).select_related("user"):
        users[missing[revision.pk]] = revision.user
    return users
