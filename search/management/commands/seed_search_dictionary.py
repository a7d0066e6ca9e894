from django.core.management.base import BaseCommand

from search.dictionary_seed import SEED_FILE, seed_dictionary


class Command(BaseCommand):
    help = "从 search/data/dictionary.toml 导入搜索词典和同义词（只补充缺少的词条，不修改已有词条）。"

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="词典已有词条时不做任何事（make run 使用）")

    def handle(self, *args, if_empty=False, **options):
        result = seed_dictionary(if_empty=if_empty)
        if result.skipped:
            self.stdout.write("搜索词典已有词条，未导入（去掉 --if-empty 可补充缺少的种子词条）")
            return
        self.stdout.write(
            f"搜索词典：新增词条 {result.terms} 个，新增同义词组 {result.synonym_sets} 组（来源 {SEED_FILE.name}）"
        )
