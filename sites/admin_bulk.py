"""Bulk actions whose "select all in listing" is confined to what the user owns (sites.scopes).

A bulk action's confirmation page lists the objects it would act on, including those the user may not touch.
Explicit ids of another site's objects are refused by sites/admin_gate.py; "select all" (``?id=all``) is the
listing's query, which for pages (``childOf`` = the tree root, or a search with no parent) and users spans every
site. These subclasses of Wagtail's page and user bulk actions replace Wagtail's registrations (same model and
action type, registered after them) and keep only owned objects. Image and document bulk actions already list
the media the user may change.
"""

from django.db.models import QuerySet
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction
from wagtail.users.views.bulk_actions import DeleteBulkAction as DeleteUsersBulkAction

from .scopes import owned


class OwnedListingMixin:
    scope = None

    def get_all_objects_in_listing_query(self, parent_id):
        listed = super().get_all_objects_in_listing_query(parent_id)
        mine = owned(self.request.user, self.scope)
        if isinstance(listed, QuerySet):
            return listed.filter(pk__in=mine.values("pk"))
        return mine.filter(pk__in=list(listed)).values_list("pk", flat=True)  # search results


def _confined(action_class, scope):
    return type(f"Owned{action_class.__name__}", (OwnedListingMixin, action_class), {"scope": scope})


CONFINED_BULK_ACTIONS = [
    *(_confined(cls, "page") for cls in (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction)),
    *(_confined(cls, "user") for cls in (AssignRoleBulkAction, DeleteUsersBulkAction, SetActiveStateBulkAction)),
]
