from django.core.management.base import BaseCommand, CommandError

from core.calendar_seed import package_years, seed_calendar


class Command(BaseCommand):
    help = "从 chinese-calendar 导入法定节假日和调休上班日（可重复执行；不覆盖人工维护的日期）。"

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", type=int, help="起始年份（默认：包内最早年份）")
        parser.add_argument("--to", dest="last", type=int, help="截止年份（默认：包内最晚年份）")

    def handle(self, *args, first=None, last=None, **options):
        known_first, known_last = package_years()
        if first and last and first > last:
            raise CommandError("起始年份不能晚于截止年份")
        if (first and first > known_last) or (last and last < known_first):
            raise CommandError(
                f"chinese-calendar 只包含 {known_first}–{known_last} 年的数据；更晚的年份请在后台“工作日历”中维护"
            )
        result = seed_calendar(first, last)
        self.stdout.write(
            f"工作日历：新增 {result.created} 天，更新 {result.updated} 天，保留人工维护 {result.kept_manual} 天"
            f"（数据范围 {first or known_first}–{min(last or known_last, known_last)} 年）"
        )
