"""Admin views for records that belong to one site (sites.policies.SiteOwnedPolicy): every view works on the
records the user may see, so another site's record answers 404 in the list, edit, delete, inspect, history and
usage views alike, and edit/delete links appear only where the user may act."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from wagtail.admin.views.generic import CreateView, DeleteView, EditView, IndexView, InspectView
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet


def _visible(view, actions):
    return view.permission_policy.instances_user_has_any_permission_for(view.request.user, actions)


def _may(view, action, instance) -> bool:
    return view.permission_policy.user_has_permission_for_instance(view.request.user, action, instance)


class SiteOwnedIndexView(IndexView):
    list_select_related = ("site",)

    def get_base_queryset(self):
        return _visible(self, ["view"]).select_related(*self.list_select_related)

    def get_edit_url(self, instance):
        return super().get_edit_url(instance) if _may(self, "change", instance) else None

    def get_delete_url(self, instance):
        return super().get_delete_url(instance) if _may(self, "delete", instance) else None


class SiteOwnedEditView(EditView):
    def get_queryset(self):
        return _visible(self, ["change"])


class SiteOwnedDeleteView(DeleteView):
    def get_queryset(self):
        return _visible(self, ["delete"])


class SiteOwnedInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(_visible(self, ["view"]), pk=unquote(str(self.pk)))

    def get_edit_url(self):
        return super().get_edit_url() if _may(self, "change", self.object) else None

    def get_delete_url(self):
        return super().get_delete_url() if _may(self, "delete", self.object) else None


class SiteOwnedHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return _visible(self, ["view"])


class SiteOwnedUsageView(UsageView):
    def get_base_object_queryset(self):
        return _visible(self, ["view"])


class SiteOwnedViewSet(ModelViewSet):
    """A ModelViewSet confined by ``policy`` (a SiteOwnedPolicy for ``model``)."""

    policy = None
    inspect_view_enabled = True
    index_view_class = SiteOwnedIndexView
    add_view_class = CreateView
    edit_view_class = SiteOwnedEditView
    delete_view_class = SiteOwnedDeleteView
    inspect_view_class = SiteOwnedInspectView
    history_view_class = SiteOwnedHistoryView
    usage_view_class = SiteOwnedUsageView

    @cached_property
    def permission_policy(self):
        return self.policy
