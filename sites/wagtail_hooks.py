"""Admin integration: the platform's site list, and confinement of page choosers to the editor's own sites."""

from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from .viewsets import site_profile_viewset


@hooks.register("register_admin_viewset")
def register_site_profiles():
    return site_profile_viewset


@hooks.register("construct_page_chooser_queryset")
def confine_page_chooser(pages, request):
    """Editors only see (and link to) pages of sites they work on.

    Wagtail lets every editor browse the whole tree in the chooser because it assumes one organisation
    (wagtail#1700); in a website group each department must stay on its own site.
    """
    user = request.user
    if user.is_superuser:
        return pages
    explorable = PagePermissionPolicy().explorable_instances(user)
    return pages.filter(pk__in=explorable.values_list("pk", flat=True))
