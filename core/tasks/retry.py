"""Retries with exponential backoff for the database task queue (django-tasks-db has none of its own).

A task declares which exceptions are transient with ``@retry_on(...)`` above ``@task()``. When the worker records
such a failure (``task_finished``) and attempts remain, the same row goes back to READY with ``run_after`` =
now + ``base_delay`` × 2^(attempt − 1) (capped at ``max_delay``); its last error stays on the row meanwhile. The
number of attempts is the number of worker claims (``TaskResult.attempts``). Any other exception, or the last
attempt, leaves the row FAILED. Tasks must therefore be idempotent (index by key, send once per run).

Backends without a stored queue (the ImmediateBackend of the tests) cannot wait: there a failure is final.
"""

import datetime
import logging
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    exceptions: tuple[type[BaseException], ...]
    attempts: int = 6
    base_delay: float = 60.0  # seconds before the second attempt
    max_delay: float = 3600.0

    def is_transient(self, exception_class_path: str) -> bool:
        try:
            exception_class = import_string(exception_class_path)
        except ImportError:
            return False
        return isinstance(exception_class, type) and issubclass(exception_class, self.exceptions)


_policies: dict[str, RetryPolicy] = {}


def retry_on(*exceptions: type[BaseException], attempts: int = 6, base_delay: float = 60.0, max_delay: float = 3600.0):
    """Decorate a django-tasks ``Task`` (put it above ``@task()``): failures raising one of ``exceptions`` are
    retried, ``attempts`` runs in all."""
    if not exceptions or attempts < 1:
        raise ValueError("retry_on needs at least one exception class and one attempt")
    policy = RetryPolicy(tuple(exceptions), attempts, base_delay, max_delay)

    def register(task):
        _policies[task.module_path] = policy
        return task

    return register


def policy_for(task) -> RetryPolicy | None:
    return _policies.get(task.module_path)


def backoff(policy: RetryPolicy, attempt: int) -> datetime.timedelta:
    """The wait after failed attempt number ``attempt`` (1-based)."""
    return datetime.timedelta(seconds=min(policy.base_delay * 2 ** (attempt - 1), policy.max_delay))


def schedule_retry(task_result) -> datetime.datetime | None:
    """Put a failed database-queued task back in the queue if its policy allows; the time it will run, or None."""
    if task_result.status != TaskResultStatus.FAILED or not task_result.errors:
        return None
    policy = policy_for(task_result.task)
    if policy is None or not policy.is_transient(task_result.errors[-1].exception_class_path):
        return None
    db_result = getattr(task_result, "db_result", None)
    if db_result is None:
        logger.warning("任务 %s 暂时失败，但当前任务后端无法延后重试", task_result.task.name)
        return None
    if task_result.attempts >= policy.attempts:
        name, attempts = task_result.task.name, policy.attempts
        logger.error("任务 %s（%s）已尝试 %d 次仍失败，不再重试", name, task_result.id, attempts)
        return None
    run_after = timezone.now() + backoff(policy, task_result.attempts)
    type(db_result).objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=run_after, finished_at=None
    )
    logger.warning(
        "任务 %s（%s）第 %d 次失败，%s 后重试", task_result.task.name, task_result.id, task_result.attempts, run_after
    )
    return run_after


def rerun(db_result) -> bool:
    """A platform administrator's 重新执行 of a failed row: back to READY now, with a fresh count of attempts.
    False if the row is no longer failed (already re-run, or pruned)."""
    return bool(
        type(db_result)
        .objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED)
        .update(status=TaskResultStatus.READY, run_after=timezone.now(), finished_at=None, worker_ids=[])
    )
