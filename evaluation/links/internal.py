"""Internal and cross-site targets resolved in bulk, without HTTP: paths to live pages of the right site (one
query for every site of the group), document URLs to rows and files, image/media/static URLs to stored files.

Only a path that is no page's url_path (a routable page's sub-route such as `/zfxxgk/group/`, a Django view such as
`/hdjl/query/`, a list's `?page=2`) is requested in process through the site's hostname, once per run.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.rich_text import extract_references_from_rich_text

from .external import http_reason
from .extractor import Link, LinkKind, SiteAddress, public_client

_DOCUMENT_PATH = re.compile(r"^/documents/(\d+)/")


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""
    status: int | None = None


OK = Verdict(True)


class InternalResolver:
    """Resolves group links; remembers every answer for the run (a nav link on 3,000 pages is looked up once)."""

    def __init__(self, addresses: dict[str, SiteAddress]):
        self.addresses = addresses
        self.known: dict[str, Verdict] = {}
        self.client = public_client()

    def remember_rendered(self, url: str, status: int):
        """A page the crawl itself rendered: its status is already known."""
        self.known[url] = OK if status < 400 else Verdict(False, http_reason(status), status)

    def resolve(self, links: list[Link]) -> dict[str, Verdict]:
        todo = {link.url: link for link in links if link.kind != LinkKind.EXTERNAL and link.url not in self.known}
        by_kind: dict[LinkKind, list[Link]] = {}
        for link in todo.values():
            by_kind.setdefault(link.kind, []).append(link)
        self._resolve_pages(by_kind.get(LinkKind.PAGE, []) + by_kind.get(LinkKind.CROSS_SITE, []))
        self._resolve_documents(by_kind.get(LinkKind.DOCUMENT, []))
        for kind in (LinkKind.IMAGE, LinkKind.MEDIA):
            for link in by_kind.get(kind, []):
                self.known[link.url] = self._media_file(link, kind)
        for link in by_kind.get(LinkKind.STATIC, []):
            self.known[link.url] = self._static_file(link)
        return {url: self.known[url] for url in (link.url for link in links) if url in self.known}

    def _resolve_pages(self, links: list[Link]):
        wanted: dict[str, list[Link]] = {}
        for link in links:
            address = self.addresses[link.host]
            path = unquote(urlsplit(link.url).path)
            if not path.endswith("/"):
                path += "/"
            wanted.setdefault(address.root_path + path.lstrip("/"), []).append(link)
        found = dict(Page.objects.filter(url_path__in=list(wanted)).values_list("url_path", "live"))
        for url_path, group in wanted.items():
            for link in group:
                if url_path in found:
                    self.known[link.url] = OK if found[url_path] else Verdict(False, "目标页面未发布或已下线", 404)
                else:
                    self.known[link.url] = self._request(link)

    def _request(self, link: Link) -> Verdict:
        # A sub-route of a routable page or a plain Django view: ask the application itself (in process).
        response = self.client.get(link.path, HTTP_HOST=link.host)
        self.client.cookies.clear()
        if response.status_code >= 400:
            return Verdict(False, http_reason(response.status_code), response.status_code)
        return OK

    def _resolve_documents(self, links: list[Link]):
        ids = {}
        for link in links:
            match = _DOCUMENT_PATH.match(urlsplit(link.url).path)
            if match:
                ids[link.url] = int(match.group(1))
            else:
                self.known[link.url] = Verdict(False, "附件地址无效", 404)
        documents = get_document_model().objects.in_bulk(set(ids.values()))
        for url, document_id in ids.items():
            document = documents.get(document_id)
            if document is None:
                self.known[url] = Verdict(False, "附件已删除", 404)
            elif not _stored(document.file.storage, document.file.name):
                self.known[url] = Verdict(False, "附件文件缺失", 404)
            else:
                self.known[url] = OK

    def _media_file(self, link: Link, kind: LinkKind) -> Verdict:
        name = unquote(urlsplit(link.url).path)[len(settings.MEDIA_URL) :]
        if _stored(default_storage, name):
            return OK
        return Verdict(False, "图片文件缺失" if kind == LinkKind.IMAGE else "文件缺失", 404)

    def _static_file(self, link: Link) -> Verdict:
        name = unquote(urlsplit(link.url).path)[len(settings.STATIC_URL) :]
        if _stored(staticfiles_storage, name) or finders.find(name):
            return OK
        return Verdict(False, "静态文件缺失", 404)


def _stored(storage, name: str) -> bool:
    try:
        return bool(name) and storage.exists(name)
    except (OSError, ValueError):  # a path outside the storage root, an unreachable object store
        return False


def raw_references(block, raw) -> Iterator[tuple[type, str]]:
    """References in a StreamField's stored JSON. The block's own `extract_references` works on the loaded value,
    in which a chooser whose row was deleted is already None, so the deleted target would be invisible."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for child in raw:
            child_block = block.child_blocks.get(child.get("type")) if isinstance(child, dict) else None
            if child_block is not None:
                yield from raw_references(child_block, child.get("value"))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_item = isinstance(item, dict) and item.get("type") == "item" and "value" in item
            yield from raw_references(block.child_block, item["value"] if is_item else item)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            yield from raw_references(child_block, raw.get(name))
    elif isinstance(block, blocks.ChooserBlock):
        if isinstance(raw, int | str) and str(raw).isdigit():
            yield block.model_class, str(raw)
    elif isinstance(block, blocks.RichTextBlock) and isinstance(raw, str):
        for model, object_id, *_paths in extract_references_from_rich_text(raw):
            yield model, object_id


def missing_references(pages) -> list[tuple[int, LinkKind, str, str]]:
    """Rich-text links and image/attachment blocks of the stored (live) fields whose target row no longer exists:
    Wagtail renders them as nothing, so the HTML cannot show them. Returns (page id, kind, target, reason).

    `pages` are specific pages; the fields scanned are those Wagtail itself scans for its reference index
    (StreamField, RichTextField: `extract_references`). One query per target model."""
    kinds = {Page: LinkKind.PAGE, get_document_model(): LinkKind.DOCUMENT, get_image_model(): LinkKind.IMAGE}
    refs: list[tuple[int, type, str]] = []
    for page in pages:
        for field in page._meta.get_fields():
            if not hasattr(field, "extract_references"):
                continue
            value = field.value_from_object(page)
            if value is None:
                continue
            found = raw_references(field.stream_block, value.raw_data) if hasattr(value, "raw_data") else None
            for model, object_id, *_paths in found or field.extract_references(value):
                base = next((m for m in kinds if issubclass(model, m)), None)
                if base is not None:
                    refs.append((page.pk, base, str(object_id)))
    existing = {}
    for model in kinds:
        ids = {int(object_id) for _, m, object_id in refs if m is model and object_id.isdigit()}
        existing[model] = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
    reasons = {LinkKind.PAGE: "链接的页面已删除", LinkKind.DOCUMENT: "附件已删除", LinkKind.IMAGE: "图片已删除"}
    missing, seen = [], set()
    for page_id, model, object_id in refs:
        kind = kinds[model]
        if (not object_id.isdigit() or int(object_id) not in existing[model]) and (
            page_id,
            model,
            object_id,
        ) not in seen:
            seen.add((page_id, model, object_id))
            missing.append((page_id, kind, f"{kind.value}:{object_id}", reasons[kind]))
    return missing
