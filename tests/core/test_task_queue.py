"""Background tasks (core/tasks/): the retry policy's backoff, enqueueing after commit, and *设置 → 后台任务* — the
queue for platform administrators with 重新执行; site staff get the Chinese 403 page."""

import datetime
import uuid

import pytest
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from core.tasks import RetryPolicy, backoff, enqueue_on_commit

from .login_helpers import admin_client

pytestmark = pytest.mark.django_db
QUEUE = "/admin/tasks/"
RERUN_BUTTON = ">重新执行</button>"
ran: list[int] = []


@task()
def record_task(value: int):
    ran.append(value)


def test_backoff_doubles_up_to_the_cap():
    policy = RetryPolicy((OSError,), attempts=8, base_delay=60, max_delay=900)
    assert [backoff(policy, n).total_seconds() for n in range(1, 7)] == [60, 120, 240, 480, 900, 900]


def test_a_policy_knows_its_transient_exceptions():
    policy = RetryPolicy((OSError,))
    assert policy.is_transient("builtins.ConnectionRefusedError")  # a subclass of OSError
    assert not policy.is_transient("builtins.ValueError")
    assert not policy.is_transient("no.such.Exception")


def test_enqueue_on_commit_waits_for_the_commit_and_forgets_a_rollback(django_capture_on_commit_callbacks):
    ran.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(record_task, 1)
            raise RuntimeError("rolled back")
        with transaction.atomic():
            enqueue_on_commit(record_task, 2)
            assert ran == []  # not before the commit
    assert ran == [2]


def failed_row(**fields) -> DBTaskResult:
    values = {
        "task_path": "search.tasks.index_page_task",
        "args_kwargs": {"args": [987654], "kwargs": {}},
        "backend_name": "default",
        "status": TaskResultStatus.FAILED,
        "worker_ids": ["w1", "w2", "w3", "w4", "w5", "w6"],
        "exception_class_path": "search.backends.base.IndexUnavailable",
        "traceback": "Traceback (most recent call last):\n  ...\n"
        "search.backends.base.IndexUnavailable: Elasticsearch unreachable, index postponed\n",
        "run_after": timezone.now() - datetime.timedelta(hours=1),
        "finished_at": timezone.now(),
    }
    return DBTaskResult.objects.create(**{**values, **fields})


@pytest.fixture
def superuser_client(group, django_user_model):
    client = admin_client()
    client.force_login(django_user_model.objects.get(username="admin"))
    return client


def test_platform_admins_see_failed_tasks_with_their_last_error(superuser_client):
    row = failed_row()
    failed_row(status=TaskResultStatus.SUCCESSFUL, args_kwargs={"args": [111222], "kwargs": {}})
    response = superuser_client.get(QUEUE)
    html = response.content.decode()
    assert response.status_code == 200 and "后台任务" in html
    assert "index_page_task" in html and "[987654]" in html and "111222" not in html
    assert "IndexUnavailable: Elasticsearch unreachable, index postponed" in html
    assert f'value="{row.pk}"' in html and RERUN_BUTTON in html
    assert "失败（1）" in html and "已完成（1）" in html
    done = superuser_client.get(QUEUE, {"status": "SUCCESSFUL"}).content.decode()
    assert "[111222]" in done and "[987654]" not in done and RERUN_BUTTON not in done


def test_a_bad_status_filter_is_a_chinese_400(superuser_client):
    response = superuser_client.get(QUEUE, {"status": "bogus"})
    assert response.status_code == 400 and "状态的取值无效" in response.content.decode()


def test_rerun_puts_the_task_back_in_the_queue_and_the_worker_runs_it(superuser_client, db_worker):
    row = failed_row()
    response = superuser_client.post(QUEUE, {"task": str(row.pk)})
    assert response.status_code == 302 and response["Location"] == QUEUE
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY and row.worker_ids == [] and row.run_after <= timezone.now()
    assert "已重新加入队列" in superuser_client.get(QUEUE).content.decode()
    db_worker()  # page 987654 does not exist: indexing it removes its (absent) document and succeeds
    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL and len(row.worker_ids) == 1

    again = superuser_client.post(QUEUE, {"task": str(row.pk)}, follow=True)
    assert "该任务已不是失败状态" in again.content.decode()
    missing = superuser_client.post(QUEUE, {"task": str(uuid.uuid4())}, follow=True)
    assert "该任务已不是失败状态" in missing.content.decode()
    malformed = superuser_client.post(QUEUE, {"task": "1 OR 1=1"}, follow=True)
    assert "任务编号格式不正确" in malformed.content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_site_staff_get_a_403_and_change_nothing(group, editor, method):
    row = failed_row()
    client = admin_client()
    client.force_login(editor("hetang"))
    response = getattr(client, method)(QUEUE, {"task": str(row.pk)})
    assert response.status_code == 403 and "您没有访问此页面的权限" in response.content.decode()
    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED


def test_only_platform_admins_see_the_menu_item(group, editor, superuser_client):
    client = admin_client()
    client.force_login(editor("hetang"))
    assert "后台任务" not in client.get("/admin/").content.decode()
    assert QUEUE in superuser_client.get("/admin/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(group):
    response = admin_client().get(QUEUE)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
