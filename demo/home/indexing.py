"""Bulk search indexing for the village batches.

Wagtail indexes every page on ``post_save`` (an immediate task per save). With the database backend each of
those also recomputes title norms over the whole index table, which made indexing ~15% of a village's cost.
Inside :func:`deferred_search_index` the per-save handler is swapped for one that only records the primary key;
``flush()`` then indexes the recorded pages with one ``add_bulk`` per model after the batch is committed.

Only this process is affected and the original handlers are restored on exit, even after an error (pages of a
rolled-back batch are simply never indexed).
"""

from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db.models.signals import post_save
from wagtail.models import Page
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler

CHUNK = 500


class PendingIndex:
    def __init__(self):
        self.pending: dict[type, set[int]] = defaultdict(set)

    def record(self, sender, instance, raw=False, **kwargs):
        if not raw:
            self.pending[sender].add(instance.pk)

    def flush(self) -> int:
        """Index what was recorded so far (call after the batch's transaction commits)."""
        count = 0
        backends = list(get_search_backends(with_auto_update=True))
        for model, pks in self.pending.items():
            ordered = sorted(pks)
            for start in range(0, len(ordered), CHUNK):
                objects = list(model.objects.filter(pk__in=ordered[start : start + CHUNK]))
                for backend in backends:
                    backend.add_bulk(model, objects)
                count += len(objects)
        self.pending.clear()
        return count

    def discard(self) -> None:
        self.pending.clear()


def page_models() -> list[type[Page]]:
    """Every concrete page type, including ones other apps add to the blueprints later."""
    return [model for model in apps.get_models() if issubclass(model, Page) and model is not Page]


@contextmanager
def deferred_search_index(models) -> Iterator[PendingIndex]:
    index = PendingIndex()
    swapped = []
    for model in models:
        if post_save.disconnect(post_save_signal_handler, sender=model):
            post_save.connect(index.record, sender=model, weak=False)
            swapped.append(model)
    try:
        yield index
    finally:
        for model in swapped:
            post_save.disconnect(index.record, sender=model)
            post_save.connect(post_save_signal_handler, sender=model)
