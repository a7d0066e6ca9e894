"""Generating, publishing and tracking the 政府网站工作年度报表.

国办函〔2018〕12号 (verified, gov-standards.md §2.6): every government website publishes its report for the previous
year by **31 January**. The admin dashboard names last year's reports not yet published, with the days left (or
overdue), until they are.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from openinfo.annual.reports import may_publish_under
from openinfo.models import DisclosureIndexPage
from sites.models import SiteProfile

from ..models import WebsiteAnnualReport, WebsiteReportPage
from ..models.annual import ReportStatus
from .collect import collect
from .rows import report_rows

# The blueprints' 政府信息公开年报 column (sites/blueprints/*.toml: slug "nb" under 政府信息公开).
ANNUAL_COLUMN_SLUG = "nb"


class NotAllowed(Exception):
    pass


def due_date(year: int) -> datetime.date:
    """The last day to publish the report of ``year``: 31 January of the next year."""
    return datetime.date(year + 1, 1, 31)


def generate(profile: SiteProfile, year: int) -> WebsiteAnnualReport:
    """Create or refresh the report's platform figures; the fields staff entered are kept."""
    profile = SiteProfile.objects.with_site().get(pk=profile.pk)
    report, _created = WebsiteAnnualReport.objects.get_or_create(site=profile, year=year)
    report.figures = collect(profile, year)
    report.generated_at = timezone.now()
    report.save(update_fields=["figures", "generated_at", "updated_at"])
    return report


def report_parent(profile: SiteProfile):
    """Where the report's page goes: the 政府信息公开年报 column, else the 政府信息公开 section, else the home page
    (villages and topic sites have no disclosure section)."""
    root = profile.site.root_page
    index = DisclosureIndexPage.objects.child_of(root).order_by("path").first()
    if index is None:
        return root.specific
    # openinfo's AnnualReportIndexPage on sites made from today's blueprints; a StandardPage on older ones.
    column = Page.objects.child_of(index).filter(slug=ANNUAL_COLUMN_SLUG).first()
    return column.specific if column else index


def may_publish(user, report: WebsiteAnnualReport) -> bool:
    parent = report.page.get_parent() if report.page_id else report_parent(report.site)
    # The 年报 column admits no page type editors may create, so Wagtail's can_publish_subpage would say no.
    return may_publish_under(parent, user)


def publish(report: WebsiteAnnualReport, user) -> WebsiteReportPage:
    """Publish the report (a new revision of its page, or a new page): its rows as they are now."""
    if not may_publish(user, report):
        raise NotAllowed("只有本网站有发布权限的人员（审核人员）可以发布网站工作年度报表。")
    profile = report.site
    title = f"{profile.org_name}{report.year}年政府网站工作年度报表"
    rows = report_rows(report)
    with transaction.atomic():
        page = WebsiteReportPage.objects.filter(pk=report.page_id).first()
        if page is None:  # a report deleted and generated again finds the page it published before
            page = WebsiteReportPage.objects.child_of(report_parent(profile)).filter(year=report.year).first()
        if page is None:
            page = WebsiteReportPage(title=title, slug=f"wzgzndbb-{report.year}", year=report.year, rows=rows)
            page.live = False
            report_parent(profile).add_child(instance=page)
        else:
            page.title, page.rows = title, rows
        # Publishing a report is its own approval (may_publish: the 审核组's publish permission, checked above), so
        # the 发布审核要求 that keeps editor-written pages behind the review workflow (sites.workflow) is not asked.
        page.save_revision(user=user, log_action=True).publish(user=user, skip_permission_checks=True)
        page = WebsiteReportPage.objects.get(pk=page.pk)  # the published state (publish saves another copy)
        report.status = ReportStatus.PUBLISHED
        report.published_at = timezone.now()
        report.page = page
        report.save(update_fields=["status", "published_at", "page", "updated_at"])
    return page


def pending(sites, today: datetime.date):
    """Last year's reports not yet published, from 1 January on: ``(year, days left, sites)`` with ``sites`` the
    given SiteProfile queryset narrowed to those without a published report (days left negative: overdue)."""
    year = today.year - 1
    published = WebsiteAnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).values("site_id")
    return year, (due_date(year) - today).days, sites.exclude(pk__in=published)
