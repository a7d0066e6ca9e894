"""站点无法访问 (availability) over the last 7 days of probes (`manage.py probe_availability`).

- VETO — 国办秘函〔2019〕19号 单项否决 “站点无法访问” (verified, gov-standards.md §3.2): monitored 1 week, ≥ 20 visits a
  day; attempts where the site is still not open after ≥ 15 s (or fails) make up **≥ 5 %** of all attempts.
- WARNING — 开普云's early warning “首页连不通” (verified from its public code, §3.4): failure ratio **> 3 %** over
  7 days.
- ADVISORY — no probe in the window (the timer is not running), or the latest attempt failed while the ratio is
  still below the warning line. The 2015 普查's “≥ 1 % of attempts over 15 s” deduction is unverified and not used.

The check reads stored probes only, so it needs no network and runs in the default (offline) inspection.
"""

import datetime

from django.db.models import Count, Q
from django.utils import timezone

from ..enums import Severity
from ..models import AvailabilityProbe
from . import registry
from .base import Check, FindingData

WINDOW_DAYS = 7
VETO_PERCENT = 5  # ≥
WARNING_PERCENT = 3  # >
VISITS_PER_DAY = 20  # the monitor's minimum sampling; fewer attempts are flagged in the finding


def window(today: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The 7 days ending with `today` (local time)."""
    end = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time()))
    return end - datetime.timedelta(days=WINDOW_DAYS), end


@registry.register
class AvailabilityCheck(Check):
    name = "availability"
    label = "站点无法访问"
    source = "国办秘函〔2019〕19号 单项否决指标“站点无法访问”（≥5%）；开普云预警“首页连不通”（7天>3%）"
    offline = True

    def run(self, site, today):
        start, end = window(today)
        probes = AvailabilityProbe.objects.filter(profile=site, checked_at__gte=start, checked_at__lt=end)
        counts = probes.aggregate(total=Count("pk"), failed=Count("pk", filter=Q(ok=False)))
        total, failed = counts["total"], counts["failed"]
        home = site.site.root_url + "/"
        if not total:
            yield FindingData(
                code="no-data",
                severity=Severity.ADVISORY,
                key="availability:no-data",
                title="近7天没有可用性探测记录",
                detail="探测定时任务（manage.py probe_availability）可能没有运行，无法判断站点可访问性。",
                url=home,
            )
            return
        percent = failed * 100 / total
        extra = {
            "attempts": total,
            "failed": failed,
            "percent": round(percent, 2),
            "sampled_enough": total >= VISITS_PER_DAY * WINDOW_DAYS,
        }
        summary = f"近7天探测 {total} 次，失败或超过15秒 {failed} 次（{percent:.1f}%）"
        if total < VISITS_PER_DAY * WINDOW_DAYS:
            summary += f"；探测次数少于检查要求的每天20次（共{VISITS_PER_DAY * WINDOW_DAYS}次），结果仅供参考"
        # Integer comparisons: 49 of 1000 (4.9 %) is not a veto, 50 of 1000 is.
        if failed * 100 >= VETO_PERCENT * total:
            yield FindingData(
                "veto",
                Severity.VETO,
                "availability:ratio",
                "站点无法访问：失败率达到单项否决线",
                summary,
                home,
                extra=extra,
            )
        elif failed * 100 > WARNING_PERCENT * total:
            yield FindingData(
                "warning",
                Severity.WARNING,
                "availability:ratio",
                "首页连不通：失败率超过3%",
                summary,
                home,
                extra=extra,
            )
        else:
            latest = probes.order_by("-checked_at", "-pk").first()
            if latest is not None and not latest.ok:
                yield FindingData(
                    "latest-failed",
                    Severity.ADVISORY,
                    "availability:latest",
                    "最近一次可用性探测失败",
                    f"{timezone.localtime(latest.checked_at):%Y-%m-%d %H:%M} 访问 {latest.url}："
                    f"{latest.error or latest.status}（{summary}）",
                    home,
                    extra=extra,
                )
