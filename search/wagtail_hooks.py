"""Admin: the search vocabulary (dictionary and synonyms) for users with the model permissions, and 置顶推荐
confined to each site's own staff (search.permissions)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import PromotedResult
from .permissions import promoted_policy
from .viewsets import SearchViewSetGroup

# Registered before the viewsets so the promoted views, menu item and choosers use the site-confined policy.
register_permission_policy(PromotedResult, promoted_policy)


@hooks.register("register_admin_viewset")
def register_search_vocabulary():
    return SearchViewSetGroup()
