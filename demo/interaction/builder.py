"""Create one site's planned demo messages, with their handling history, in bulk.

Messages are written with ``bulk_create`` rather than one ``services.receive``/``transition`` call per step: the
planner already follows the state machine, and a per-message PBKDF2 hash alone would cost seconds per site. All
demo messages share one query password (:data:`DEMO_QUERY_PASSWORD`, hashed once per run), so the status query
page can be tried on any of them — fine for demo data, never for real messages.

Idempotent: a site that already has messages is left alone, and so is a department whose portal already
transferred messages to it. A site without a 互动交流 section (villages, special topics) gets nothing.
"""

import datetime
import random
from functools import cache

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from core.workdays import load_calendar
from interaction import privacy
from interaction.enums import Status
from interaction.models import InteractionIndexPage, Question, QuestionAttachment, QuestionEvent
from interaction.services import CODE_ALPHABET, TRACKING_CODE_LENGTH, mailbox_settings
from interaction.statistics import bump_questions_generation
from sites.enums import SiteKind
from sites.utils import group_profiles

from .planning import PlannedQuestion, SiteFacts, plan_site, plan_transfers

DEMO_QUERY_PASSWORD = "ZMHD26"  # 政民互动; letters and digits of services.CODE_ALPHABET
PORTAL_KINDS = (SiteKind.CITY, SiteKind.DISTRICT)


@cache
def demo_password_hash() -> str:
    # A fixed salt keeps re-runs identical; the hash is the only thing stored, as for real messages.
    return make_password(DEMO_QUERY_PASSWORD, salt="govsitesdemo")


def group_root(profile):
    chain = [profile, *profile.ancestors()]
    return next((p for p in chain if p.kind == SiteKind.CITY), chain[-1])


def unit_of(profile, group_slug: str) -> str:
    return profile.slug.removeprefix(f"{group_slug}-")


def site_facts(profile, departments: dict[str, str] | None = None) -> SiteFacts:
    city = group_root(profile)
    rules = mailbox_settings(profile)
    return SiteFacts(
        kind=profile.kind,
        org=profile.org_name,
        short=profile.display_name,
        city=city.short_name or city.org_name.removesuffix("人民政府"),
        group=city.slug,
        unit=unit_of(profile, city.slug) if profile.kind == SiteKind.DEPARTMENT else "",
        departments=departments or {},
        reply_working_days=rules.reply_working_days,
        hard_alarm_days=rules.hard_alarm_days,
    )


def has_section(profile) -> bool:
    return InteractionIndexPage.objects.descendant_of(profile.site.root_page).exists()


def fresh_codes(planned: list[PlannedQuestion], rng: random.Random) -> None:
    """Draw again (from the site's rng) any tracking code that is already taken."""
    codes = [q.tracking_code for q in planned]
    taken = set(Question.objects.filter(tracking_code__in=codes).values_list("tracking_code", flat=True))
    seen: set[str] = set()
    for question in planned:
        while question.tracking_code in taken or question.tracking_code in seen:
            question.tracking_code = "".join(rng.choice(CODE_ALPHABET) for _ in range(TRACKING_CODE_LENGTH))
            if Question.objects.filter(tracking_code=question.tracking_code).exists():
                taken.add(question.tracking_code)
        seen.add(question.tracking_code)


