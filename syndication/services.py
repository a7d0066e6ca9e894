"""信息报送 and 稿件共享: who may submit where, the transitions of a submission, sharing by alias.

Every transition runs in one transaction and writes a page log entry (register_log_actions in wagtail_hooks.py) on
the original, so its history shows who submitted, adopted, returned or rejected it, and when.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.actions.create_alias import CreatePageAliasAction
from wagtail.log_actions import log
from wagtail.models import Page

from home.enums import SubmissionScope
from home.models import ArticlePage, ColumnPage
from sites.models import SiteProfile
from sites.page_cache import bump_page, bump_site
from sites.utils import group_profiles

from .enums import LOG_ADOPT, LOG_REJECT, LOG_RETURN, LOG_SHARE, LOG_SUBMIT, AdoptionMode, SubmissionStatus
from .models import Submission

SITE_ROOT_DEPTH = 2  # every site's home page sits directly under Wagtail's root (sites.services.provision_site)
# Page types that may be submitted and shared: an article (disclosure documents are left for later).
SYNDICATED_TYPES = (ArticlePage,)


class SyndicationError(ValidationError):
    """A refused submission or transition; the message is shown to the editor as it is."""


def profile_of_page(page: Page) -> SiteProfile | None:
    """The site a page belongs to (by the tree path of its home page)."""
    root_path = page.path[: SITE_ROOT_DEPTH * Page.steplen]
    return SiteProfile.objects.with_site().filter(site__root_page__path=root_path).first()


def _paths_q(profiles) -> Q:
    query = Q(pk__in=[])
    for profile in profiles:
        query |= Q(path__startswith=profile.site.root_page.path)
    return query


def receiving_columns(profile: SiteProfile):
    """Live columns of ``profile``'s ancestor sites that accept submissions from it: its parent's columns of
    either scope, higher ancestors' only when they accept from every site below them."""
    ancestors = list(SiteProfile.objects.with_site().filter(pk__in=[p.pk for p in profile.ancestors()]))
    if not ancestors:
        return ColumnPage.objects.none()
    parent = [p for p in ancestors if p.pk == profile.parent_id]
    higher = [p for p in ancestors if p.pk != profile.parent_id]
    scoped = _paths_q(parent) | (_paths_q(higher) & Q(submission_scope=SubmissionScope.DESCENDANTS))
    return ColumnPage.objects.live().filter(accepts_submissions=True).filter(scoped).order_by("path")


def sharing_columns(profile: SiteProfile):
    """Live columns of the sites below ``profile`` that accept shared content (稿件共享 goes down the group).

    The accepting columns are few and a city has up to 2,000 sites below it, so the columns are read first and
    matched to the sites' home-page paths in Python (no 2,000-branch OR)."""
    below = [p.pk for p in group_profiles(profile) if p.pk != profile.pk]
    roots = set(SiteProfile.objects.filter(pk__in=below).values_list("site__root_page__path", flat=True))
    accepting = ColumnPage.objects.live().filter(accepts_shared=True).values_list("pk", "path")
    width = SITE_ROOT_DEPTH * Page.steplen
    return ColumnPage.objects.filter(pk__in=[pk for pk, path in accepting if path[:width] in roots]).order_by("path")


def check_syndicable(page: Page) -> None:
    if not isinstance(page.specific, SYNDICATED_TYPES):
        raise SyndicationError("只有文章可以报送或共享。")
    if not page.live:
        raise SyndicationError("只有已发布的信息可以报送或共享，请先发布。")
    if page.alias_of_id:
        raise SyndicationError("这是引用其他网站的信息，请在原网站报送或共享。")


def pending_columns(page: Page) -> set[int]:
    return set(
        Submission.objects.filter(page=page, status=SubmissionStatus.PENDING).values_list("column_id", flat=True)
    )


def checked_targets(page: Page, columns, open_columns, noun: str, refusal: str):
    """(the page's site, the chosen columns) once the page may be sent and every column is open to its site
    (``open_columns(site)``); else SyndicationError naming the refused columns — nothing is half done."""
    check_syndicable(page)
    source = profile_of_page(page)
    allowed = {c.pk for c in open_columns(source)} if source else set()
    columns = list(columns)
    if not columns:
        raise SyndicationError(f"请至少选择一个{noun}。")
    refused = [c.title for c in columns if c.pk not in allowed]
    if refused:
        raise SyndicationError(f"栏目“{'、'.join(refused)}”{refusal}。")
    return source, columns


@transaction.atomic
def submit(page: Page, columns, user) -> list[Submission]:
    """One pending submission per column; refused as a whole when any column is not open to this page's site or
    the page is already waiting there."""
    source, columns = checked_targets(page, columns, receiving_columns, "报送栏目", "不接受本站报送")
    waiting = pending_columns(page)
    twice = [c.title for c in columns if c.pk in waiting]
    if twice:
        raise SyndicationError(f"本文已报送到栏目“{'、'.join(twice)}”，正在等待处理，请勿重复报送。")
    now = timezone.now()
    created = []
    for column in columns:
        target = profile_of_page(column)
        created.append(
            Submission.objects.create(
                page=page,
                title=page.title,
                source_site=source,
                column=column,
                target_site=target,
                submitted_by=user,
                submitted_at=now,
            )
        )
        log(page, LOG_SUBMIT, user=user, data={"column": column.title, "site": target.org_name})
    _refresh_ranking(created)
    return created


