"""Create and publish one site's planned demo documents in its 政府信息公开 columns.

Documents are created live, as the demo's articles and 办事指南 are: saving a live document takes its 索引号 from the
organ's counter, in 发布日期 order. They are not published through a revision: that took ~4 times as long per
document (measured 260 vs 80 ms on SQLite), and filling every statutory category of every site (issue 12: no blank
disclosure column on the healthy demo) would otherwise have made the seed slower. So, like every page the seed
creates, they have no revision or publish log entry, and the ``dates`` check judges them for future dates only.
``first_published_at``/``last_published_at`` are the 发布日期, so feeds, sitemaps and "latest" lists agree with the
page.

Idempotent: a site whose catalogue already holds documents is left alone (so re-runs add nothing), and a
column that already holds documents is never added to. Sites that existed before the seed but have no documents
yet (e.g. created with ``create_site``) are filled. A site without a disclosure section (villages, special
topics) or without an organisation code is skipped without an error.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import ReferenceIndex

from core.workdays import load_calendar
from demo.factories.openinfo import DisclosureDocumentPageFactory
from demo.home import background
from home.models import ServiceGuidePage
from openinfo.catalogue import categories_for_kind
from openinfo.enums import DocumentGenre, Validity
from openinfo.models import DisclosureAttachment, DisclosureCategoryPage, DisclosureDocumentPage
from sites.enums import SiteKind
from sites.models import SiteSettings

from . import attachments
from .planning import PlannedDocument, SiteFacts, SitePlan, plan_site


@dataclass
class SiteResult:
    created: int
    plan: SitePlan | None = None


def site_facts(profile) -> SiteFacts:
    city = next((p for p in [profile, *profile.ancestors()] if p.kind == SiteKind.CITY), profile)
    return SiteFacts(
        slug=profile.slug,
        kind=profile.kind,
        org=profile.org_name,
        short=profile.short_name,
        city=city.short_name or city.org_name.removesuffix("人民政府"),
        group=city.slug,
    )


def body(paragraphs: list[str]) -> list[tuple[str, str]]:
    """StreamField value in the list-of-tuples form the page factory accepts."""
    return [("paragraph", f"<p>{escape(p)}</p>") for p in paragraphs]


def published_at(doc: PlannedDocument) -> datetime.datetime:
    moment = datetime.datetime.combine(
        doc.published_on, datetime.time(doc.publish_minute // 60, doc.publish_minute % 60)
    )
    return timezone.make_aware(moment)


def statutory_columns(profile) -> dict[str, DisclosureCategoryPage]:
    pages = DisclosureCategoryPage.objects.descendant_of(profile.site.root_page).exclude(category="")
    return {page.category: page for page in pages}


def create_document(column, doc: PlannedDocument, profile, interprets, paragraphs) -> DisclosureDocumentPage:
    when = published_at(doc)
    return DisclosureDocumentPageFactory(
        parent=column,
        live=True,
        first_published_at=when,
        last_published_at=when,
        title=doc.title,
        slug=doc.slug,
        publisher=profile,
        host_site=profile,
        co_publishers=doc.co_publishers,
        written_on=doc.written_on,
        published_on=doc.published_on,
        document_number=doc.document_number,
        category=doc.category,
        subject=doc.subject,
        genre=doc.genre,
        keywords=doc.keywords,
        validity=doc.validity,
        valid_from=doc.valid_from,
        invalid_from=doc.invalid_from,
        description=doc.description,
        body=body(paragraphs),
        interprets=interprets,
    )


def attach_cited_file(page: DisclosureDocumentPage, doc: PlannedDocument, profile, paragraphs, lists) -> None:
    """A document whose text says 详见附件 gets the file (attachments.py); its own rng keeps the site's draws."""
    rng = random.Random(f"{profile.slug}:{doc.slug}")
    built = attachments.build(doc, paragraphs, profile.org_name, rng, site=lists)
    if built is not None:
        document = attachments.store(built, f"{profile.slug}-{doc.slug}", profile.collection)
        DisclosureAttachment.objects.create(page=page, document=document, sort_order=0)


def site_lists(profile, plan: SitePlan, context: dict[str, str]) -> attachments.SiteLists:
    """The site's own lists its 目录 attachments show: 办事指南 titles (seeded before the documents) and the valid
    normative documents of its plan."""
    guides = ServiceGuidePage.objects.descendant_of(profile.site.root_page).live().order_by("path")
    normative = [d for d in plan.documents if d.genre == DocumentGenre.NORMATIVE and d.validity == Validity.VALID]
    return attachments.SiteLists(
        address=context["address"],
        services=tuple(guides.values_list("title", flat=True)),
        normative=tuple(normative),
    )


def background_context(profile, facts: SiteFacts) -> dict[str, str]:
    """Placeholder values of demo/home/data/context.toml for this site's documents."""
    site_settings = SiteSettings.objects.filter(site_id=profile.site_id).first()
    return {
        "org": profile.org_name,
        "short": profile.short_name or profile.org_name,
        "city": facts.city,
        "city_short": facts.city.removesuffix("市"),
        "office": (site_settings.organizer if site_settings else "") or profile.org_name,
        "phone": (site_settings.phone if site_settings else "") or "12345",
        "address": (site_settings.address if site_settings else "") or facts.city,
    }


def seed_site_documents(
    profile, rng: random.Random, *, created: bool, today: datetime.date | None = None
) -> SiteResult:
    """Fill the site's statutory columns; returns what was created (and the plan, for reports and tests)."""
    if not categories_for_kind(profile.kind) or not profile.org_code:
        return SiteResult(created=0)
    if DisclosureDocumentPage.objects.filter(host_site=profile).exists():
        return SiteResult(created=0)
    # One transaction per site: a failure leaves the site's catalogue empty rather than half filled.
    with transaction.atomic():
        columns = statutory_columns(profile)
        if not columns:
            return SiteResult(created=0)
        facts = site_facts(profile)
        plan = plan_site(facts, rng, today or timezone.localdate(), load_calendar())
        context = background_context(profile, facts)
        lists = site_lists(profile, plan, context)
        filled = {code for code, column in columns.items() if column.numchild}
        pages: dict[int, DisclosureDocumentPage] = {}
        for doc in plan.documents:
            column = columns.get(doc.category)
            if column is None or doc.category in filled:
                continue
            interprets = pages.get(doc.interprets) if doc.interprets is not None else None
            if doc.interprets is not None and interprets is None:
                continue  # its policy was not created, so neither is the 解读
            paragraphs = background.lengthen(doc.title, doc.paragraphs, context, group=facts.group)
            page = create_document(column, doc, profile, interprets, paragraphs)
            attach_cited_file(page, doc, profile, paragraphs, lists)
            pages[doc.key] = page
            if interprets is not None:
                # The seed turns the reference index off; record the 解读 → policy link so "usage" is right.
                ReferenceIndex.create_or_update_for_object(page)
    return SiteResult(created=len(pages), plan=plan)
