"""A group's edit page at 2,000 sites: permission panels that offer the plausible sites and collections.

Wagtail's group page offers every collection in a select per row of its image, document and collection
permission panels, and every site as a checkbox in each site-settings permission panel: with 2,053 sites a
1.4 MB page that took 5–15 s. Each collection select also prefetched every collection's permissions, which
nothing reads (~27,000 rows turned into objects per view). Here the panels are Wagtail's (labels, validation,
saving), offering:

- as collections: every collection that is not a village site's, the collections of the group's own site and
  those it already holds a permission on;
- as sites: every site that is not a village, the group's own site and those it already holds.

A village's groups are its own (sites.permissions): granting one village's staff rights on another village is not
a choice a platform administrator needs, and anything already granted stays listed, ticked, so that saving the
page never drops it. core.form_renderer writes the remaining long lists.

Installed through Wagtail's documented ``group_viewset`` of the wagtail.users app config (sites.apps), so the
URLs and their names are Wagtail's and the admin gate (sites.admin_gate) sees them as before.
"""

from functools import cache

from django.db.models import Q
from django.utils.functional import cached_property
from wagtail.admin.forms.collections import BaseGroupCollectionMemberPermissionFormSet
from wagtail.contrib.settings.forms import SitePermissionForm
from wagtail.models import Collection, GroupCollectionPermission, GroupSitePermission, Site
from wagtail.users.views import groups

from .enums import SiteKind
from .models import SiteProfile


def _own_profiles(group):
    return SiteProfile.objects.filter(Q(editor_group=group) | Q(reviewer_group=group))


def offered_sites(group):
    offered = ~Q(profile__kind=SiteKind.VILLAGE)
    if group is not None and group.pk:
        held = GroupSitePermission.objects.filter(group=group).values("site_id")
        offered |= Q(pk__in=_own_profiles(group).values("site_id")) | Q(pk__in=held)
    return Site.objects.filter(offered)


def offered_collections(group):
    villages = SiteProfile.objects.filter(kind=SiteKind.VILLAGE, collection__isnull=False).values("collection_id")
    offered = ~Q(pk__in=villages)
    if group is not None and group.pk:
        own = _own_profiles(group).filter(collection__isnull=False).values("collection_id")
        held = GroupCollectionPermission.objects.filter(group=group).values("collection_id")
        offered |= Q(pk__in=own) | Q(pk__in=held)
    return Collection.objects.filter(offered)


def _collection_form(form_class, group):
    class CollectionPermissionForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["collection"].queryset = offered_collections(group)  # and no prefetch

    CollectionPermissionForm.__name__ = form_class.__name__
    return CollectionPermissionForm


class OfferedCollectionsMixin:
    def __init__(self, *args, instance=None, **kwargs):
        self.form = _collection_form(type(self).form, instance)
        super().__init__(*args, instance=instance, **kwargs)


class OfferedSitesMixin:
    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, **kwargs)
        self.fields["sites"].queryset = offered_sites(instance)


@cache
def permission_panel_classes() -> list:
    """Wagtail's registered permission panels, those with a collection or site choice narrowed."""
    classes = []
    for panel in groups.get_permission_panel_classes():
        if issubclass(panel, BaseGroupCollectionMemberPermissionFormSet):
            panel = type(panel.__name__, (OfferedCollectionsMixin, panel), {})
        elif issubclass(panel, SitePermissionForm):
            panel = type(panel.__name__, (OfferedSitesMixin, panel), {"settings_model": panel.settings_model})
        classes.append(panel)
    return classes


class LeanPermissionPanelsMixin:
    @cached_property
    def permission_panel_forms(self):
        return [cls(**self.get_permission_panel_form_kwargs(cls)) for cls in permission_panel_classes()]


class CreateView(LeanPermissionPanelsMixin, groups.CreateView):
    pass


class EditView(LeanPermissionPanelsMixin, groups.EditView):
    pass


class GroupViewSet(groups.GroupViewSet):
    add_view_class = CreateView
    edit_view_class = EditView
