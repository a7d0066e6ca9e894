"""Background tasks (django-tasks): enqueue side effects after the transaction commits, and retry transient
failures with exponential backoff.

``enqueue_on_commit`` is the one way the project starts background work: an index update or an email enqueued
from inside a transaction that later rolls back must never happen (no Elasticsearch document for a rolled-back
page, no notice for a rolled-back answer), and the work itself (jieba segmentation, a network call) must not run
inside the editor's request transaction. ``retry_on`` marks a task whose failures of the given kinds are
transient (Elasticsearch or the mail server down): the worker puts it back in the queue after a growing delay,
and after the last attempt it stays failed and visible to platform administrators (*设置 → 后台任务*).
"""

from functools import partial

from django.db import transaction

from .retry import RetryPolicy, backoff, policy_for, rerun, retry_on, schedule_retry

__all__ = ["RetryPolicy", "backoff", "enqueue_on_commit", "policy_for", "rerun", "retry_on", "schedule_retry"]


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Enqueue ``task(*args, **kwargs)`` when the current transaction commits (at once outside one); nothing is
    enqueued if it rolls back."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))
