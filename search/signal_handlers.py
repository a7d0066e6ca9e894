"""Keep the search index in step with publishing: pages (publish, unpublish, save, move, delete, view
restrictions), published interaction replies, the dictionary version when editors change the vocabulary, and
the hot-term rules' version (and the anonymous page cache: the search page lists hot terms) when staff hide or pin
a term.

Everything is queued through django-tasks once the transaction commits (core.tasks.enqueue_on_commit): a
rolled-back change leaves no index entry behind, and segmentation never runs inside the editor's transaction.
Interaction is observed from here through its model signals, so the interaction app knows nothing about search.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_unpublished, post_page_move

from core.tasks import enqueue_on_commit
from sites.page_cache import bump_generation
from sites.shown_dates import came_due

from .dictionary import bump_dictionary_version
from .documents import PAGE_MODELS, bump_sites_version, page_key, question_key
from .hot import bump_rules_version
from .models import DictionaryTerm, HotTermRule, PromotedResult, SearchDocument, SynonymSet
from .promoted import bump_promoted_version
from .result_cache import bump_index_generation


def enabled() -> bool:
    return getattr(settings, "SEARCH_AUTO_INDEX", True)


def page_saved(sender, instance, raw=False, **kwargs):
    # A saved live page carries its live content (drafts are revisions), so saving reindexes exactly what the
    # public sees; a page saved as not live (unpublished, new draft) is removed.
    if raw or not enabled():
        return
    from .tasks import index_page_task

    enqueue_on_commit(index_page_task, instance.pk)


@receiver(came_due)
def page_came_due(sender, instance, **kwargs):
    # Live but not yet shown until now (a future 发布时间/发布日期): index it once its time has come.
    if enabled():
        from .tasks import index_page_task

        enqueue_on_commit(index_page_task, instance.pk)


@receiver(page_unpublished)
def page_unpublished_handler(sender, instance, **kwargs):
    if not enabled():
        return
    from .tasks import index_subtree_task

    enqueue_on_commit(index_subtree_task, instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    if not enabled():
        return
    from .tasks import index_subtree_task

    enqueue_on_commit(index_subtree_task, instance.pk)


def page_deleted(sender, instance, **kwargs):
    if not enabled():
        return
    from .tasks import remove_documents_task

    enqueue_on_commit(remove_documents_task, [page_key(instance.pk)])


# Only the indexed page types: a receiver without a sender would also stop Django's fast delete for every model.
for _label in PAGE_MODELS:
    post_save.connect(page_saved, sender=apps.get_model(_label), dispatch_uid=f"search-save-{_label}")
    post_delete.connect(page_deleted, sender=apps.get_model(_label), dispatch_uid=f"search-delete-{_label}")


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    if not enabled() or kwargs.get("raw"):
        return
    from .tasks import index_subtree_task

    enqueue_on_commit(index_subtree_task, instance.page_id)


@receiver(post_save, sender="interaction.Question")
def question_saved(sender, instance, raw=False, **kwargs):
    if raw or not enabled():
        return
    from .tasks import index_question_task

    enqueue_on_commit(index_question_task, instance.pk)


@receiver(post_delete, sender="interaction.Question")
def question_deleted(sender, instance, **kwargs):
    if not enabled():
        return
    from .tasks import remove_documents_task

    enqueue_on_commit(remove_documents_task, [question_key(instance.pk)])


@receiver(post_save, sender="sites.SiteProfile")
@receiver(post_delete, sender="sites.SiteProfile")
@receiver(post_save, sender="wagtailcore.Site")
@receiver(post_delete, sender="wagtailcore.Site")
def sites_changed(sender, **kwargs):
    bump_sites_version()


@receiver(post_save, sender=DictionaryTerm)
@receiver(post_delete, sender=DictionaryTerm)
@receiver(post_save, sender=SynonymSet)
@receiver(post_delete, sender=SynonymSet)
def vocabulary_changed(sender, **kwargs):
    bump_dictionary_version()


@receiver(post_save, sender=HotTermRule)
@receiver(post_delete, sender=HotTermRule)
def hot_rules_changed(sender, **kwargs):
    bump_rules_version()
    bump_generation()


@receiver(post_save, sender=PromotedResult)
@receiver(post_delete, sender=PromotedResult)
def promoted_changed(sender, **kwargs):
    bump_promoted_version()


@receiver(post_delete, sender=SearchDocument)
def document_deleted(sender, instance, **kwargs):
    from .services import document_deleted

    bump_index_generation()
    document_deleted(instance)


@receiver(post_save, sender=SearchDocument)
def document_saved(sender, instance, **kwargs):
    bump_index_generation()  # cached search results (search/result_cache.py) follow every index write
