"""Generate (or refresh) the 政府信息公开工作年度报告 of every reporting organ, or of some, for one year
(条例 Arts. 49–50; 国办公开办函〔2021〕30号) — e.g. on 1 January, so that every organ finds its draft waiting.

Only what the platform counts is written (Tables 2–4, the fees); entered text, Table 3 corrections and what was
published stay. Publishing is done in the admin (报告 → 政府信息公开工作年度报告) by someone who may publish there.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openinfo.annual import layout, reports
from openinfo.annual.forms import FIRST_YEAR
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "按平台数据生成（或重新统计）各机关的政府信息公开工作年度报告"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help=f"报告年度（{FIRST_YEAR} 至今年）")
        parser.add_argument("--site", action="append", default=[], metavar="SLUG", help="只生成这些机关（可重复）")

    def handle(self, *args, year, site, **options):
        this_year = timezone.localdate().year
        if not year.isdigit() or not FIRST_YEAR <= int(year) <= this_year:
            raise CommandError(f"年度不正确：{year!r}，应为 {FIRST_YEAR} 至 {this_year} 之间的四位数字")
        # Villages and topic sites are not reporting organs (Art. 49 names governments and their departments).
        sites = SiteProfile.objects.filter(kind__in=reports.REPORTING_KINDS).order_by("sort_order", "pk")
        if site:
            unknown = sorted(set(site) - set(sites.filter(slug__in=site).values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"没有这些需要发布年度报告的机关：{'、'.join(unknown)}")
            sites = sites.filter(slug__in=site)
        count = 0
        for profile in sites.select_related("site").iterator(chunk_size=200):
            report = reports.generate(profile, int(year))
            count += 1
            received = sum(report.table3[layout.NEW].values())
            self.stderr.write(f"[{count}] {profile.slug} {profile.org_name}：本年新收申请 {received} 件")
        self.stdout.write(f"已生成 {year} 年度政府信息公开工作年度报告 {count} 份。")
