from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluation.words.seed import SEED_FILE, seed_words


class Command(BaseCommand):
    help = "从 evaluation/data/words.csv（及 --file 指定的文件）导入错敏词词典（只补充缺少的词条，不修改已有词条）。"

    def add_arguments(self, parser):
        parser.add_argument("--file", action="append", default=[], help="另外导入的 CSV 文件（列同 words.csv）")

    def handle(self, *args, file, **options):
        paths = [SEED_FILE, *(Path(f) for f in file)]
        for path in paths:
            if not path.is_file():
                raise CommandError(f"找不到文件：{path}")
        result = seed_words(paths)
        self.stdout.write(f"错敏词词典：新增 {result.created} 条，已存在 {result.existing} 条。")
        for line in result.refused:
            self.stderr.write(f"未导入 {line}")
