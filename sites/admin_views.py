"""Wagtail admin listings confined to what the user owns (sites.scopes), as subclasses of Wagtail's own views.

They answer Wagtail's own paths through sites/admin_urls.py. What each one changes for site staff:

- reports (locked pages, workflows, workflow tasks, site history): the filters offer only their own staff and
  workflows (sites.admin_filters); the rows were already confined by Wagtail's page permissions;
- *Page types usage*: counts and "last edited" of their own pages only, and only their own sites to filter by;
- images and documents: popular tags of their own media only (listing filter and image chooser);
- tag autocompletion: tags of their own media only;
- the task chooser: their own sites' workflow tasks only (Wagtail lists every task to any admin user);
- users: only their own sites' staff, should a site group ever be given user-management rights.

The explorer's filters are confined by sites.admin_pages, page choosers by sites.wagtail_hooks.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, JsonResponse
from django.utils.module_loading import import_string
from taggit.models import TagBase
from wagtail.admin.views import tags, workflows
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.admin.views.reports.locked_pages import LockedPagesView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportFilterSet, PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import WorkflowTasksView
from wagtail.documents import get_document_model
from wagtail.documents.views import documents
from wagtail.images import get_image_model
from wagtail.images.views import images
from wagtail.images.views.chooser import ImageChooserViewSet, ImageChooseView
from wagtail.models import Page, Site

from .admin_filters import POPULAR_TAGS, owned_filterset, owned_tags
from .admin_reviews import (
    ReviewableWorkflowReportFilterSet,
    ReviewableWorkflowTasksReportFilterSet,
    WorkflowStatusesView,
)
from .scopes import is_confined, owned


def _confined(view_class, filterset_class=None):
    """``view_class`` with its filter set's choices confined (sites.admin_filters)."""
    attrs = {"filterset_class": owned_filterset(filterset_class or view_class.filterset_class)}
    return type(f"Owned{view_class.__name__}", (view_class,), attrs)


OwnedLockedPagesView = _confined(LockedPagesView)
# "待我审核" in one query (sites.admin_reviews), not one per site's review task.
OwnedWorkflowView = _confined(WorkflowStatusesView, ReviewableWorkflowReportFilterSet)
OwnedWorkflowTasksView = _confined(WorkflowTasksView, ReviewableWorkflowTasksReportFilterSet)
OwnedLogEntriesView = _confined(LogEntriesView)
OwnedImagesIndexView = _confined(images.IndexView)
OwnedDocumentsIndexView = _confined(documents.IndexView)


# Page types usage -----------------------------------------------------------------------------------------------


def _site_choices(sites) -> list[tuple[str, str]]:
    """(root page path, the site's name as Wagtail writes it) in one query of four columns.

    Wagtail builds them from every Site with its whole root page, twice per request: 2 s at 2,053 sites.
    """
    rows = sites.order_by("site_name", "hostname", "port").values_list(
        "root_page__path", "site_name", "hostname", "port", "is_default_site"
    )
    return [
        (path, str(Site(site_name=name, hostname=host, port=port, is_default_site=default)))
        for path, name, host, port, default in rows
    ]


class OwnedPageTypesUsageFilterSet(owned_filterset(PageTypesUsageReportFilterSet)):
    def __init__(self, *args, **kwargs):
        # Not Wagtail's __init__, which loads every site with its root page only to count them (nor
        # OwnedChoicesMixin's, which has nothing to narrow here: both filters are plain choices, set below).
        super(PageTypesUsageReportFilterSet, self).__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        sites = owned(user, "site") if is_confined(user) else Site.objects.all()
        choices = _site_choices(sites)
        self.sites_filter_enabled = len(choices) > 1
        if self.sites_filter_enabled:
            self.filters["site"].extra["choices"] = choices
        else:
            self.filters.pop("site", None)


