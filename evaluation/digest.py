"""The daily 网站健康检查 alert digest (issue 12 item 4): one email per site listing its veto risks (单项否决) and
warnings (预警) that are **new since the last digest**, with the days left before each warning's due date.

Recipients: the site's own staff (active members of its editor and reviewer groups with an email address) and the
office of the portal above it — the staff of its nearest ancestor that is a 市级/区县门户 — who answer for their
group's sites in the national check. A site's email lists that site's findings only.

What was sent is remembered per site and finding (``DigestNotice``: check, key, severity, first seen), so a site with
nothing new gets no email, and a finding is listed once — again only when it comes back after being fixed, or a
warning turns into a veto. Findings are the current ones (``services.current_findings``): one fixed before the
digest runs is not sent. Advisory findings (提示) never are. No citizen's personal data is in a finding (the
interaction check names messages by number only) and the email carries titles and links only, never details.

``send_inspection_digest`` (a daily timer, deploy/) enqueues one task per site with something new; the worker sends
it (evaluation/tasks.py) and retries a mail server that is down. It also prunes the memory (``prune_notices``): a
notice whose finding has been fixed for more than ``KEEP_DAYS`` days can never be listed again, so it goes.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone

from sites.enums import PORTAL_KINDS
from sites.models import SiteProfile

from . import services
from .checks import registry
from .enums import Severity
from .models import DigestNotice, Finding

RISKS = (Severity.VETO, Severity.WARNING)
KEEP_DAYS = 30  # a notice is kept this long after its finding was fixed (send_inspection_digest --keep-days)
PRUNE_BATCH = 500  # rows deleted per statement (SQLite bounds a query's parameters)


@dataclass
class Item:
    finding: Finding
    check_label: str
    days_left: int | None  # days before the warning becomes a veto (negative: past it); None without a due date
    edit_url: str

    @property
    def is_veto(self) -> bool:
        return self.finding.severity == Severity.VETO


def _identity(finding) -> tuple:
    return (finding.check_name, finding.key, finding.severity, finding.first_seen)


def new_findings(site: SiteProfile) -> list[Finding]:
    """The site's current veto and warning findings no digest has listed yet: vetoes first, then by due date."""
    current = services.current_findings(site).filter(severity__in=RISKS)
    sent = set(DigestNotice.objects.filter(site=site).values_list("check_name", "key", "severity", "first_seen"))
    found = [finding for finding in current if _identity(finding) not in sent]
    return sorted(found, key=_order)


def _order(finding) -> tuple:
    # In Python: databases disagree on where NULL due dates sort.
    return (finding.severity != Severity.VETO, finding.due or datetime.date.max, finding.check_name, finding.pk)


def sites_with_news() -> list[int]:
    """Ids of the sites that have something new to send (one pass over the current risks of the group)."""
    current = services.current_findings().filter(severity__in=RISKS)
    sent = set(DigestNotice.objects.values_list("site_id", "check_name", "key", "severity", "first_seen"))
    pending = set()
    for row in current.values_list("site_id", "check_name", "key", "severity", "first_seen"):
        if row not in sent:
            pending.add(row[0])
    return sorted(pending)


def portal_office(site: SiteProfile) -> SiteProfile | None:
    """The nearest site above ``site`` that is a portal (市级/区县门户), whose staff answer for its group."""
    return next((ancestor for ancestor in site.ancestors() if ancestor.kind in PORTAL_KINDS), None)


def staff_addresses(*sites) -> list[str]:
    groups = [pk for site in sites if site for pk in (site.editor_group_id, site.reviewer_group_id) if pk]
    users = get_user_model().objects.filter(groups__in=groups, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def _label(check_name: str) -> str:
    return registry.get(check_name).label if check_name in registry.names() else check_name


def items_for(findings, today: datetime.date) -> list[Item]:
    return [
        Item(
            finding=finding,
            check_label=_label(finding.check_name),
            days_left=(finding.due - today).days if finding.due else None,
            edit_url=urljoin(settings.WAGTAILADMIN_BASE_URL, finding.edit_url) if finding.edit_url else "",
        )
        for finding in findings
    ]


def compose(site: SiteProfile, items: list[Item], today: datetime.date) -> tuple[str, str, str]:
    """Subject, plain text and HTML of the site's digest."""
    vetoes = sum(item.is_veto for item in items)
    parts = [
        f"单项否决风险 {vetoes} 项" if vetoes else "",
        f"预警 {len(items) - vetoes} 项" if len(items) > vetoes else "",
    ]
    counts = "、".join(part for part in parts if part)
    subject = f"【网站健康检查】{site.org_name}：新增{counts}"
    context = {
        "site": site,
        "items": items,
        "today": today,
        "counts": counts,
        "workbench_url": urljoin(settings.WAGTAILADMIN_BASE_URL, "/admin/"),
    }
    text = render_to_string("evaluation/digest/email.txt", context)
    html = render_to_string("evaluation/digest/email.html", context)
    return subject, text, html


def send_digest(site_pk: int, today: datetime.date) -> int:
    """Email the site's new risks to its staff and its portal's office; remember what was sent. Returns the number
    of emails sent (0: nothing new, or nobody to tell — then nothing is remembered, so it goes out once someone
    has an address)."""
    site = SiteProfile.objects.with_site().filter(pk=site_pk).first()
    if site is None:
        return 0
    findings = new_findings(site)
    addresses = staff_addresses(site, portal_office(site))
    if not findings or not addresses:
        return 0
    subject, text, html = compose(site, items_for(findings, today), today)
    messages = []
    for address in addresses:  # one email per address: recipients do not see each other
        message = EmailMultiAlternatives(subject, text, None, [address])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    sent = get_connection().send_messages(messages) or 0
    with transaction.atomic():
        DigestNotice.objects.bulk_create(
            [
                DigestNotice(
                    site=site,
                    check_name=finding.check_name,
                    key=finding.key,
                    severity=finding.severity,
                    first_seen=finding.first_seen,
                    sent_on=today,
                )
                for finding in findings
            ],
            ignore_conflicts=True,
        )
    return sent


def prunable_notices(now: datetime.datetime | None = None, keep_days: int = KEEP_DAYS):
    """Notices no digest can need again: nothing current has their site, check and key (so neither the finding
    nor a new severity of it is open), and no finding with that key was fixed in the last ``keep_days`` days —
    fixed longer ago, or its results deleted. A finding that comes back is new anyway (a new first-seen day)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=keep_days)
    same_key = Finding.objects.filter(
        site_id=OuterRef("site_id"), check_name=OuterRef("check_name"), key=OuterRef("key")
    )
    return DigestNotice.objects.filter(
        ~Exists(same_key.current()),
        ~Exists(same_key.filter(resolved_at__gte=cutoff)),
    )


def prune_notices(now: datetime.datetime | None = None, keep_days: int = KEEP_DAYS) -> int:
    """Delete the notices ``prunable_notices`` finds, in batches; returns how many."""
    stale = prunable_notices(now, keep_days)
    deleted = 0
    while batch := list(stale.values_list("pk", flat=True)[:PRUNE_BATCH]):
        deleted += DigestNotice.objects.filter(pk__in=batch).delete()[0]
    return deleted
