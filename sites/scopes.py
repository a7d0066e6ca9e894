"""What a user's sites own in the admin — the one definition every admin confinement uses (sites/admin_*.py).

Wagtail grants rights per subtree: page permissions on a site's home page, media permissions on its collection
(sites/permissions.py). A user therefore *owns* the pages under the pages their groups hold a permission on, the
sites rooted there, those sites' profiles, staff groups and staff, the media of the collections their groups hold a
permission on, the workflows attached to their pages with their tasks and moderation states, and the redirects of
their sites. Platform administrators (superusers) are not confined; everybody else sees nothing outside this.

``owned(user, scope)`` returns a queryset; ``owns_all(user, scope, pks)`` answers for primary keys as they came
from a URL (a malformed key is simply not owned).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    Site,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.permissions import page_permission_policy, policy_registry

from .models import SiteProfile
from .policies import is_platform_admin

# Any right on a medium makes it the user's: Wagtail lists media for change/delete and offers them for choose.
MEDIA_ACTIONS = ("add", "change", "delete", "choose")


def is_confined(user) -> bool:
    """Whether the admin must confine this user to their own sites (every signed-in user but platform admins)."""
    return bool(user is not None and user.is_authenticated and not is_platform_admin(user))


def _under(paths, field: str = "path") -> Q:
    """Rows at or below any of the tree ``paths`` (treebeard materialised paths); nothing when there are none."""
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def page_roots(user) -> list[str]:
    """Paths of the pages the user's groups hold a page permission on (Wagtail caches the grants on the user)."""
    return sorted({perm.page.path for perm in page_permission_policy.get_cached_permissions_for_user(user)})


def owned_pages(user) -> QuerySet:
    return Page.objects.filter(_under(page_roots(user)))


def owned_sites(user) -> QuerySet:
    return Site.objects.filter(_under(page_roots(user), "root_page__path"))


def owned_profiles(user) -> QuerySet:
    return SiteProfile.objects.filter(site__in=owned_sites(user))


def owned_groups(user) -> QuerySet:
    profiles = owned_profiles(user)
    return Group.objects.filter(Q(pk__in=profiles.values("editor_group")) | Q(pk__in=profiles.values("reviewer_group")))


def owned_users(user) -> QuerySet:
    """The staff of the user's sites (never a platform administrator: staff must not touch their accounts)."""
    staff = get_user_model().objects.filter(is_superuser=False, groups__in=owned_groups(user))
    return get_user_model().objects.filter(pk__in=staff.values("pk"))


def _media_policy(model):
    return policy_registry.get_by_type(model)


def owned_images(user) -> QuerySet:
    return _media_policy(get_image_model()).instances_user_has_any_permission_for(user, MEDIA_ACTIONS)


def owned_documents(user) -> QuerySet:
    return _media_policy(get_document_model()).instances_user_has_any_permission_for(user, MEDIA_ACTIONS)


def owned_collections(user) -> QuerySet:
    collections = [
        _media_policy(model).collections_user_has_any_permission_for(user, MEDIA_ACTIONS)
        for model in (get_image_model(), get_document_model())
    ]
    return Collection.objects.filter(Q(pk__in=collections[0].values("pk")) | Q(pk__in=collections[1].values("pk")))


def owned_workflows(user) -> QuerySet:
    return Workflow.objects.filter(pk__in=WorkflowPage.objects.filter(page__in=owned_pages(user)).values("workflow"))


def owned_tasks(user) -> QuerySet:
    return Task.objects.filter(pk__in=WorkflowTask.objects.filter(workflow__in=owned_workflows(user)).values("task"))


def owned_workflow_states(user) -> QuerySet:
    # WorkflowState points at its object through a text object_id (generic relation).
    page_ids = owned_pages(user).values_list(Cast("pk", output_field=CharField()), flat=True)
    page_type = ContentType.objects.get_for_model(Page)
    return WorkflowState.objects.filter(base_content_type=page_type, object_id__in=page_ids)


def owned_task_states(user) -> QuerySet:
    return TaskState.objects.filter(workflow_state__in=owned_workflow_states(user))


def owned_redirects(user) -> QuerySet:
    return Redirect.objects.filter(site__in=owned_sites(user))


@dataclass(frozen=True)
class Scope:
    model: Callable[[], type]
    owned: Callable[[object], QuerySet]


# Scope names used by the URL gate (sites/admin_gate.py) and the confined listings. More specific models first:
# scope_of_model() takes the first whose model the given one is (a subclass of).
SCOPES: dict[str, Scope] = {
    "page": Scope(lambda: Page, owned_pages),
    "image": Scope(get_image_model, owned_images),
    "document": Scope(get_document_model, owned_documents),
    "collection": Scope(lambda: Collection, owned_collections),
    "site": Scope(lambda: Site, owned_sites),
    "site_profile": Scope(lambda: SiteProfile, owned_profiles),
    "group": Scope(lambda: Group, owned_groups),
    "user": Scope(get_user_model, owned_users),
    "workflow": Scope(lambda: Workflow, owned_workflows),
    "task": Scope(lambda: Task, owned_tasks),
    "workflow_state": Scope(lambda: WorkflowState, owned_workflow_states),
    "task_state": Scope(lambda: TaskState, owned_task_states),
    "redirect": Scope(lambda: Redirect, owned_redirects),
}


def scope_of_model(model) -> str | None:
    for name, scope in SCOPES.items():
        if isinstance(model, type) and issubclass(model, scope.model()):
            return name
    return None


def owned(user, scope: str) -> QuerySet:
    """The objects of ``scope`` the user owns; every object for a platform administrator."""
    if not is_confined(user):
        return SCOPES[scope].model()._default_manager.all()
    return SCOPES[scope].owned(user)


BIGINT = 2**63 - 1


def _key(model, pk):
    """The primary key as the model's type, or None when malformed (``?id=abc``, or beyond any database integer)."""
    try:
        key = model._meta.pk.to_python(pk)
    except ValidationError:
        return None
    if isinstance(key, int) and not -BIGINT <= key <= BIGINT:
        return None
    return key


def is_tree_root(pk) -> bool:
    key = _key(Page, pk)
    return key is not None and Page.objects.filter(pk=key, depth=1).exists()


def owns_all(user, scope: str, pks) -> bool:
    """Whether the user owns every object of ``scope`` with these primary keys (one query)."""
    keys = {_key(SCOPES[scope].model(), pk) for pk in pks}
    if None in keys:
        return False
    return not keys or owned(user, scope).filter(pk__in=keys).count() == len(keys)
