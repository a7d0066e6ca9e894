"""政府信息公开指南 and 制度 of one demo site: the guide's office, hours, fax and supervision phone (the rest falls
back to the site settings), and the organ's 制度 listed on the rules page as 公开信息 of its own catalogue.

Idempotent: a guide keeps every value already filled; a rules page that lists anything is left alone, and the
制度 documents are created only once (by slug). Sites without a 政府信息公开 section (villages, topic sites) are
skipped; a site without an organisation code gets its guide but no 制度 documents (publishing needs the code
for the 索引号).
"""

import datetime
import random
import tomllib
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from core.workdays import load_calendar
from openinfo.models import DisclosureDocumentPage, DisclosureGuidePage, DisclosureRule, DisclosureRulesPage
from sites.models import SiteSettings

from .builder import body, statutory_columns
from .planning import last_working_day, working_days_before

DATA = Path(__file__).resolve().parent / "data" / "guides.toml"
RULES_CATEGORY = "a20-15"
PORTAL_FAX_KINDS = ("city", "district")


@cache
def guide_data() -> dict:
    return tomllib.loads(DATA.read_text(encoding="utf-8"))


def _section_pages(profile):
    root = profile.site.root_page
    guide = DisclosureGuidePage.objects.descendant_of(root).first()
    rules = DisclosureRulesPage.objects.descendant_of(root).first()
    return guide, rules


def fill_guide(guide: DisclosureGuidePage, profile, site_settings, rng: random.Random) -> None:
    data = guide_data()
    area = (site_settings.phone or "").split("-")[0]
    values = {
        "office_name": data["office"][profile.kind].format(
            org=profile.org_name,
            short=profile.short_name or profile.org_name,
            organizer=site_settings.organizer or profile.org_name,
        ),
        "office_hours": data["hours"],
        "complaint_phone": site_settings.phone,
    }
    if profile.kind in PORTAL_FAX_KINDS and area:
        values["fax"] = f"{area}-2{rng.randint(2000000, 8999999)}"
    changed = [name for name, value in values.items() if value and not getattr(guide, name)]
    for name in changed:
        setattr(guide, name, values[name])
    if changed:
        guide.save(update_fields=changed)


def _numbers(profile, year: int, count: int, rng: random.Random) -> list[str]:
    """文号 of the organ's office (“办发”), serials not used by its other documents of that year."""
    from .data import plan

    abbr = plan().issuers.get(profile.slug, "")
    if not abbr:
        return [""] * count
    prefix = f"{abbr}办发〔{year}〕"
    used = set(
        DisclosureDocumentPage.objects.filter(host_site=profile, document_number__startswith=prefix).values_list(
            "document_number", flat=True
        )
    )
    free = [f"{prefix}{n}号" for n in range(1, 80) if f"{prefix}{n}号" not in used]
    return sorted(rng.sample(free, count), key=lambda n: int(n.removeprefix(prefix).removesuffix("号")))


def create_rule_documents(profile, rng: random.Random, today: datetime.date) -> list[DisclosureDocumentPage]:
    column = statutory_columns(profile).get(RULES_CATEGORY)
    if column is None or not profile.org_code:
        return []
    from demo.factories.openinfo import DisclosureDocumentPageFactory

    calendar = load_calendar()
    # Adopted together, on one working day one to three years ago, and published within a few working days.
    published_on = last_working_day(calendar, today - datetime.timedelta(days=rng.randint(400, 1000)))
    written_on = working_days_before(calendar, published_on, rng.randint(2, 6))
    texts = guide_data()["rules"]
    numbers = _numbers(profile, written_on.year, len(texts), rng)
    documents = []
    for serial, (text, number) in enumerate(zip(texts, numbers, strict=True), start=1):
        slug = f"gkzd-{serial}"
        existing = DisclosureDocumentPage.objects.child_of(column).filter(slug=slug).first()
        if existing is not None:
            documents.append(existing)
            continue
        title = text["title"].format(org=profile.org_name)
        when = timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(9, serial)))
        documents.append(
            DisclosureDocumentPageFactory(
                parent=column,
                live=True,
                first_published_at=when,
                last_published_at=when,
                title=title,
                slug=slug,
                publisher=profile,
                host_site=profile,
                written_on=written_on,
                valid_from=written_on,
                published_on=published_on,
                document_number=number,
                category=RULES_CATEGORY,
                subject="综合政务",
                keywords="政府信息公开",
                description=text["paragraphs"][0],
                body=body(text["paragraphs"]),
            )
        )
    return documents


def seed_site_guides(profile, *, today: datetime.date | None = None) -> int:
    """Fill the site's guide and list its 制度; returns the number of 制度 listed (0 when already done).

    Draws from its own generator: taking values from the site's shared one would change every later receiver's
    demo (messages, applications)."""
    rng = random.Random(f"guides:{profile.slug}")
    guide, rules = _section_pages(profile)
    if guide is None and rules is None:
        return 0
    today = today or timezone.localdate()
    with transaction.atomic():
        if guide is not None:
            fill_guide(guide, profile, SiteSettings.for_site(profile.site), rng)
        if rules is None or rules.rules.exists():
            return 0
        documents = create_rule_documents(profile, rng, today)
        rules.intro = f"{profile.org_name}按照《中华人民共和国政府信息公开条例》建立以下政府信息公开工作制度。"
        for document in documents:
            rules.rules.add(DisclosureRule(page=document))
        rules.save()
    return len(documents)
