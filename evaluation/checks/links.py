"""失效链接 (dead links): every published page of a site rendered as the public sees it, each broken link reported
with the page, the editor who last published it and why the target fails.

Rule and confidence (docs/evaluation.md#死链, gov-standards.md §3): the monitors used before the national check
report every dead link, image and attachment as an issue (TRS KPI 网站可用性: 链接失效, 图片失效, 附件失效, 连接超时;
开普云 “全站死链” — verified from their public code), so each broken link is a WARNING. The point deductions of the
2015 普查 (−1 per broken link on the home page, −0.1 elsewhere) are unverified for 2019 and are not used; no
dead-link count is a single-veto indicator in 国办秘函〔2019〕19号.

Two checks: `links` (pages of the group, images, attachments, files: offline, in the default run) and
`external_links` (links leaving the group: needs a way out, so the default run skips it, and
`EVALUATION_EXTERNAL_LINKS = False` turns it off for intranets without one).
"""

from collections import defaultdict

from django.conf import settings
from django.urls import reverse

from ..enums import Severity
from ..links.checker import BrokenLink, crawl_site, last_publishers
from ..links.extractor import LinkKind
from . import registry
from .base import Check, FindingData

SOURCE = "TRS KPI / 开普云 网站可用性监测（链接失效、图片失效、附件失效）；2015年普查扣分项未核实，不计分"


class _LinkCheck(Check):
    source = SOURCE
    internal = True
    external = False

    def run(self, site, today):
        crawl = crawl_site(site.site, internal=self.internal, external=self.external)
        if not crawl.broken:
            return
        publishers = last_publishers(page for page, _url in crawl.pages.values())
        by_target: dict[str, list[BrokenLink]] = defaultdict(list)
        for broken in crawl.broken:
            by_target[broken.target].append(broken)
        shared = getattr(settings, "EVALUATION_LINK_SHARED_PAGES", 20)
        for target, items in by_target.items():
            unique = {item.page_id: item for item in items}
            if len(unique) > shared:
                yield self._shared_finding(target, list(unique.values()), crawl)
            else:
                for item in unique.values():
                    yield self._page_finding(item, crawl, publishers.get(item.page_id))

    def _page_finding(self, broken: BrokenLink, crawl, user) -> FindingData:
        page, url = crawl.pages[broken.page_id]
        label = LinkKind(broken.kind).label
        shown = broken.text or broken.target
        return FindingData(
            code=broken.kind,
            severity=Severity.WARNING,
            key=f"link:{page.pk}:{broken.target}",
            title=f"{page.title}：{label}失效",
            detail=f"“{shown}”（{broken.target}）{broken.reason}",
            url=url,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            page_id=page.pk,
            extra={
                "target": broken.target,
                "kind": str(broken.kind),
                "reason": broken.reason,
                "status": broken.status,
                "text": broken.text,
                # Staff-facing only: the workbench shows who to ask; the public API must not expose it.
                "publisher": user.get_username() if user else "",
                "publisher_name": (user.get_full_name() or user.get_username()) if user else "",
            },
        )

    def _shared_finding(self, target: str, items: list[BrokenLink], crawl) -> FindingData:
        """A target broken on many pages sits in a template, the navigation or a shared block: one finding."""
        first = items[0]
        page, url = crawl.pages[first.page_id]
        return FindingData(
            code=first.kind,
            severity=Severity.WARNING,
            key=f"link:site:{target}",
            title=f"{len(items)}个页面上的{LinkKind(first.kind).label}失效",
            detail=(
                f"{target} {first.reason}；出现在{len(items)}个页面（可能位于页面模板、导航或公共区块），"
                f"如“{page.title}”"
            ),
            url=url,
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            page_id=page.pk,
            extra={
                "target": target,
                "kind": str(first.kind),
                "reason": first.reason,
                "status": first.status,
                "pages": len(items),
                "page_ids": sorted(item.page_id for item in items)[:100],
            },
        )


@registry.register
class LinksCheck(_LinkCheck):
    """Pages of the site and of the group, images, attachments and files: resolved without leaving the server."""

    name = "links"
    label = "失效链接（站内）"
    offline = True


@registry.register
class ExternalLinksCheck(_LinkCheck):
    """Links leaving the group, over HTTP (cached a day); off when `EVALUATION_EXTERNAL_LINKS` is False."""

    name = "external_links"
    label = "失效链接（外部）"
    offline = False
    internal = False
    external = True

    def run(self, site, today):
        if not getattr(settings, "EVALUATION_EXTERNAL_LINKS", True):
            return
        yield from super().run(site, today)
