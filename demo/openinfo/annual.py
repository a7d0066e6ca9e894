"""Demo 政府信息公开工作年度报告 (issue 13 item 8): last year's report of every reporting organ of the demo group,
generated from the demo's own applications and documents and published under the organ's 年报 column.

Runs once the whole group is seeded (``seed_demo``), because a department's Table 3 counts the applications its
portal transferred to it, which are written when the portal is seeded. What an organ enters by hand (Table 2's
许可/处罚/强制/收费 figures, sections 五 and 六) is drawn from each organ's own ``random.Random``; the counted tables
are the platform's. Idempotent: an organ whose report for the year is already published is left alone.
"""

import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Q

from demo.home.users import ADMIN_USERNAME, editor_username, signer_username
from openinfo.annual import reports
from openinfo.annual.document import OVERVIEW_HINT
from openinfo.models import OpenInfoAnnualReport
from openinfo.models.annual import ReportStatus
from sites.models import SiteProfile

PROBLEMS = (
    "一是政策解读形式较为单一，图解、音视频解读占比不高；二是依申请公开答复文书的规范性有待提升。{next_year}年，"
    "本机关将丰富解读形式，加强答复文书的法制审核，并组织业务培训。"
)
WORK = (
    "政府信息管理方面，本机关严格执行公开属性源头认定和保密审查，对现行有效的规范性文件进行了清理并在政府信息公开"
    "专栏集中公开。平台建设方面，依托政府网站集约化平台统一发布政府信息，及时更新政府信息公开指南和目录。监督保障"
    "方面，将政务公开工作纳入年度绩效考核，未发生因政府信息公开工作不到位被问责的情况。"
)
OTHER_MATTERS = "本机关按照年度政务公开工作要点，落实了政府信息公开指南和制度的更新，未发生其他需要报告的事项。"


def seed_annual_reports(year: int, seed: int = 0) -> int:
    """Generate and publish ``year``'s report of every reporting organ that has a 政府信息公开 section; returns how
    many were published now. A report whose balance check fails is left unpublished (and counted out): the
    demo never forces a report past the rule the admin enforces."""
    published = 0
    organs = SiteProfile.objects.filter(kind__in=reports.REPORTING_KINDS).select_related("site")
    users = _publishers()
    for profile in organs.order_by("sort_order", "pk"):
        if reports.report_parent(profile) is None:
            continue
        done = OpenInfoAnnualReport.objects.filter(site=profile, year=year, status=ReportStatus.PUBLISHED)
        if done.exists():
            continue
        report = reports.generate(profile, year)
        _enter_figures(report, random.Random(f"{seed}:annual:{profile.slug}"))
        if reports.publish_errors(report):
            continue
        publisher = users.get(signer_username(profile)) or users.get(editor_username(profile.slug))
        reports.publish(report, publisher or users[ADMIN_USERNAME])
        published += 1
    return published


def _publishers() -> dict:
    """The demo's publishing accounts: each site's 签发 login (its 审核组; the test suite's editor-<slug> is in it
    too) and, for a site made without one, admin."""
    User = get_user_model()
    logins = User.objects.filter(Q(username__startswith="editor-") | Q(username__startswith="signer-"), is_active=True)
    return {user.username: user for user in logins} | {
        user.username: user for user in User.objects.filter(username=ADMIN_USERNAME)
    }


def _enter_figures(report: OpenInfoAnnualReport, rng: random.Random) -> None:
    """What the organ itself fills in: Table 2's decisions and charges, sections 五 and 六."""
    government = report.site.kind in reports.GOVERNMENT_KINDS
    report.licensing = rng.randint(120, 900) if government else rng.randint(0, 160)
    report.penalties = rng.randint(30, 400) if government else rng.randint(0, 60)
    report.enforcement = rng.randint(0, 40) if government else rng.randint(0, 8)
    report.charges = Decimal(rng.randint(0, 25000)) / 100
    if OVERVIEW_HINT in report.overview:  # complete the platform's draft as the organ would
        report.overview = report.overview.replace(OVERVIEW_HINT, "") + "\n\n" + WORK
    report.problems = report.problems or PROBLEMS.format(next_year=report.year + 1)
    report.other_matters = report.other_matters or OTHER_MATTERS
    report.save()
