"""Demo 信息报送 and 稿件共享 (issue 14): departments and districts submit their newest news to their portal's
receiving columns; the portal adopts some (as aliases), returns one and leaves the rest waiting; each city
portal shares its newest policy into every district's 政策文件 column. So the queue, 我的报送, the statistics, the
public ranking (/xxbs/) and the dashboard panel show something.

Runs once the whole group is seeded (``seed_demo``); idempotent: a page submitted before is left alone.
"""

import zlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q

from demo.home.users import ADMIN_USERNAME, editor_username
from home.enums import ColumnType
from home.models import ArticlePage, ColumnPage
from sites.models import SiteProfile
from syndication import services
from syndication.enums import AdoptionMode, SubmissionStatus
from syndication.models import Submission

SUBMITTING_KINDS = ("district", "township")
RETURN_REASON = "请补充会议的时间、地点和主要内容，并核对领导职务后重新报送。"


@dataclass
class SyndicationReport:
    submitted: int = 0
    adopted: int = 0
    returned: int = 0
    shared: int = 0


def seed_syndication() -> SyndicationReport:
    report = SyndicationReport()
    users = _users()
    # Districts report to the city's 区县动态, townships to their district's 乡镇街道: the columns the blueprints open
    # to them. Departments have no such column on the demo portals (a 部门动态 column would be one more nav item).
    units = SiteProfile.objects.with_site().filter(kind__in=SUBMITTING_KINDS, parent__isnull=False)
    for unit in units.order_by("sort_order", "pk"):
        columns = list(services.receiving_columns(unit)[:1])
        if columns:
            _submit_unit(unit, columns, users, report)
    for portal in SiteProfile.objects.with_site().filter(parent__isnull=True).order_by("sort_order", "pk"):
        _share_policy(portal, users, report)
    return report


def _users() -> dict:
    User = get_user_model()
    return {user.username: user for user in User.objects.filter(is_active=True)}


def _user(users, profile):
    return users.get(editor_username(profile.slug)) or users.get(ADMIN_USERNAME)


def _newest(profile, limit: int):
    """The unit's newest news items (动态要闻 columns): what a unit reports upwards, not its notices or guides."""
    root = profile.site.root_page
    news = ColumnPage.objects.child_of(root).filter(column_type=ColumnType.NEWS).values_list("path", flat=True)
    within = Q()
    for path in news:
        within |= Q(path__startswith=path)
    if not within:
        return []
    pages = ArticlePage.objects.live().filter(within, alias_of__isnull=True)
    return list(pages.order_by("-publish_at", "-pk")[:limit])


def plan(slug: str) -> tuple[int, int]:
    """How many of its newest articles a unit submits (2–4) and how many of those are adopted (1 up to all), fixed
    per site so that the ranking differs between units and stays the same on every seed."""
    spread = zlib.crc32(slug.encode())
    count = 2 + spread % 3
    return count, 1 + (spread // 3) % count


def _submit_unit(unit, columns, users, report: SyndicationReport) -> None:
    count, adopted = plan(unit.slug)
    for position, page in enumerate(_newest(unit, count)):
        if Submission.objects.filter(page=page).exists():
            continue
        submission = services.submit(page, columns, _user(users, unit))[0]
        report.submitted += 1
        receiver = _user(users, submission.target_site)
        if position < adopted:
            services.adopt(submission, receiver, AdoptionMode.ALIAS)
            report.adopted += 1
        elif position == adopted:
            services.close(submission, receiver, SubmissionStatus.RETURNED, RETURN_REASON)
            report.returned += 1


def _share_policy(portal, users, report: SyndicationReport) -> None:
    columns = list(services.sharing_columns(portal))
    own = ColumnPage.objects.child_of(portal.site.root_page).filter(column_type=ColumnType.POLICY).first()
    policy = own and ArticlePage.objects.live().child_of(own).order_by("-publish_at", "-pk").first()
    if not columns or not policy:
        return
    result = services.share(policy, columns, _user(users, portal))
    report.shared += len(result.created)
