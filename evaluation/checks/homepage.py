"""首页不更新: no new information on the home page for two weeks.

Rule: 国办秘函〔2019〕19号, 单项否决 “首页不更新” — monitored two weeks, no new information on the home page; when the
home page is only a navigation page, no new information on any second-level page; items without a shown publication
time count as not updated (2015 普查 note). Confidence: verified (gov-standards.md §3.2). The warning at 10 days is
开普云's early warning “首页不更新 >10 天” (verified, §3.4).

What "shown on the home page" means here: ``HomePage.home_columns`` — the live child columns flagged 首页展示, each
with its newest live public articles, every one shown with its 发布时间 (``includes/dated_list.html``). A home page
with no such column is navigation-only: then the newest article in any column directly below it counts. Articles
dated after the judged day are not counted (a date in the future is not an update; the ``dates`` check flags it).
"""

import datetime

from home.models import ArticlePage, ColumnPage

from ..enums import Severity
from . import registry
from .base import Check, FindingData
from .site_pages import SitePages, edit_url, end_of_day, local_date, under_any

WARNING_DAYS = 10  # 开普云: home page not updated for more than 10 days
VETO_DAYS = 14  # two weeks without new information on the home page
KEY = "home:stale"


@registry.register
class HomepageCheck(Check):
    name = "homepage"
    label = "首页不更新"
    source = "国办秘函〔2019〕19号 单项否决：首页不更新（监测2周）"

    def run(self, site, today):
        pages = SitePages(site)
        root = pages.root
        columns = list(pages.published(ColumnPage.objects.child_of(root)).values_list("path", "show_on_home"))
        shown = [path for path, on_home in columns if on_home]
        navigation_only = not shown
        scope = shown or [path for path, _ in columns]
        newest = (
            pages.published(ArticlePage.objects.all())
            .filter(under_any(scope), publish_at__lt=end_of_day(today))
            .order_by("-publish_at", "-pk")
            .only("pk", "title", "url_path", "publish_at")
            .first()
        )
        where = "任何二级栏目" if navigation_only else "首页"
        if newest is None:
            yield FindingData(
                code="no-items",
                severity=Severity.VETO,
                key=KEY,
                title=f"{where}没有带发布时间的信息",
                detail="首页展示的栏目中没有已发布的文章；无发布时间的信息视为未更新。",
                url=pages.home_url,
                edit_url=edit_url(root.pk),
                page_id=root.pk,
                extra={"navigation_only": navigation_only},
            )
            return
        shown_on = local_date(newest.publish_at)
        age = (today - shown_on).days
        if age < WARNING_DAYS:
            return
        vetoed = age >= VETO_DAYS
        yield FindingData(
            code="stale" if vetoed else "stale-soon",
            severity=Severity.VETO if vetoed else Severity.WARNING,
            key=KEY,
            title=f"{where}已{age}天未更新" + ("" if vetoed else f"，{VETO_DAYS}天即单项否决"),
            detail=f"最新信息《{newest.title}》发布于{shown_on:%Y-%m-%d}。",
            url=pages.url(newest.url_path),
            edit_url=edit_url(root.pk),
            page_id=newest.pk,
            due=None if vetoed else shown_on + datetime.timedelta(days=VETO_DAYS),
            extra={"days": age, "newest": shown_on.isoformat(), "navigation_only": navigation_only},
        )
