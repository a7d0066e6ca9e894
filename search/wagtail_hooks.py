"""Admin: the search vocabulary (dictionary and synonyms) for users with the model permissions, 置顶推荐 confined
to each site's own staff and 热门搜索管理 to each website group's top-portal staff (search.permissions)."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import HotTermRule, PromotedResult
from .permissions import hot_rule_policy, promoted_policy
from .viewsets import SearchViewSetGroup

# Registered before the viewsets so the promoted views, menu item and choosers use the site-confined policy.
register_permission_policy(PromotedResult, promoted_policy)
register_permission_policy(HotTermRule, hot_rule_policy)


@hooks.register("register_admin_viewset")
def register_search_vocabulary():
    return SearchViewSetGroup()
