"""Index updates as django-tasks tasks (TASKS in settings: run at once in dev and tests, queued in production)."""

from django_tasks import task

from . import services


@task()
def index_page_task(page_id: int):
    services.index_page(page_id)


@task()
def index_subtree_task(page_id: int):
    services.index_subtree(page_id)


@task()
def index_question_task(question_id: int):
    services.index_question(question_id)


@task()
def remove_documents_task(keys: list[str]):
    services.remove_keys(keys)
