"""Write one site's planned demo applications, with their events, fees and remedies, in bulk.

``bulk_create`` rather than one service call per step: the planner already follows the handling rules, and a
PBKDF2 hash per application would cost seconds per site. All demo applications share one query password
(:data:`DEMO_QUERY_PASSWORD`), so the status query can be tried on any of them — fine for demo data only.

Idempotent: a site that already has applications is left alone, and so is a department its portal already
transferred applications to. Sites that do not disclose (villages, topic sites) get none.
"""

import datetime
import random
from functools import cache

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from core.workdays import load_calendar
from demo.interaction.builder import group_root, unit_of
from interaction.services import CODE_ALPHABET, TRACKING_CODE_LENGTH
from openinfo.applications import deadlines
from openinfo.catalogue import categories_for_kind
from openinfo.models import ApplicationEvent, ApplicationFee, ApplicationRemedy, InformationApplication
from sites.enums import SiteKind

from .planning import PlannedApplication, SiteFacts, plan_site, plan_transfers

DEMO_QUERY_PASSWORD = "YSQGK6"  # 依申请公开; letters and digits of the tracking-code alphabet
OFFICE_HOURS = (9, 17)


@cache
def demo_password_hash() -> str:
    return make_password(DEMO_QUERY_PASSWORD, salt="govsitesdemo")


def discloses(profile) -> bool:
    return bool(categories_for_kind(profile.kind)) and bool(profile.org_code)


def site_facts(profile) -> SiteFacts:
    city = group_root(profile)
    return SiteFacts(
        slug=profile.slug,
        kind=profile.kind,
        org=profile.org_name,
        short=profile.display_name,
        group=city.slug,
        unit=unit_of(profile, city.slug) if profile.kind == SiteKind.DEPARTMENT else "",
    )


def _moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    hour = rng.randint(*OFFICE_HOURS)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, rng.randrange(60))))


def _code(rng: random.Random, taken: set[str]) -> str:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
        if code not in taken and not InformationApplication.objects.filter(tracking_code=code).exists():
            taken.add(code)
            return code


def _application(plan: PlannedApplication, site, rng, taken, today, calendar) -> InformationApplication:
    person = plan.applicant
    judged = plan.closed_on or today
    schedule = deadlines.schedule(calendar, plan.received_on, plan.events, plan.extension_days, plan.status, judged)
    return InformationApplication(
        site=site,
        tracking_code=_code(rng, taken),
        query_password=demo_password_hash(),
        applicant_kind=person.kind,
        organisation_type=person.organisation_type,
        name=person.name,
        id_document=person.id_document,
        id_number=person.id_number,
        legal_representative=person.legal_representative,
        contact_person=person.contact_person,
        phone=person.phone,
        email=person.email,
        address=person.address,
        postcode=person.postcode,
        description=plan.subject.description,
        document_title=plan.subject.title,
        provision_form=plan.provision_form,
        delivery=plan.delivery,
        channel=plan.channel,
        submitted_at=_moment(plan.received_on, rng),
        received_on=plan.received_on,
        status=plan.status,
        clock_started_on=schedule.clock_started_on,
        extension_days=plan.extension_days,
        due_on=schedule.due_on,
        outcome=plan.outcome,
        reply_text=plan.reply_text,
        responsible_organ=plan.responsible_organ,
        responsible_organ_contact=plan.responsible_organ_contact,
        closed_on=plan.closed_on,
        archived_at=plan.archived_on and _moment(plan.archived_on, rng),
    )


def _json(value):
    return value.isoformat() if isinstance(value, datetime.date) else value


def save(planned: list[PlannedApplication], site, rng: random.Random, today, transferred_from=None) -> list:
    """Write the applications and what hangs on them; ``transferred_from`` pairs each with its original."""
    if not planned:
        return []
    calendar, taken = load_calendar(), set()
    applications = [_application(plan, site, rng, taken, today, calendar) for plan in planned]
    for application, original in zip(applications, transferred_from or (), strict=False):
        application.transferred_from = original
    InformationApplication.objects.bulk_create(applications)
    events, fees, remedies = [], [], []
    for application, plan in zip(applications, planned, strict=True):
        for event in plan.events:
            events.append(
                ApplicationEvent(
                    application=application,
                    kind=event.kind,
                    on=event.on,
                    until=event.until,
                    at=_moment(event.on, rng),
                    note=event.note,
                    data={k: _json(v) for k, v in event.data.items()},
                )
            )
        if plan.fee:
            fees.append(ApplicationFee(application=application, **plan.fee))
        remedies += [ApplicationRemedy(application=application, **remedy) for remedy in plan.remedies]
    ApplicationEvent.objects.bulk_create(events)
    ApplicationFee.objects.bulk_create(fees)
    ApplicationRemedy.objects.bulk_create(remedies)
    return applications


def seed_site_applications(profile, rng: random.Random, *, created: bool, today: datetime.date | None = None) -> int:
    """The site's own applications, and for a department those its city portal transferred to it."""
    if not discloses(profile):
        return 0
    today = today or timezone.localdate()
    # A generator of its own, seeded from the site's rng without drawing from it: the other demo apps' draws
    # (documents, messages) stay what they were before applications existed.
    state = random.Random()
    state.setstate(rng.getstate())
    rng = random.Random(f"applications:{profile.slug}:{state.random()}")
    count = 0
    with transaction.atomic():
        if not InformationApplication.objects.filter(site=profile).exists():
            count += len(save(plan_site(site_facts(profile), rng, today, load_calendar()), profile, rng, today))
        portal = profile.parent
        if (
            profile.kind == SiteKind.DEPARTMENT
            and portal is not None
            and discloses(portal)
            and not InformationApplication.objects.filter(site=profile, transferred_from__isnull=False).exists()
        ):
            pairs = plan_transfers(site_facts(portal), site_facts(profile), rng, today, load_calendar())
            originals = save([o for o, _ in pairs], portal, rng, today)
            InformationApplication.objects.filter(pk__in=[o.pk for o in originals]).update(transferred_to=profile)
            count += len(originals) + len(save([c for _, c in pairs], profile, rng, today, originals))
    return count


def delete_site_applications(profiles) -> int:
    """Delete the applications received by these sites (they protect their site from deletion)."""
    return (
        InformationApplication.objects.filter(site__in=profiles).delete()[1].get(InformationApplication._meta.label, 0)
    )
