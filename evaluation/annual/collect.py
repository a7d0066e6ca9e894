"""The figures of a 政府网站工作年度报表 the platform can count itself, per site and calendar year.

Every count is of the site's own page tree (its sub-sites are separate reports) and of the year only; the queries
are a constant handful per site. What is counted, and the field list it fills, are documented in
docs/evaluation.md (网站工作年度报表): the field list of the official template is unverified (gov-standards.md §2.6).
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from home.enums import ColumnType
from home.models import ArticlePage, ColumnPage, ServiceGuidePage, StandardPage
from interaction.models import MailboxPage, Question
from interaction.statistics import reply_statistics
from openinfo.enums import DocumentGenre
from openinfo.models import DisclosureDocumentPage
from sites.enums import SiteKind

from ..enums import Severity
from ..models import AvailabilityProbe, CheckResult, Finding

RISKS = (Severity.VETO, Severity.WARNING)


def year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    """[1 January 00:00, next 1 January 00:00) in local time."""
    start = timezone.make_aware(datetime.datetime(year, 1, 1))
    return start, timezone.make_aware(datetime.datetime(year + 1, 1, 1))


def collect(profile, year: int) -> dict:
    """All generated figures of ``profile`` (a SiteProfile with its site and root page) for ``year``."""
    root = profile.site.root_page
    return {
        "header": header(profile),
        "publishing": publishing(root, year),
        "topics": topics(profile, root, year),
        "interpretation": interpretation(root, year),
        "services": services(root, year),
        "interaction": interaction(profile, root, year),
        "security": security(profile, year),
    }


def header(profile) -> dict:
    return {
        "name": profile.org_name,
        "url": profile.site.root_url + "/",
        "sponsor": profile.sponsor or profile.org_name,
        "kind": profile.get_kind_display(),
        "site_code": profile.site_code,
        "icp": profile.icp_number,
        "police": profile.police_record_number,
    }


def publishing(root, year: int) -> dict:
    """信息发布: articles by their column's type (发布时间 in the year), disclosure documents (发布日期 in the year)
    and 概况类 pages (普通页面) published or updated in the year (a ``wagtail.publish`` log entry, or first
    published, in the year)."""
    start, end = year_bounds(year)
    column_types = dict(
        ColumnPage.objects.live().descendant_of(root).values_list("path", "column_type")  # articles' parents
    )
    news = other = 0
    articles = ArticlePage.objects.live().due().descendant_of(root).filter(publish_at__gte=start, publish_at__lt=end)
    for path in articles.values_list("path", flat=True):
        if column_types.get(path[: -Page.steplen]) == ColumnType.NEWS:
            news += 1
        else:
            other += 1
    standard = StandardPage.objects.live().descendant_of(root)
    published_in_year = PageLogEntry.objects.filter(
        action="wagtail.publish", timestamp__gte=start, timestamp__lt=end
    ).values("page_id")
    overview = standard.filter(
        Q(pk__in=published_in_year) | Q(first_published_at__gte=start, first_published_at__lt=end)
    ).count()
    disclosure = DisclosureDocumentPage.objects.live().due().descendant_of(root).filter(published_on__year=year).count()
    return {
        "total": overview + news + other + disclosure,
        "overview": overview,
        "news": news,
        "disclosure": disclosure,
        "other": other,
    }


def topics(profile, root, year: int) -> dict:
    """专栏专题: 专题 columns of the site and topic sites directly below it, live at the end of the year; newly
    opened = first published in the year."""
    start, end = year_bounds(year)
    columns = ColumnPage.objects.live().descendant_of(root).filter(column_type=ColumnType.TOPIC)
    dates = list(columns.filter(first_published_at__lt=end).values_list("first_published_at", flat=True))
    topic_roots = Page.objects.live().filter(
        sites_rooted_here__profile__parent=profile,
        sites_rooted_here__profile__kind=SiteKind.TOPIC,
        first_published_at__lt=end,
    )
    dates += list(topic_roots.values_list("first_published_at", flat=True))
    return {"maintained": len(dates), "new": sum(1 for when in dates if when and when >= start)}


def interpretation(root, year: int) -> dict:
    """解读回应: 政策解读 documents (体裁 政策解读) published in the year."""
    documents = DisclosureDocumentPage.objects.live().due().descendant_of(root)
    count = documents.filter(genre=DocumentGenre.INTERPRETATION, published_on__year=year).count()
    return {"documents": count}


def services(root, year: int) -> dict:
    """办事服务: 办事指南 live at the end of the year; those with an online-handling address."""
    _start, end = year_bounds(year)
    guides = ServiceGuidePage.objects.live().descendant_of(root).filter(first_published_at__lt=end)
    total = guides.count()
    online = guides.exclude(online_url="").count()
    return {"catalogue": total > 0, "guides": total, "online": online}


def interaction(profile, root, year: int) -> dict:
    """互动交流 留言办理: messages received by the site in the year, counted by interaction/statistics.py (the same
    figures as its 统计 page); average handling time in working days."""
    questions = Question.objects.filter(site=profile, received_on__year=year)
    stats = reply_statistics(questions, by="site", today=datetime.date(year, 12, 31)).get(profile.slug)
    has_mailbox = MailboxPage.objects.live().descendant_of(root).exists()
    if stats is None:
        return {"platform": has_mailbox, "received": 0, "answered": 0, "mean_days": None, "published": 0}
    return {
        "platform": has_mailbox,
        "received": stats.received,
        "answered": stats.answered,
        "mean_days": stats.mean_reply_days,
        "published": stats.published,
    }


def security(profile, year: int) -> dict:
    """安全防护 as far as the platform knows it: inspections of the site in the year, the 单项否决 and 预警 problems
    they first found in the year and those found fixed in the year, and whether availability was monitored."""
    start, end = year_bounds(year)
    runs = CheckResult.objects.filter(site=profile, finished_at__gte=start, finished_at__lt=end)
    risks = Finding.objects.filter(site=profile, severity__in=RISKS)
    # A finding is stored again by every run that still sees it; one problem is one (check, key, first seen).
    found = risks.filter(first_seen__year=year).values("check_name", "key", "first_seen").distinct().count()
    fixed = risks.filter(resolved_at__gte=start, resolved_at__lt=end).count()
    probes = AvailabilityProbe.objects.filter(profile=profile, checked_at__gte=start, checked_at__lt=end)
    return {
        "inspections": runs.values("run").distinct().count(),
        "problems": found,
        "fixed": fixed,
        "monitored": probes.exists(),
    }
