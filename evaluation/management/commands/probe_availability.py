"""Fetch every site's home page once and record status and seconds (docs/evaluation.md#可用性; timer every 30
minutes: deploy/systemd/govsites-probe-availability.timer or deploy/crontab). A site that cannot be fetched is a
recorded failed attempt, never a failed command."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sites.models import SiteProfile

from ...availability import probe, prune, targets


class Command(BaseCommand):
    help = "可用性探测：通过公开域名访问每个网站的首页一次，记录状态码和用时（建议每30分钟运行一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--site", action="append", dest="sites", metavar="SLUG", help="只探测这些站点（可多次）")
        parser.add_argument(
            "--base-url",
            default=None,
            help=(
                "向此地址发送请求并以站点域名作 Host（如 http://127.0.0.1:8080）；"
                "默认 EVALUATION_PROBE_BASE_URL 或各站点域名"
            ),
        )
        parser.add_argument("--keep-days", type=int, default=35, help="删除早于此天数的探测记录（默认35天；0 不删除）")

    def handle(self, *args, sites=None, base_url=None, keep_days=35, **options):
        base_url = settings.EVALUATION_PROBE_BASE_URL if base_url is None else base_url
        if base_url and (urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).hostname):
            raise CommandError(f"--base-url 不是有效的 http(s) 地址：{base_url}")
        if keep_days < 0:
            raise CommandError("--keep-days 不能为负数")
        profiles = SiteProfile.objects.with_site().order_by("pk")
        if sites:
            profiles = profiles.filter(slug__in=sites)
            unknown = sorted(set(sites) - set(profiles.values_list("slug", flat=True)))
            if unknown:
                raise CommandError(f"没有这些站点：{'、'.join(unknown)}")
        rows = probe(targets(profiles, base_url))
        failed = [row for row in rows if not row.ok]
        self.stdout.write(f"可用性探测：{len(rows)} 个站点，成功 {len(rows) - len(failed)}，失败 {len(failed)}")
        for row in failed:
            self.stdout.write(f"  失败 {row.url}（{row.error or row.status}，{row.seconds:.1f} 秒）")
        if keep_days:
            deleted = prune(keep_days)
            if deleted:
                self.stdout.write(f"已删除 {deleted} 条早于 {keep_days} 天的探测记录")
