"""Email each handling unit's staff its messages that are due soon, overdue or past the hard alarm (办理提醒).

Run each morning by a timer (deploy/systemd/govsites-interaction-digest.timer, deploy/crontab). On a day off in
the working-day calendar nothing is sent (``--force`` sends anyway). One task per unit is enqueued; the worker
sends them and retries a mail server that is down (interaction/digest.py).
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from core.params import command_date
from core.workdays import load_calendar
from interaction.digest import alarmed_by_unit
from interaction.tasks import send_alarm_digest_task
from sites.models import SiteProfile


class Command(BaseCommand):
    help = "向各办理单位的工作人员发送政民互动办理提醒（即将到期、已超期、严重超期的留言）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（YYYY-MM-DD，默认今天）")
        parser.add_argument("--force", action="store_true", help="非工作日也发送")
        parser.add_argument("--dry-run", action="store_true", help="只列出各单位的提醒条数，不发送")

    def handle(self, *args, date=None, force=False, dry_run=False, **options):
        today = command_date(date, timezone.localdate())
        if not force and not load_calendar().is_working_day(today):
            self.stdout.write(f"{today:%Y-%m-%d} 不是工作日，未发送办理提醒（--force 可强制发送）。")
            return
        units = alarmed_by_unit(today)
        names = dict(SiteProfile.objects.filter(pk__in=units).values_list("pk", "org_name"))
        for unit_pk, items in sorted(units.items()):
            if dry_run:
                self.stdout.write(f"{names[unit_pk]}：{len(items)} 条")
            else:
                send_alarm_digest_task.enqueue(unit_pk, today.isoformat())
        verb = "将提醒" if dry_run else "已安排提醒"
        total = sum(map(len, units.values()))
        self.stdout.write(f"{today:%Y-%m-%d}：{verb} {len(units)} 个办理单位，共 {total} 条留言。")