def aware(moment: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def save(planned: list[PlannedQuestion], site, handlers: dict, rng: random.Random) -> int:
    """Write the messages and their events; ``handlers`` maps a unit to its department profile."""
    if not planned:
        return 0
    fresh_codes(planned, rng)
    slugs = [site.slug, *(p.slug for p in handlers.values())]
    names = [f"{role}-{s}" for s in slugs for role in ("editor", "signer")]
    staff = {u.username: u for u in get_user_model().objects.filter(username__in=names)}

    def editor(profile, action=""):
        # 审核 by a second person, the site's 审核组 login (签发, the last review step — demo/home/users.py): the
        # answerer may not approve their own reply (interaction/services.py).
        if action == "review":
            return staff.get(f"signer-{profile.slug}")
        return staff.get(f"editor-{profile.slug}")

    password = demo_password_hash()
    questions = []
    for plan in planned:
        handler = handlers.get(plan.handler_unit)
        questions.append(
            Question(
                site=site,
                handler=handler,
                channel=plan.channel,
                type=plan.type,
                title=plan.title,
                content=plan.content,
                name=plan.name,
                phone=plan.phone,
                email=plan.email,
                consent_publish=plan.consent_publish,
                status=plan.status,
                tracking_code=plan.tracking_code,
                query_password=password,
                received_at=aware(plan.received_at),
                received_on=plan.received_on,
                due_on=plan.due_on,
                answer=plan.answer,
                answered_by=plan.answered_by,
                answered_at=plan.answered_at and aware(plan.answered_at),
                published_at=plan.published_at and aware(plan.published_at),
                rejection_reason=plan.rejection_reason,
                satisfaction=plan.satisfaction,
                rated_at=plan.rated_at and aware(plan.rated_at),
            )
        )
    publish_notes = _store_public_copies(questions, planned)
    Question.objects.bulk_create(questions)
    events = []
    for question, plan in zip(questions, planned, strict=True):
        for event in plan.events:
            note = publish_notes.get(id(question), event.note) if event.action == "publish" else event.note
            acting = handlers.get(plan.handler_unit) if event.by_handler else site
            events.append(
                QuestionEvent(
                    question=question,
                    action=event.action,
                    from_status=event.from_status,
                    to_status=event.to_status,
                    actor=None if event.action == "receive" else editor(acting, event.action),
                    handler=handlers.get(event.handler_unit),
                    note=note,
                    at=aware(event.at),
                )
            )
    QuestionEvent.objects.bulk_create(events)
    transaction.on_commit(bump_questions_generation)  # bulk_create sends no post_save
    return len(questions)


def _store_public_copies(questions, planned) -> dict[int, str]:
    """Published demo messages carry their stored public copy (personal data masked), as ``services.transition``
    writes it on publishing; returns the publish events' notes (with what was masked) by ``id(question)``."""
    notes = {}
    for question, plan in zip(questions, planned, strict=True):
        if question.status != Status.PUBLISHED:
            continue
        publish_note = next((e.note for e in plan.events if e.action == "publish"), "")
        notes[id(question)] = privacy.store_public_copy(question, publish_note)
        question.public_copy_at = question.published_at  # copied when it was published, not when seeded
    return notes


def portal_departments(portal) -> dict[str, object]:
    """The department sites a portal can transfer to, by unit (slug suffix)."""
    group = group_root(portal).slug
    return {unit_of(p, group): p for p in group_profiles(portal) if p.kind == SiteKind.DEPARTMENT and p.pk != portal.pk}


def seed_site_questions(profile, rng: random.Random, *, created: bool, today: datetime.date | None = None) -> int:
    """The site's own messages, and for a department those its portal transferred to it; returns how many."""
    today = today or timezone.localdate()
    calendar = load_calendar()
    if not has_section(profile):
        return 0
    count = 0
    with transaction.atomic():
        if not Question.objects.filter(site=profile).exists():
            departments = portal_departments(profile) if profile.kind in PORTAL_KINDS else {}
            facts = site_facts(profile, {unit: p.org_name for unit, p in departments.items()})
            count += save(plan_site(facts, rng, today, calendar), profile, departments, rng)
        portal = profile.parent
        if (
            profile.kind == SiteKind.DEPARTMENT
            and portal is not None
            and portal.kind in PORTAL_KINDS
            and has_section(portal)
            and not Question.objects.filter(handler=profile).exists()
        ):
            unit = unit_of(profile, group_root(portal).slug)
            facts = site_facts(portal, {unit: profile.org_name})
            count += save(plan_transfers(facts, unit, rng, today, calendar), portal, {unit: profile}, rng)
    return count


def delete_site_questions(profiles) -> int:
    """Delete the messages received by these sites, their history and attachments (files included)."""
    questions = Question.objects.filter(site__in=profiles)
    for attachment in QuestionAttachment.objects.filter(question__in=questions):
        attachment.file.delete(save=False)
    return questions.delete()[1].get(Question._meta.label, 0)
