"""Close the 依申请公开 applications whose 补正 or fee deadline has passed (政府信息公开条例 Art. 30: 逾期不补正视为
放弃申请; 国办函〔2020〕109号: 逾期未缴费视为放弃). Each closes with its Table 3 outcome (其他处理) and the day
it was closed, and the applicant is notified.

Run each morning by a timer (deploy/systemd/govsites-openinfo-close-overdue.timer, deploy/crontab).
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from openinfo.applications.services import close_overdue


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式不正确：{value!r}，应为 YYYY-MM-DD，例如 2026-03-02") from None


class Command(BaseCommand):
    help = "办结补正期限或缴费期限已过的政府信息公开申请（逾期未补正、逾期未缴费）"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天计算（YYYY-MM-DD，默认今天，不能晚于今天）")

    def handle(self, *args, date=None, **options):
        today = timezone.localdate()
        day = iso_date(date) if date else today
        if day > today:
            raise CommandError("--date 不能晚于今天。")
        closed = close_overdue(day)
        self.stdout.write(
            f"{day:%Y-%m-%d}：逾期未补正办结 {closed['supplement']} 件，逾期未缴费办结 {closed['fee']} 件。"
        )
