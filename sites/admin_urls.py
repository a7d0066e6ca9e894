"""Confined admin listings (sites/admin_views.py) at Wagtail's own paths.

config/urls.py includes these under ``admin/`` *before* Wagtail's admin, so they answer these paths; reverse()
keeps finding Wagtail's names, which resolve to the same paths. Every view gets the decorators Wagtail gives its
admin views: admin access required, Wagtail's admin 404 page, no caching.
"""

import functools

from django.http import Http404
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.defaults import page_not_found
from wagtail.admin.auth import require_admin_access

from . import admin_views as views
from .admin_translation_copy import copy_translation_content


def _admin_404(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return page_not_found(request, None, template_name="wagtailadmin/404.html")

    return wrapper


def admin_view(view):
    return never_cache(_admin_404(require_admin_access(view)))


def _listing(route, view_class, **kwargs):
    """A listing and its ``results/`` fragment (Wagtail's filters reload only the results)."""
    return [
        path(route, admin_view(view_class.as_view(**kwargs))),
        path(f"{route}results/", admin_view(view_class.as_view(results_only=True, **kwargs))),
    ]


_users = views.owned_user_viewset()

urlpatterns = [
    path("pages/<int:page_id>/edit/copy_translation_content/", admin_view(copy_translation_content)),
    *_listing("reports/locked/", views.OwnedLockedPagesView),
    *_listing("reports/workflow/", views.OwnedWorkflowView),
    *_listing("reports/workflow_tasks/", views.OwnedWorkflowTasksView),
    *_listing("reports/site-history/", views.OwnedLogEntriesView),
    *_listing("reports/page-types-usage/", views.OwnedPageTypesUsageView),
    *_listing("images/", views.OwnedImagesIndexView),
    *_listing("documents/", views.OwnedDocumentsIndexView),
    path("images/chooser/", admin_view(views.owned_image_chooser.choose_view)),
    path("tag-autocomplete/", admin_view(views.tag_autocomplete)),
    path("tag-autocomplete/<slug:app_name>/<slug:model_name>/", admin_view(views.tag_autocomplete)),
    path("workflows/task_chooser/", admin_view(views.OwnedTaskChooserView.as_view())),
    path("workflows/task_chooser/results/", admin_view(views.OwnedTaskChooserResultsView.as_view())),
    path("users/", admin_view(_users.index_view)),
    path("users/results/", admin_view(_users.index_results_view)),
]
