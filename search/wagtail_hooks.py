"""Admin: the search vocabulary (dictionary and synonyms) for users with the model permissions."""

from wagtail import hooks

from .viewsets import SearchViewSetGroup


@hooks.register("register_admin_viewset")
def register_search_vocabulary():
    return SearchViewSetGroup()
