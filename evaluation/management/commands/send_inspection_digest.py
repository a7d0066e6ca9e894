"""Enqueue the daily 网站健康检查 alert digest: one task per site with new veto risks or warnings since its last
digest (evaluation/digest.py). Run each morning by a timer after the nightly inspection (deploy/systemd/
govsites-inspection-digest.timer, deploy/crontab); the worker sends the emails and retries a mail server that is
down. A site with nothing new gets nothing. Then it prunes what the digest remembered about findings fixed more than
--keep-days days ago (evaluation.digest.prune_notices)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.params import command_date
from core.tasks import enqueue_on_commit
from evaluation.digest import KEEP_DAYS, new_findings, prunable_notices, prune_notices, sites_with_news
from evaluation.tasks import send_inspection_digest_task
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "向各网站工作人员及其上级门户发送网站健康检查预警通知（上次通知以来新增的单项否决风险和预警）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算剩余天数（YYYY-MM-DD，默认今天）")
        parser.add_argument("--dry-run", action="store_true", help="只列出各网站的新增问题数，不发送，不清理")
        parser.add_argument(
            "--keep-days",
            type=int,
            default=KEEP_DAYS,
            help=f"问题解决多少天后删除其通知记录（默认 {KEEP_DAYS}，0 表示不清理）",
        )

    def handle(self, *args, date=None, dry_run=False, keep_days=KEEP_DAYS, **options):
        if keep_days < 0:
            raise CommandError(f"--keep-days 不能为负数：{keep_days}")
        today = command_date(date, timezone.localdate())
        site_ids = sites_with_news()
        for site in SiteProfile.objects.filter(pk__in=site_ids).order_by("sort_order", "pk"):
            if dry_run:
                self.stdout.write(f"{site.org_name}：{len(new_findings(site))} 项")
            else:
                enqueue_on_commit(send_inspection_digest_task, site.pk, today.isoformat())
        verb = "将通知" if dry_run else "已安排通知"
        self.stdout.write(f"{today:%Y-%m-%d}：{verb} {len(site_ids)} 个网站。")
        if keep_days:
            if dry_run:
                self.stdout.write(f"可清理 {prunable_notices(keep_days=keep_days).count()} 条过期通知记录。")
            else:
                self.stdout.write(f"已清理 {prune_notices(keep_days=keep_days)} 条过期通知记录。")