def _refresh_ranking(submissions) -> None:
    """The receiving portals' public ranking (/xxbs/) counts these submissions: refresh their cached pages."""
    targets = {s.target_site_id: s.target_site for s in submissions}
    transaction.on_commit(lambda: [bump_site(profile) for profile in targets.values()])


def _lock(submission: Submission) -> Submission:
    """The row, locked, refusing anything but a pending submission (a second click, another editor)."""
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    if row.status != SubmissionStatus.PENDING:
        raise SyndicationError(f"该报送信息已处理（{row.get_status_display()}），不能重复处理。")
    return row


def _create_alias(original: Page, column: ColumnPage, user) -> Page:
    """A live alias of ``original`` in ``column``. Our own checks stand in for Wagtail's: the receiving staff have
    no rights on the original's site. Wagtail sends no page_published for a new alias, so the column's site cache
    is invalidated here (later publishes of the original reach the alias through update_aliases)."""
    alias = CreatePageAliasAction(
        original.specific, parent=column, update_slug=_free_slug(column, original.slug), user=user
    ).execute(skip_permission_checks=True)
    transaction.on_commit(lambda: bump_page(alias))
    return alias


def _free_slug(parent: Page, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, serial = slug, 1
    while candidate in taken:
        serial += 1
        candidate = f"{slug}-{serial}"
    return candidate


@transaction.atomic
def adopt(submission: Submission, user, mode: str) -> Submission:
    """采用: an alias of the original in the column (follows every correction), or an edited copy as a draft."""
    row = _lock(submission)
    original = row.page.specific if row.page_id else None
    if original is None or not original.live:
        raise SyndicationError("原文已撤回或删除，无法采用，请退回或不予采用。")
    if Submission.objects.filter(page=original, column=row.column, status=SubmissionStatus.ADOPTED).exists():
        raise SyndicationError("本文已被该栏目采用，不能重复采用。")
    column = row.column
    if mode == AdoptionMode.ALIAS:
        adopted = _create_alias(original, column, user)
    elif mode == AdoptionMode.COPY:
        # A draft for the portal editor to edit and publish; 来源 names the submitting unit.
        attrs = {"slug": _free_slug(column, original.slug), "source": row.source_site.org_name}
        adopted = original.copy(to=column, update_attrs=attrs, keep_live=False, user=user, copy_revisions=False)
    else:
        raise SyndicationError("请选择采用方式。")
    row.status, row.mode, row.adopted_page = SubmissionStatus.ADOPTED, mode, adopted
    row.handled_by, row.handled_at = user, timezone.now()
    row.save()
    log(original, LOG_ADOPT, user=user, data={"column": column.title, "mode": row.get_mode_display()})
    _refresh_ranking([row])
    return row


@transaction.atomic
def close(submission: Submission, user, status: str, reason: str) -> Submission:
    """退回 (the submitter may submit again) or 不予采用, each with its reason."""
    reason = (reason or "").strip()
    if not reason:
        raise SyndicationError("请填写理由。")
    row = _lock(submission)
    row.status, row.reason = status, reason
    row.handled_by, row.handled_at = user, timezone.now()
    row.save()
    if row.page_id:
        action = LOG_RETURN if status == SubmissionStatus.RETURNED else LOG_REJECT
        log(row.page, action, user=user, data={"column": row.column.title, "reason": reason})
    _refresh_ranking([row])
    return row


@dataclass
class ShareResult:
    created: list
    skipped: list  # titles of columns that already show the page


@transaction.atomic
def share(page: Page, columns, user) -> ShareResult:
    """共享到…: an alias of ``page`` in each column (on sites below the page's site that accept shared content)."""
    _source, columns = checked_targets(page, columns, sharing_columns, "栏目", "不接受本站共享的信息")
    result = ShareResult(created=[], skipped=[])
    for column in columns:
        if page.aliases.filter(path__startswith=column.path).exists():
            result.skipped.append(column.title)
            continue
        result.created.append(_create_alias(page, column, user))
        log(page, LOG_SHARE, user=user, data={"column": column.title})
    return result


def mark_copies_outdated(page: Page) -> int:
    """The original was republished: flag its adopted edited copies for the portal editor (原文已更新)."""
    return Submission.objects.filter(
        page=page,
        status=SubmissionStatus.ADOPTED,
        mode=AdoptionMode.COPY,
        original_updated=False,
    ).update(original_updated=True)


def mark_checked(submission: Submission) -> int:
    """已核对: the portal editor compared the edited copy with the corrected original; the marker goes."""
    return Submission.objects.filter(pk=submission.pk, original_updated=True).update(original_updated=False)


def withdraw_aliases(page: Page) -> None:
    """The original is going away: unpublish every alias first (Wagtail would turn them into pages of their
    own, still live, when the original is deleted)."""
    for alias in Page.objects.filter(alias_of=page, live=True):
        alias.specific.unpublish(log_action=True)
