"""The admin's object gate: an admin URL that names another site's object answers 404 to site staff.

Wagtail's own views refuse some of these (with a redirect to the dashboard, which still confirms that the object
exists) and show others outright: a bulk action's confirmation page prints the title of any page, image or
document id it is given, the page chooser's ``chosen-multiple`` answers any page id, a workflow's cancellation
dialog names another site's task. Rather than patching each view, this middleware looks at what every admin URL
names before its view runs — URL keyword arguments (``page_id``, ``image_id``, ``pk`` …) and the ``id``/``childOf``
query parameters of bulk actions and multiple-choosers — and answers Wagtail's admin 404 unless the user owns each
object (sites.scopes). Platform administrators pass untouched; signed-out users reach Wagtail's login redirect.

The tables below are the whole policy; tests/sites/test_admin_confinement.py walks every admin URL pattern and
fails when one takes an object argument that is neither gated here nor listed as not site-owned.
"""

from functools import cache

from django.apps import apps
from django.urls import reverse
from django.views.defaults import page_not_found
from wagtail.contrib.settings.models import BaseSiteSetting

from .scopes import is_confined, is_tree_root, owns_all, scope_of_model

# URL keyword arguments that name one object, in whichever admin view they appear.
KWARG_SCOPES = {
    "page_id": "page",
    "parent_page_id": "page",
    "page_to_move_id": "page",
    "destination_id": "page",
    "page_pk": "page",
    "image_id": "image",
    "document_id": "document",
    "doc_id": "document",
    "collection_id": "collection",
    "workflow_pk": "workflow",
    "task_id": "task",
    "workflow_state_id": "workflow_state",
    "task_state_id": "task_state",
    "redirect_id": "redirect",
    "user_id": "user",  # e.g. a platform administrator's 2FA reset page for one user (core/accounts)
}

# The object a ``pk`` argument names: by full view name first, then by URL namespace.
PK_SCOPES = {
    "wagtailadmin_workflows:edit_task": "task",
    "wagtailadmin_workflows:enable_task": "task",
    "wagtailadmin_workflows:disable_task": "task",
    "wagtailadmin_workflows": "workflow",
    "wagtailadmin_pages": "page",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:images": "image",
    "wagtailadmin_api:documents": "document",
    "wagtailimages_chooser": "image",
    "wagtaildocs_chooser": "document",
    "wagtailadmin_collections": "collection",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtailsites": "site",
    "site_profiles": "site_profile",
}

# Views that take object ids as repeated ``?id=`` query parameters.
QUERY_ID_SCOPES = {
    "wagtailadmin_choose_page_chosen_multiple": "page",
    "wagtailimages_chooser:chosen_multiple": "image",
    "wagtaildocs_chooser:chosen_multiple": "document",
    "wagtailadmin_api:pages:find": "page",
    "wagtailadmin_api:images:find": "image",
    "wagtailadmin_api:documents:find": "document",
}
BULK_ACTION_VIEW = "wagtail_bulk_action"
# A bulk action's ``childOf`` (the listing its "select all" came from): a parent page, or a media collection.
BULK_PARENT_SCOPES = {"page": "page", "image": "collection", "document": "collection"}


@cache
def admin_prefix() -> str:
    return reverse("wagtailadmin_home")


def _model(app_label, model_name):
    if not (app_label and model_name):
        return None
    try:
        return apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return None


def _pk_scope(match, kwargs):
    if match.view_name.startswith("wagtailsettings:"):
        # Per-site settings are addressed by the site's pk; platform-wide (generic) settings belong to no site.
        model = _model(kwargs.get("app_name"), kwargs.get("model_name"))
        return "site" if model is not None and issubclass(model, BaseSiteSetting) else None
    return PK_SCOPES.get(match.view_name) or PK_SCOPES.get(match.namespace)


def _kwarg_objects(match):
    kwargs = match.kwargs
    for name, value in kwargs.items():
        if name in KWARG_SCOPES:
            yield KWARG_SCOPES[name], value
    if "pk" in kwargs and (scope := _pk_scope(match, kwargs)):
        yield scope, kwargs["pk"]
    if "object_id" in kwargs:  # generic views addressed by app label, model name and object id (editing sessions)
        scope = scope_of_model(_model(kwargs.get("app_label"), kwargs.get("model_name")))
        if scope:
            yield scope, kwargs["object_id"]


def _query_objects(match, request):
    ids = request.GET.getlist("id")
    if match.view_name in QUERY_ID_SCOPES:
        for value in ids:
            yield QUERY_ID_SCOPES[match.view_name], value
    elif match.view_name == BULK_ACTION_VIEW:
        scope = scope_of_model(_model(match.kwargs.get("app_label"), match.kwargs.get("model_name")))
        if scope is None:
            return
        for value in ids:
            if value != "all":  # "select all in listing": confined by sites.admin_bulk
                yield scope, value
        parent = request.GET.get("childOf")
        if parent is not None and scope in BULK_PARENT_SCOPES:
            yield BULK_PARENT_SCOPES[scope], parent


def named_objects(match, request) -> dict[str, list]:
    """The primary keys of every object the request's URL names, by scope."""
    named = {}
    for scope, pk in (*_kwarg_objects(match), *_query_objects(match, request)):
        named.setdefault(scope, []).append(pk)
    return named


def _owns_all(user, scope, pks) -> bool:
    if owns_all(user, scope, pks):
        return True
    # The tree root belongs to no site (Wagtail sends staff on from it to their own home page).
    return scope == "page" and owns_all(user, scope, [pk for pk in pks if not is_tree_root(pk)])


class AdminConfinementMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith(admin_prefix()) or not is_confined(request.user):
            return None
        for scope, pks in named_objects(match, request).items():
            if not _owns_all(request.user, scope, pks):
                return page_not_found(request, None, template_name="wagtailadmin/404.html")
        return None
