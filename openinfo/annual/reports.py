"""Generating, checking, publishing and tracking the 政府信息公开工作年度报告.

条例 Art. 49 (verified, gov-standards.md §1.4): a government department publishes last year's report by
**31 January**; a people's government (here: 市级、区县门户 and 乡镇街道 sites) by **31 March**. The dashboard names
last year's reports of the user's organs not yet published, with the days left, until they are.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from sites.enums import PORTAL_KINDS, SiteKind
from sites.models import SiteProfile

from ..models import AnnualReportIndexPage, AnnualReportPage, DisclosureIndexPage, OpenInfoAnnualReport
from ..models.annual import ReportStatus
from . import tables
from .balance import balance_errors
from .document import OVERVIEW_HINT, build_document, overview_draft

ANNUAL_COLUMN_SLUG = "nb"  # sites/blueprints/*.toml: 政府信息公开年报 under 政府信息公开
GOVERNMENT_KINDS = (SiteKind.CITY, SiteKind.DISTRICT, SiteKind.TOWNSHIP)
REPORTING_KINDS = (*GOVERNMENT_KINDS, SiteKind.DEPARTMENT)
MAY_NOT_PUBLISH = "只有本机关有发布权限的人员（审核人员）可以发布政府信息公开工作年度报告。"


class NotAllowed(Exception):
    pass


class Unbalanced(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("；".join(errors))
        self.errors = errors


def due_date(kind: str, year: int) -> datetime.date:
    """Art. 49: departments by 31 January, governments by 31 March of the next year."""
    return datetime.date(year + 1, 3, 31) if kind in GOVERNMENT_KINDS else datetime.date(year + 1, 1, 31)


def generate(profile: SiteProfile, year: int) -> OpenInfoAnnualReport:
    """Create or refresh the counted tables; entered text and figures are kept (section 一 is offered a draft
    from the figures while it is empty). Table 3 corrections stay and apply on top of the new counts."""
    report, _created = OpenInfoAnnualReport.objects.get_or_create(site=profile, year=year)
    report.table2 = tables.count_table2(profile, year)
    report.table3 = tables.count_table3(profile, year)
    report.table4 = tables.count_table4(profile, year)
    report.fees_collected = tables.fees_collected(profile, year)
    report.generated_at = timezone.now()
    if not report.overview.strip():
        report.overview = overview_draft(report)
    report.save()
    return report


def table3(report: OpenInfoAnnualReport) -> dict:
    """Table 3 as it will be published: the counts, the logged corrections, every derived row and 总计."""
    return tables.full_table3(tables.apply_corrections(report.table3, report.corrections.all()))


def publish_errors(report: OpenInfoAnnualReport) -> list[str]:
    """What stops publication: the balance rule broken in a named cell, or a Table 2 figure not entered."""
    errors = balance_errors(table3(report), report.table4)
    for field in ("licensing", "penalties", "enforcement", "charges"):
        if getattr(report, field) is None:
            label = OpenInfoAnnualReport._meta.get_field(field).verbose_name
            errors.append(f"表二 {label} 尚未填写（没有的填 0）")
    if not report.overview.strip():
        errors.append("一、总体情况 尚未填写")
    elif OVERVIEW_HINT in report.overview:
        errors.append("一、总体情况 仍是平台生成的草稿：请补充本机关的工作情况，并删除末尾的括号提示")
    return errors


def report_parent(profile: SiteProfile):
    """The organ's 政府信息公开年报 column; else (a site made before the column had its type) its 政府信息公开
    section; None on sites without one (villages, topic sites)."""
    index = DisclosureIndexPage.objects.child_of(profile.site.root_page).order_by("path").first()
    if index is None:
        return None
    column = AnnualReportIndexPage.objects.child_of(index).first()
    return column or index


def may_publish_under(parent, user) -> bool:
    """Whether ``user`` may publish under ``parent`` (Wagtail's publish permission there). Not Wagtail's
    ``can_publish_subpage``: that also asks for a subpage type editors may create, and report pages are created
    only by publishing a report (``is_creatable = False``)."""
    if parent is None or not user.is_active:
        return False
    return user.is_superuser or "publish" in parent.permissions_for_user(user).permissions


def may_publish(user, report: OpenInfoAnnualReport) -> bool:
    parent = report.page.get_parent() if report.page_id else report_parent(report.site)
    return may_publish_under(parent, user)


def publish(report: OpenInfoAnnualReport, user) -> AnnualReportPage:
    """Publish the report as it stands (a new revision of its page, or a new page) — never when unbalanced."""
    if not may_publish(user, report):
        raise NotAllowed(MAY_NOT_PUBLISH)
    errors = publish_errors(report)
    if errors:
        raise Unbalanced(errors)
    profile = report.site
    title = f"{profile.org_name}{report.year}年政府信息公开工作年度报告"
    content = build_document(report, table3(report))
    with transaction.atomic():
        page = AnnualReportPage.objects.filter(pk=report.page_id).first()
        parent = report_parent(profile)
        if page is None:  # a report deleted and generated again finds the page it published before
            page = AnnualReportPage.objects.child_of(parent).filter(year=report.year).first()
        if page is None:
            page = AnnualReportPage(title=title, slug=f"zfxxgkndbg-{report.year}", year=report.year, content=content)
            page.live = False
            parent.add_child(instance=page)
        else:
            page.title, page.content = title, content
        # Publishing a report is its own approval (may_publish: the 审核组's publish permission, checked above), so
        # the 发布审核要求 that keeps editor-written pages behind the review workflow (sites.workflow) is not asked.
        page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
        page = AnnualReportPage.objects.get(pk=page.pk)
        report.status = ReportStatus.PUBLISHED
        report.published_at = timezone.now()
        report.page = page
        report.save(update_fields=["status", "published_at", "page", "updated_at"])
    return page


def pending(sites, today: datetime.date):
    """Last year's reports not yet published among ``sites`` (a SiteProfile queryset) of reporting kinds, from 1
    January on: ``[(site, due date, days left)]`` ordered by due date (days left negative: overdue)."""
    year = today.year - 1
    published = OpenInfoAnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values("site_id")
    waiting = sites.filter(kind__in=REPORTING_KINDS).exclude(pk__in=published)
    rows = []
    for site in waiting:
        due = due_date(site.kind, year)
        rows.append((site, due, (due - today).days))
    return year, sorted(rows, key=lambda row: (row[1], row[0].sort_order, row[0].pk))


def listing_context(page: Page, request) -> dict:
    """The 年报 column: published reports by year — the organ's own, or on a portal its whole group's — and the
    column's other pages (the 网站工作年度报表 evaluation publishes beside them)."""
    from sites.page_cache import depends_on_subtree
    from sites.utils import get_profile_for_request, group_profiles

    profile = get_profile_for_request(request) if request is not None else None
    is_portal = profile is not None and profile.kind in PORTAL_KINDS
    if is_portal:
        depends_on_subtree(request)  # lists the reports its group's sites publish
    sites = group_profiles(profile) if is_portal else [profile] if profile else []
    published = (
        OpenInfoAnnualReport.objects.filter(site__in=sites, status=ReportStatus.PUBLISHED, page__live=True)
        .select_related("site", "page")
        .order_by("-year", "site__sort_order", "site_id")
    )
    years: dict[int, list] = {}
    for report in published:
        years.setdefault(report.year, []).append((report.site, report.page.title, report.page.get_url(request)))
    others = page.get_children().live().not_type(AnnualReportPage).specific().order_by("-first_published_at")
    return {"report_years": sorted(years.items(), reverse=True), "is_portal": is_portal, "other_pages": others}