class OwnedPageTypesUsageView(PageTypesUsageReportView):
    """Wagtail counts every page of the install and names the last edited one, whichever site it is on."""

    filterset_class = OwnedPageTypesUsageFilterSet

    def get_queryset(self):
        if not is_confined(self.request.user):
            return super().get_queryset()
        self.queryset = ContentType.objects.filter(model__in=self.page_models)
        form = self.filters.form
        chosen = form.cleaned_data if form.is_valid() else {}
        pages = owned(self.request.user, "page")
        if chosen.get("page_locale"):
            pages = pages.filter(locale__language_code=chosen["page_locale"])
        if chosen.get("site"):
            pages = pages.filter(path__startswith=chosen["site"])
        of_type = pages.filter(content_type=OuterRef("pk"))
        counts = of_type.order_by().values("content_type").annotate(n=Count("pk")).values("n")
        latest = of_type.order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
        queryset = self.queryset.annotate(
            count=Coalesce(Subquery(counts, output_field=IntegerField()), Value(0)),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        )
        base_type = ContentType.objects.get_for_model(Page)
        if chosen.get("page_locale") or chosen.get("site"):
            queryset = queryset.filter(count__gt=0)  # as Wagtail's filters, which keep the types with such pages
        elif not pages.filter(content_type=base_type).exists():
            queryset = queryset.exclude(pk=base_type.pk)  # as Wagtail, which hides the base type when unused
        return queryset.order_by("-count", "app_label", "model")


# Tags and choosers ----------------------------------------------------------------------------------------------


def _tag_model(app_name, model_name):
    content_type = ContentType.objects.filter(app_label=app_name, model=model_name).first()
    model = content_type.model_class() if content_type else None
    if model is None or not issubclass(model, TagBase):
        raise Http404
    return model


def tag_autocomplete(request, app_name=None, model_name=None):
    """Wagtail offers every tag of the install; staff get the tags of their own media."""
    if not is_confined(request.user):
        return tags.autocomplete(request, app_name=app_name, model_name=model_name)
    term = request.GET.get("term", "")
    if app_name:
        _tag_model(app_name, model_name)  # 404 for anything but a tag model, as Wagtail
        return JsonResponse([], safe=False)  # a custom tag model belongs to no site: nothing to offer
    if not term:
        return JsonResponse([], safe=False)
    found = owned_tags(request.user, [get_image_model(), get_document_model()]).filter(name__istartswith=term)
    names = sorted({tag.name for tag in found})[: tags.TAGS_AUTOCOMPLETE_LIMIT]
    return JsonResponse(names, safe=False)


class OwnedImageChooseView(ImageChooseView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if is_confined(self.request.user):
            context["popular_tags"] = owned_tags(self.request.user, [self.model], POPULAR_TAGS)
        return context


class OwnedImageChooserViewSet(ImageChooserViewSet):
    choose_view_class = OwnedImageChooseView


# Not registered: it builds the chooser view with the same arguments as Wagtail's registered image chooser.
owned_image_chooser = OwnedImageChooserViewSet(
    "wagtailimages_chooser", model=get_image_model(), url_prefix="images/chooser"
)


class OwnedTaskListingMixin:
    def get_task_listing_context_data(self):
        context = super().get_task_listing_context_data()
        if not is_confined(self.request.user):
            return context
        mine = context["all_tasks"].filter(pk__in=owned(self.request.user, "task").values("pk"))
        listed = mine.filter(name__icontains=context["query_string"]) if context["query_string"] else mine
        context["all_tasks"] = mine
        context["tasks"] = Paginator(listed, per_page=10).get_page(self.request.GET.get("p"))
        return context


class OwnedTaskChooserView(OwnedTaskListingMixin, workflows.TaskChooserView):
    pass


class OwnedTaskChooserResultsView(OwnedTaskListingMixin, workflows.TaskChooserResultsView):
    pass


# Users ----------------------------------------------------------------------------------------------------------


def _user_viewset_class():
    return import_string(apps.get_app_config("wagtailusers").user_viewset)


class OwnedUserIndexMixin:
    def get_base_queryset(self):
        users = super().get_base_queryset()
        if not is_confined(self.request.user):
            return users
        return users.filter(pk__in=owned(self.request.user, "user").values("pk"))


def owned_user_viewset():
    """The configured user viewset with its listing confined; built, not registered (Wagtail's stays registered)."""
    base = _user_viewset_class()
    index = type("OwnedUserIndexView", (OwnedUserIndexMixin, base.index_view_class), {})
    attrs = {"index_view_class": index, "filterset_class": owned_filterset(base.filterset_class)}
    return type("OwnedUserViewSet", (base,), attrs)("wagtailusers_users", url_prefix="users")
