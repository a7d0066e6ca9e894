"""Keep adopted and shared items in step with their originals (issue 14 item 3: 同步; item 4: withdrawal)."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from . import services


@receiver(page_published)
def flag_outdated_copies(sender, instance, **kwargs):
    # Aliases follow by themselves (Page.update_aliases); an edited copy is flagged for the portal editor.
    if not kwargs.get("alias"):
        services.mark_copies_outdated(instance)


@receiver(pre_delete, sender=Page)
def withdraw_aliases_of_deleted(sender, instance, **kwargs):
    # Wagtail's alias_of is SET_NULL: deleting an original would leave its aliases live as pages of their own.
    # Unpublishing the original already unpublishes them (wagtail.actions.unpublish_page). Every page's deletion
    # passes through its Page row; a receiver without a sender would stop Django's fast delete for every model.
    services.withdraw_aliases(instance)
