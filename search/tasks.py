"""Index updates as django-tasks tasks, enqueued after commit (search/signal_handlers.py) and run by the worker
(`manage.py db_worker`; at once in the tests). Each is idempotent: documents are written by key, so running one
twice, or after a retry, leaves the same index. An unreachable Elasticsearch node is retried with backoff: six
attempts over about half an hour, then the task stays failed under *设置 → 后台任务* (and `search_reindex` catches
up whatever was missed)."""

from django_tasks import task

from core.tasks import retry_on

from . import services
from .backends import IndexUnavailable


@retry_on(IndexUnavailable)
@task()
def index_page_task(page_id: int):
    services.index_page(page_id)


@retry_on(IndexUnavailable)
@task()
def index_subtree_task(page_id: int):
    services.index_subtree(page_id)


@retry_on(IndexUnavailable)
@task()
def index_question_task(question_id: int):
    services.index_question(question_id)


@retry_on(IndexUnavailable)
@task()
def remove_documents_task(keys: list[str]):
    services.remove_keys(keys)


@retry_on(IndexUnavailable)
@task()
def unindex_elasticsearch_task(keys: list[str]):
    services.unindex_elasticsearch(keys)
