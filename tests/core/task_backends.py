"""A stand-in for a queued task backend (django-tasks-db's DatabaseBackend) in the production-settings tests:
production only checks that the default backend is not one that runs tasks inline or drops them."""

from django_tasks.backends.base import BaseTaskBackend


class QueuedStandInBackend(BaseTaskBackend):
    def enqueue(self, task, args, kwargs):
        raise NotImplementedError("settings tests never enqueue")
