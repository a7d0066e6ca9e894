"""Generate (or refresh) the 政府网站工作年度报表 of every site, or of some, for one year (国办函〔2018〕12号).

Only the figures the platform counts are written; what staff entered, and what was published, stays. Publishing is
done in the admin (报告 → 网站工作年度报表), by someone who may publish on the site.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from evaluation.annual import reports
from evaluation.annual.forms import FIRST_YEAR
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "按平台数据生成（或重新统计）各网站的政府网站工作年度报表"

    def add_arguments(self, parser):
        parser.add_argument("--year", required=True, help=f"报表年度（{FIRST_YEAR} 至今年）")
        parser.add_argument("--site", action="append", default=[], metavar="SLUG", help="只生成这些网站（可重复）")

    def handle(self, *args, year, site, **options):
        this_year = timezone.localdate().year
        if not year.isdigit() or not FIRST_YEAR <= int(year) <= this_year:
            raise CommandError(f"年度不正确：{year!r}，应为 {FIRST_YEAR} 至 {this_year} 之间的四位数字")
        sites = SiteProfile.objects.order_by("sort_order", "pk")
        if site:
            unknown = sorted(set(site) - set(sites.filter(slug__in=site).values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"没有这些网站：{'、'.join(unknown)}")
            sites = sites.filter(slug__in=site)
        count = 0
        for profile in sites.iterator(chunk_size=200):
            report = reports.generate(profile, int(year))
            count += 1
            total = report.figures["publishing"]["total"]
            self.stderr.write(f"[{count}] {profile.slug} {profile.org_name}：信息发布 {total} 条")
        self.stdout.write(f"已生成 {year} 年度网站工作年度报表 {count} 份。")
