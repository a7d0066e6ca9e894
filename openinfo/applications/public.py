"""What the public may see of an application: to whoever holds its tracking code and query password, the steps
and their dates (no staff names, no internal notes), the deadline and the outcome; the applicant's own data only
masked (条例 Art. 29 data is personal: 个人信息保护法 Art. 51). Nothing here is ever shown without the password."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from core.text import mask_middle, mask_name
from core.workdays import load_calendar

from .enums import OPEN_STATUSES, OUTCOME_GROUP, PAUSED_STATUSES, EventKind, IdentityDocument, Outcome, OutcomeGroup

# The steps the applicant sees; any other kind (a NOTE, say) is internal.
# Internal steps: notes, and a reply drafted but not yet signed off (签发) — the applicant sees the reply once sent.
PUBLIC_EVENTS = {kind for kind in EventKind.values if kind not in (EventKind.NOTE, EventKind.REPLY_DRAFTED)}


@dataclass(frozen=True)
class Step:
    on: datetime.date
    label: str
    until: datetime.date | None = None
    detail: str = ""


def timeline(application) -> list[Step]:
    steps = []
    for event in application.events.all():
        if event.kind not in PUBLIC_EVENTS:
            continue
        detail = ""
        if event.kind == EventKind.REPLIED and application.outcome:
            detail = Outcome(application.outcome).label
        elif event.kind == EventKind.TRANSFERRED and application.transferred_to_id:
            detail = f"转送至{application.transferred_to.display_name}"
        steps.append(Step(on=event.on, label=EventKind(event.kind).label, until=event.until, detail=detail))
    return steps


def masked_applicant(application) -> dict:
    """The applicant as the status page shows it: 张**, 43**************1X, 138****0000."""
    number = application.id_number
    return {
        "name": mask_name(application.name),
        "id_document": IdentityDocument(application.id_document).label,
        "id_number": mask_middle(number, 2, 2),
        "phone": mask_middle(application.phone, 3, 2),
    }


def status_summary(application, today: datetime.date | None = None) -> dict:
    """The state, the deadline and (once replied) the outcome and its Table 3 group."""
    today = today or timezone.localdate()
    summary = {
        "status": application.get_status_display(),
        "open": application.status in OPEN_STATUSES,
        "paused": application.status in PAUSED_STATUSES,
        "due_on": application.due_on,
        "working_days_left": None,
        "overdue": False,
        "outcome": Outcome(application.outcome).label if application.outcome else "",
        "outcome_group": OutcomeGroup(OUTCOME_GROUP[application.outcome]).label if application.outcome else "",
        "closed_on": application.closed_on,
        "responsible_organ": application.responsible_organ,
        "responsible_organ_contact": application.responsible_organ_contact,
    }
    if summary["open"] and application.due_on:
        left = load_calendar().working_days_between(today, application.due_on) if today <= application.due_on else 0
        summary["working_days_left"] = left
        summary["overdue"] = today > application.due_on and not summary["paused"]
    return summary
