"""Inspect the website group (or some sites) and store the findings: ``manage.py inspect_sites``.

The nightly timer runs ``inspect_sites --enqueue`` (deploy/systemd/govsites-inspect-sites.timer, deploy/crontab):
the inspection then runs in the task worker, not in the timer's process. Progress goes to stderr, one line per site.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from core.params import command_date
from evaluation import services
from evaluation.checks import registry
from evaluation.tasks import inspect_sites_task
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "检查网站群各网站（首页更新、栏目更新与空白栏目、互动回应、办事服务、发布日期等）并保存检查结果"

    def add_arguments(self, parser):
        parser.add_argument("--site", action="append", default=[], metavar="SLUG", help="只检查此网站（可重复）")
        parser.add_argument(
            "--check",
            action="append",
            default=[],
            metavar="NAME",
            help="只运行此检查项（可重复）：" + "、".join(registry.names()),
        )
        parser.add_argument("--today", help="按哪一天判定（YYYY-MM-DD，默认今天）")
        parser.add_argument("--enqueue", action="store_true", help="交给后台任务执行（定时任务使用）")

    def handle(self, *args, site=(), check=(), today=None, enqueue=False, **options):
        day = command_date(today, timezone.localdate())
        unknown_checks = [name for name in check if name not in registry.names()]
        if unknown_checks:
            raise CommandError(f"没有这个检查项：{'、'.join(unknown_checks)}（可用：{'、'.join(registry.names())}）")
        sites = SiteProfile.objects.with_site().order_by("pk")
        if site:
            found = set(sites.filter(slug__in=site).values_list("slug", flat=True))
            missing = [slug for slug in site if slug not in found]
            if missing:
                raise CommandError(f"没有这个网站：{'、'.join(missing)}")
            sites = sites.filter(slug__in=site)
        if enqueue:
            inspect_sites_task.enqueue(list(site) or None, list(check) or None, day.isoformat())
            self.stdout.write(f"已安排后台检查（{day:%Y-%m-%d}）。")
            return
        total = sites.count()
        run = services.inspect(
            sites.iterator(chunk_size=200), list(check) or None, day, scope=list(site), progress=self._progress(total)
        )
        self.stdout.write(
            f"检查批次 {run.pk}（{run.get_status_display()}）：{run.site_count}/{total} 个网站，"
            f"发现问题 {run.findings.count()} 个。"
        )
        if run.errors:
            raise CommandError(f"{len(run.errors)} 个网站检查出错：" + "、".join(e["site"] for e in run.errors))

    def _progress(self, total):
        width = len(str(total))

        def report(index, site, count):
            outcome = "出错" if count is None else f"{count} 个问题"
            self.stderr.write(f"[{index + 1:>{width}}/{total}] {site.slug} {site.org_name}：{outcome}")

        return report
