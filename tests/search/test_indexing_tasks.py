"""Index updates are background tasks: enqueued only when the transaction commits (core.tasks.enqueue_on_commit),
run by the database worker (`manage.py db_worker`), retried with backoff while Elasticsearch is unreachable and
left failed (visible) after the last attempt."""

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.tasks import policy_for
from search.documents import page_key
from search.models import SearchDocument
from search.services import search
from search.tasks import index_page_task

from .conftest import ES_URL, article, require_elasticsearch

pytestmark = pytest.mark.django_db
DOWN = "http://127.0.0.1:1"  # nothing listens on port 1: the connection is refused at once


def indexed() -> set[str]:
    return set(SearchDocument.objects.values_list("key", flat=True))


def index_rows():
    return DBTaskResult.objects.filter(task_path="search.tasks.index_page_task")


def make_due(rows):
    rows.update(run_after=timezone.now() - datetime.timedelta(seconds=1))


def test_nothing_is_indexed_before_the_commit(group, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page = article(group.zhuzhou, "zwyw", "提交之前不入索引", "一网通办提交测试", 0)
    assert callbacks and page_key(page.pk) not in indexed()
    for callback in callbacks:  # what the commit does
        callback()
    assert page_key(page.pk) in indexed()
    assert [h.title for h in search("一网通办提交测试", site=group.zhuzhou).hits] == ["提交之前不入索引"]


def test_a_rolled_back_publish_enqueues_nothing(group, django_capture_on_commit_callbacks, db_worker):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        page = article(group.zhuzhou, "zwyw", "回滚的文章", "回滚测试正文", 0)
        raise RuntimeError("the rest of the request failed")
    assert callbacks == [] and not DBTaskResult.objects.exists()
    assert page_key(page.pk) not in indexed()


def test_the_worker_indexes_a_published_page(group, django_capture_on_commit_callbacks, db_worker):
    with django_capture_on_commit_callbacks(execute=True):
        page = article(group.hetang, "gzdt", "荷塘区后台任务索引", "工作进程写入检索索引", 0)
    assert index_rows().exists() and {row.status for row in index_rows()} == {TaskResultStatus.READY}
    assert page_key(page.pk) not in indexed()  # enqueued, not run: the request did not segment anything
    db_worker()
    assert {row.status for row in index_rows()} == {TaskResultStatus.SUCCESSFUL}
    assert page_key(page.pk) in indexed()
    assert [h.title for h in search("工作进程写入检索索引", site=group.hetang).hits] == ["荷塘区后台任务索引"]


def test_an_elasticsearch_outage_is_retried_with_backoff(
    group, settings, django_capture_on_commit_callbacks, db_worker
):
    settings.SEARCH_ELASTICSEARCH_URL = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        page = article(group.zhuzhou, "zwyw", "停机期间发布", "检索服务停机重试", 0)
    before = timezone.now()
    db_worker()
    rows = list(index_rows())
    minute = datetime.timedelta(seconds=60)
    for row in rows:  # back in the queue, one attempt made, its error kept, due after the first backoff
        assert row.status == TaskResultStatus.READY and len(row.worker_ids) == 1 and row.finished_at is None
        assert row.exception_class_path == "search.backends.base.IndexUnavailable"
        assert before + minute <= row.run_after <= timezone.now() + minute
    assert page_key(page.pk) in indexed()  # the database index was written before Elasticsearch failed

    db_worker()  # not due yet: nothing runs
    assert [len(row.worker_ids) for row in index_rows()] == [1] * len(rows)

    make_due(index_rows())  # a minute later the node is back (here: the database index alone)
    settings.SEARCH_ELASTICSEARCH_URL = ""
    db_worker()
    assert {(row.status, len(row.worker_ids)) for row in index_rows()} == {(TaskResultStatus.SUCCESSFUL, 2)}


def test_the_last_attempt_leaves_the_task_failed(group, settings, db_worker):
    settings.SEARCH_ELASTICSEARCH_URL = DOWN
    page = article(group.zhuzhou, "zwyw", "一直失败的索引", "正文", 0)
    index_page_task.enqueue(page.pk)
    waits = []
    for _attempt in range(policy_for(index_page_task).attempts):
        make_due(index_rows())
        before = timezone.now()
        db_worker()
        row = index_rows().get()
        if row.status == TaskResultStatus.READY:
            waits.append(round((row.run_after - before).total_seconds() / 60))
    assert waits == [1, 2, 4, 8, 16]  # minutes: exponential backoff
    assert row.status == TaskResultStatus.FAILED and len(row.worker_ids) == 6 and row.finished_at is not None
    assert "IndexUnavailable" in row.traceback
    make_due(index_rows())
    db_worker()
    assert index_rows().get().status == TaskResultStatus.FAILED  # stays failed until someone re-runs it


@pytest.mark.elasticsearch
def test_elasticsearch_gets_no_rolled_back_document_and_catches_up_after_an_outage(
    request, settings, group, django_capture_on_commit_callbacks, db_worker
):
    require_elasticsearch(request.config)
    from search.backends.elastic import ElasticsearchBackend
    from search.services import rebuild_elasticsearch

    settings.SEARCH_ELASTICSEARCH_URL = ES_URL
    es = ElasticsearchBackend()
    es.drop()
    rebuild_elasticsearch()
    try:
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            gone = article(group.zhuzhou, "zwyw", "回滚的文章", "回滚", 0)
            raise RuntimeError("rolled back")
        settings.SEARCH_ELASTICSEARCH_URL = DOWN
        with django_capture_on_commit_callbacks(execute=True):
            kept = article(group.zhuzhou, "zwyw", "恢复后补写的文章", "补写", 0)
        db_worker()
        assert not es.es.exists(index=es.alias, id=page_key(kept.pk))
        settings.SEARCH_ELASTICSEARCH_URL = ES_URL
        cache.clear()  # the "marked down" flag would expire by itself after 30 s
        make_due(index_rows())
        db_worker()
        es.refresh()
        assert es.es.exists(index=es.alias, id=page_key(kept.pk))
        # By title, not by key: SQLite gives the next page the rolled-back row's id again.
        titles = [h["_source"].get("title_text") for h in es.es.search(index=es.alias, size=1000)["hits"]["hits"]]
        assert gone.title not in titles and kept.title in titles
    finally:
        es.drop()
