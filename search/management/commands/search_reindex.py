"""Rebuild the search index: re-segment every searchable item into the database index (with the current
dictionary), then, when Elasticsearch is configured, fill a new Elasticsearch index and swap the alias to it.
Searches keep being answered from the old index until the swap."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.backends import SearchUnavailable, elasticsearch_configured
from search.backends.elastic import ERRORS
from search.services import rebuild_elasticsearch, reindex_database


class Command(BaseCommand):
    help = "重建站内搜索索引（数据库索引，以及已配置时的 Elasticsearch 索引，别名切换、不停机）"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument(
            "--elasticsearch-only", action="store_true", help="只从现有数据库索引重建 Elasticsearch 索引"
        )

    def handle(self, *args, **options):
        quiet = options["no_progress"] or options["verbosity"] == 0
        if not options["elasticsearch_only"]:
            with tqdm(desc="数据库索引", unit="条", disable=quiet) as bar:
                count = reindex_database(progress=_updater(bar))
            self.stdout.write(f"数据库索引：{count} 条")
        if not elasticsearch_configured():
            self.stdout.write("未配置 Elasticsearch（ELASTICSEARCH_URL），仅使用数据库索引。")
            return
        try:
            with tqdm(desc="Elasticsearch", unit="条", disable=quiet) as bar:
                name = rebuild_elasticsearch(progress=_updater(bar))
        except (SearchUnavailable, *ERRORS) as exc:
            raise CommandError(f"Elasticsearch 索引重建失败：{exc}") from exc
        self.stdout.write(f"Elasticsearch 索引：{name}（别名已切换）")


def _updater(bar):
    def update(done, total):
        bar.total = total
        bar.n = done
        bar.refresh()

    return update
