"""Every link of every published page of a site, as the public sees it.

Each live, public page is rendered in process through the whole Django stack (a test client with the site's
hostname: the same middleware, templates, page cache and navigation as a visitor gets), and its HTML parsed with
lxml, so that links in templates (navigation, footer, lists, the chrome) count as well as links in the body.

Rendering loses one kind of link: a rich-text link or an image/attachment block whose target row was deleted is
dropped by Wagtail (`<a>` without href, no `<img>`). Those are found in the stored fields instead, with the same
`extract_references` Wagtail uses for its reference index (`stored_references`).
"""

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from django.conf import settings
from django.test import Client
from wagtail.models import Page, Site

from sites.shown_dates import dated_models

# Tags and attributes that load or link something. `srcset` is left out: Wagtail writes its renditions' `src` too.
LINK_ATTRIBUTES = {
    "a": "href",
    "area": "href",
    "img": "src",
    "iframe": "src",
    "embed": "src",
    "source": "src",
    "script": "src",
    "link": "href",
}
SKIPPED_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "sms:", "weixin:")
_SPACE = re.compile(r"\s+")


class LinkKind(enum.StrEnum):
    PAGE = "page"  # a page or view of the same site
    CROSS_SITE = "cross_site"  # a page or view of another site of the group
    IMAGE = "image"
    DOCUMENT = "document"  # 附件 (Wagtail documents)
    MEDIA = "media"  # other uploaded files
    STATIC = "static"
    EXTERNAL = "external"

    @property
    def label(self):
        return LINK_KIND_LABELS[self]


LINK_KIND_LABELS = {
    LinkKind.PAGE: "站内链接",
    LinkKind.CROSS_SITE: "站群链接",
    LinkKind.IMAGE: "图片",
    LinkKind.DOCUMENT: "附件",
    LinkKind.MEDIA: "媒体文件",
    LinkKind.STATIC: "静态文件",
    LinkKind.EXTERNAL: "外部链接",
}


@dataclass(frozen=True)
class SiteAddress:
    site_id: int
    host: str  # hostname[:port] as visitors type it
    root_path: str  # url_path of the site's root page, e.g. "/home-hetang/"

    @classmethod
    def of(cls, site) -> "SiteAddress":
        port = "" if site.port in (80, 443) else f":{site.port}"
        return cls(site.pk, f"{site.hostname}{port}".lower(), site.root_page.url_path)


@dataclass(frozen=True)
class Link:
    """One target found on one page. `url` is absolute (http://host/path?query) for every kind."""

    page_id: int
    url: str
    kind: LinkKind
    text: str = ""
    host: str = ""  # the group site's host for page/cross-site/file links, the remote host for external ones
    path: str = ""  # path (and query) on that host


@dataclass
class RenderedPage:
    page: Page
    url: str
    status: int
    links: list[Link]


def group_addresses() -> dict[str, SiteAddress]:
    """Every site of the group by host (one query)."""
    return {a.host: a for a in (SiteAddress.of(s) for s in Site.objects.select_related("root_page"))}


def published_pages(site):
    """Live pages of a site that anyone may read (pages behind a view restriction show a login form instead), less
    the dated items whose shown date has not come: those answer 404 until then by design (sites/shown_dates.py)
    and the dates check reports them; crawling them would report the same page again as a dead link."""
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    for model in dated_models():
        waiting = model.objects.live().descendant_of(site.root_page).exclude(model.objects.due_q())
        pages = pages.exclude(pk__in=waiting.values("pk"))
    return pages.order_by("path")


def page_path(page, address: SiteAddress) -> str:
    return "/" + page.url_path[len(address.root_path) :]


def public_client() -> Client:
    # Production redirects plain HTTP to HTTPS; render over the scheme visitors use.
    return Client(raise_request_exception=False, secure=_secure())


def render_site(site, addresses: dict[str, SiteAddress], pages=None) -> Iterator[RenderedPage]:
    """Render each published page of `site` and yield it with its links (classified, absolute)."""
    address = SiteAddress.of(site)
    client = public_client()
    scheme = "https" if _secure() else "http"
    for page in pages if pages is not None else published_pages(site):
        path = page_path(page, address)
        base = f"{scheme}://{address.host}{path}"
        response = client.get(path, HTTP_HOST=address.host)
        client.cookies.clear()  # every page as a first-time visitor (a CSRF cookie would bypass the page cache)
        links = []
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            links = list(extract_links(page.pk, base, response.content, addresses, address.host))
        yield RenderedPage(page, base, response.status_code, links)


def _secure() -> bool:
    return bool(getattr(settings, "SECURE_SSL_REDIRECT", False))


def extract_links(
    page_id: int, base_url: str, html: bytes, addresses: dict[str, SiteAddress], own_host: str
) -> Iterator[Link]:
    """Links of one HTML document, resolved against its URL (and its `<base href>`), without duplicates."""
    if not html.strip():
        return
    document = lxml.html.document_fromstring(html)
    base_href = document.xpath("//base/@href")
    if base_href:
        base_url = urljoin(base_url, base_href[0].strip())
    seen = set()
    for element in document.iter(*LINK_ATTRIBUTES):
        raw = (element.get(LINK_ATTRIBUTES[element.tag]) or "").strip()
        if element.tag == "link" and not _loads_resource(element):
            continue
        if not raw or raw.startswith("#") or raw.lower().startswith(SKIPPED_SCHEMES):
            continue
        url, _fragment = urldefrag(urljoin(base_url, raw))
        if url in seen:
            continue
        seen.add(url)
        link = classify(page_id, url, element.tag, addresses, own_host, text=_text_of(element))
        if link is not None:
            yield link


def _loads_resource(element) -> bool:
    rel = (element.get("rel") or "").lower().split()
    return bool({"stylesheet", "icon", "preload"} & set(rel))


def _text_of(element) -> str:
    if element.tag == "img":
        return (element.get("alt") or "").strip()[:100]
    return _SPACE.sub(" ", element.text_content()).strip()[:100]


def classify(
    page_id: int, url: str, tag: str, addresses: dict[str, SiteAddress], own_host: str, text: str = ""
) -> Link | None:
    """What `url` points at: a page of this site or another site of the group, a file, or the outside world."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.netloc.lower().rsplit("@", 1)[-1]
    for default_port in (":80", ":443"):
        host = host.removesuffix(default_port)
    path = parts.path or "/"
    full_path = f"{path}?{parts.query}" if parts.query else path
    if host not in addresses:
        return Link(page_id, url, LinkKind.EXTERNAL, text, host, full_path)
    if path.startswith("/documents/"):
        kind = LinkKind.DOCUMENT
    elif path.startswith(settings.MEDIA_URL + "images/") or path.startswith(settings.MEDIA_URL + "original_images/"):
        kind = LinkKind.IMAGE
    elif path.startswith(settings.MEDIA_URL):
        kind = LinkKind.MEDIA
    elif path.startswith(settings.STATIC_URL):
        kind = LinkKind.STATIC
    elif tag == "img":
        kind = LinkKind.IMAGE
    else:
        kind = LinkKind.PAGE if host == own_host else LinkKind.CROSS_SITE
    return Link(page_id, url, kind, text, host, full_path)
