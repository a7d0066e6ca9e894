"""Report the state of site search: which backend answers, the Elasticsearch node and index, and whether the
Elasticsearch index holds as many documents as the database index. Exits 1 when Elasticsearch is configured
but cannot answer (for monitoring)."""

from django.core.management.base import BaseCommand, CommandError

from search.backends import elasticsearch_backend
from search.backends.elastic import ERRORS
from search.backends.fulltext import store
from search.models import SearchDocument


class Command(BaseCommand):
    help = "检查站内搜索状态（Elasticsearch 节点、索引与数据库索引是否一致）"

    def handle(self, *args, **options):
        db_count = SearchDocument.objects.count()
        self.stdout.write(f"数据库索引：{db_count} 条（全文表：{store().name}）")
        es = elasticsearch_backend()
        if es is None:
            self.stdout.write("后端：数据库（未配置 ELASTICSEARCH_URL）")
            return
        try:
            info = es.health()
        except ERRORS as exc:
            raise CommandError(f"Elasticsearch {es.url} 不可用：{exc}；搜索正在使用数据库索引。") from exc
        self.stdout.write(f"后端：Elasticsearch {info['version']}，{es.url}，集群状态 {info['status']}")
        if info["index"] is None:
            raise CommandError(f"别名 {info['alias']} 不存在：请运行 manage.py search_reindex。")
        self.stdout.write(f"索引：{info['alias']} → {info['index']}，{info['count']} 条")
        if info["count"] != db_count:
            self.stdout.write(
                self.style.WARNING(f"Elasticsearch 与数据库索引条数不一致（{info['count']} ≠ {db_count}），建议重建。")
            )
