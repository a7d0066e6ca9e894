"""The page explorer's filters, confined to what the user owns (sites.scopes, sites.admin_filters).

Wagtail's page listings (the explorer and *Pages using* a page type) offer as filter choices every page owner,
every editor and every site of the install — other sites' staff and sites included — although the rows are
confined to the user's pages. This viewset replaces Wagtail's fallback page viewset (registered for ``Page``
after Wagtail's, so it serves every page type without a viewset of its own) with the same views and a filter set
whose user and site choices are the user's own.
"""

from wagtail.admin.views.pages.listing import GenericPageFilterSet
from wagtail.admin.viewsets.pages import PageViewSet

from .admin_filters import owned_filterset


class OwnedPageViewSet(PageViewSet):
    filterset_class = owned_filterset(GenericPageFilterSet)
