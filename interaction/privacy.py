"""Personal data on public pages: names are masked (张** style), phone numbers and e-mails are never shown, and
what the public reads of a published message is its **public copy** — title, message and reply with personal
data masked (interaction/redaction.py) — while the citizen's original text stays private (个人信息保护法 Art.
28 and 51; 政府信息公开条例 Art. 15).

- On publication (``services.transition(…, "publish")``) the copy is written into ``Question.public_*``
  (``store_public_copy``), unless staff already corrected it.
- Staff of the message's sites see the findings highlighted on its admin page and may correct the copy before or
  after publication (``correct_public_copy``); each correction is a ``QuestionEvent`` (``public_copy``).
- A message published before public copies existed has none stored: every public place masks it on the fly
  (``public_copy``), the stored original untouched.
- The citizen's own status query (tracking code and password) shows the original.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from sites.models import SiteSettings
from sites.page_cache import bump_question_sites

from . import redaction
from .enums import Status
from .models import Question, QuestionEvent
from .redaction import Finding, mask_name

__all__ = ["PublicCopy", "mask_name", "public_copy"]

FIELDS = {"title": "标题", "content": "留言内容", "answer": "答复内容"}
# Staff may correct the copy once the reply exists, before or after publication.
CORRECTABLE_STATUSES = (Status.ANSWERED, Status.REVIEWED, Status.PUBLISHED)
EVENT_ACTION = "public_copy"


class PublicCopyError(Exception):
    """The copy cannot be corrected now; the message says why (Chinese)."""


@dataclass(frozen=True)
class PublicCopy:
    title: str
    content: str
    answer: str
    stored: bool  # False: made now from the original (not published yet, or published before copies existed)


def site_contacts(questions) -> dict[int, list[str]]:
    """``{site profile pk: [phone, e-mail]}`` of the receiving and handling sites of ``questions``, as published
    in their site settings (one query): numbers the public copy keeps, since they are not personal."""
    profiles = {pk for q in questions for pk in (q.site_id, q.handler_id) if pk}
    rows = SiteSettings.objects.filter(site__profile__in=profiles).values_list("site__profile", "phone", "email")
    return {pk: [phone, email] for pk, phone, email in rows}


def _context(question, contacts: dict[int, list[str]] | None) -> dict:
    contacts = site_contacts([question]) if contacts is None else contacts
    keep = [*contacts.get(question.site_id, ()), *contacts.get(question.handler_id, ())]
    return {"names": [question.name], "known": [question.phone], "keep": keep}


def findings(question, contacts=None) -> dict[str, list[Finding]]:
    """The personal data found in the original title, message and reply."""
    context = _context(question, contacts)
    return {field: redaction.find(getattr(question, field), **context) for field in FIELDS}


def automatic_copy(question, contacts=None) -> PublicCopy:
    """The copy made from the original text: every finding masked."""
    context = _context(question, contacts)
    texts = {field: redaction.redact(getattr(question, field), **context) for field in FIELDS}
    return PublicCopy(stored=False, **texts)


def public_copy(question, contacts=None) -> PublicCopy:
    """What the public sees of ``question``: its stored copy, or one made now."""
    if question.public_copy_at:
        return PublicCopy(question.public_title, question.public_content, question.public_answer, stored=True)
    return automatic_copy(question, contacts)


def public_copies(questions) -> dict[int, PublicCopy]:
    """``public_copy`` of many messages (a page of a list): one query for all their sites' contacts."""
    questions = list(questions)
    unstored = [q for q in questions if not q.public_copy_at]
    contacts = site_contacts(unstored) if unstored else {}
    return {q.pk: public_copy(q, contacts) for q in questions}


def store_public_copy(question, note: str = "") -> str:
    """Write the public copy into ``question`` (unsaved; the publish step saves it) unless staff corrected it
    already; returns the publish event's note with what was masked."""
    if question.public_copy_at:
        return _join(note, "公开文本采用工作人员修改后的版本")
    found = findings(question)
    copy = automatic_copy(question)
    question.public_title, question.public_content, question.public_answer = _fit(copy)
    question.public_copy_at = timezone.now()
    masked = redaction.summary(f for field in found.values() for f in field)
    return _join(note, f"公开文本已隐去个人信息：{masked}" if masked else "")


def _fit(copy: PublicCopy) -> tuple[str, str, str]:
    # A mask can be longer than what it hides (a@b.cn → a***@b.cn): the title must still fit its column.
    return copy.title[: Question._meta.get_field("public_title").max_length], copy.content, copy.answer


def _join(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


@transaction.atomic
def correct_public_copy(question, *, actor, title: str, content: str, answer: str, note: str = "") -> Question:
    """Replace the public copy with the staff's version (before or after publication) and record it in the
    handling history. Refused (PublicCopyError) when the message cannot be published or nothing changed."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    if not question.consent_publish:
        raise PublicCopyError("留言人未同意公开，本留言没有公开文本。")
    if question.status not in CORRECTABLE_STATUSES:
        raise PublicCopyError(f"当前状态为“{question.get_status_display()}”，答复后才能修改公开文本。")
    before = public_copy(question)
    after = {"title": title, "content": content, "answer": answer}
    changed = [label for field, label in FIELDS.items() if getattr(before, field) != after[field]]
    if not changed and before.stored:
        raise PublicCopyError("公开文本没有改动。")
    note = _join(f"修改公开文本：{'、'.join(changed) or '确认自动遮盖的版本'}", note)
    _store_copy(question, (title, content, answer), note=note, actor=actor)
    if question.status == Status.PUBLISHED:
        transaction.on_commit(
            lambda: bump_question_sites(question)
        )  # cached public pages must show the corrected copy at once
    return question


def _store_copy(question, copy: tuple[str, str, str], *, note: str, actor=None) -> None:
    """Save the public title, message and answer, and say so in the message's history."""
    question.public_title, question.public_content, question.public_answer = copy
    question.public_copy_at = timezone.now()
    question.save(update_fields=["public_title", "public_content", "public_answer", "public_copy_at"])
    QuestionEvent.objects.create(
        question=question,
        action=EVENT_ACTION,
        from_status=question.status,
        to_status=question.status,
        actor=actor,
        note=note,
    )


def personal_data(question, text: str, contacts=None) -> list[Finding]:
    """Personal data in ``text`` (e.g. a copy staff typed), judged as for the message's own text."""
    return redaction.find(text, **_context(question, contacts))


BACKFILL_NOTE = "补写公开文本：本留言公开于公开文本功能启用之前，按自动遮盖的版本保存（原文未改动）"


def store_missing_public_copies(progress=None) -> int:
    """Write the automatic public copy of every published message that has none (published before copies
    existed), without touching the original; each save re-indexes the message for search. Returns how many.
    What the public sees does not change (those messages were masked on the fly already), but the replies list's
    keyword search no longer needs to mask them one by one."""
    missing = Question.objects.filter(status=Status.PUBLISHED, public_copy_at__isnull=True).order_by("pk")
    total, done = missing.count(), 0
    for pk in missing.values_list("pk", flat=True).iterator():
        with transaction.atomic():
            question = Question.objects.select_for_update().get(pk=pk)
            if question.public_copy_at:  # a member of staff corrected it meanwhile
                continue
            _store_copy(question, _fit(automatic_copy(question)), note=BACKFILL_NOTE)
        done += 1
        if progress:
            progress(done, total)
    return done
