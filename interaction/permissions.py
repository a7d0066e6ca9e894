"""Who may see and handle which message, and who manages which reply templates.

Staff of a site are the members of its SiteProfile's ``editor_group`` or ``reviewer_group``; superusers are
platform administrators and see and do everything.

A site's staff see the messages it received (``Question.site``) and the messages currently transferred to it
(``Question.handler``): a portal transfers a message to a department or district and that unit's staff then
handle it, while the portal's staff keep watching (and may take it back or answer it themselves). Once a
handling unit passes a message on, it leaves that unit's list; its transfers stay in the message's history.
Nobody else sees a message at all — not its title, nor the citizen's name, phone or email, nor its
attachments — and a message outside a user's scope answers 404, as if it did not exist.

Roles follow the site's two groups (三审: 采编 → 审核):

- editors (编辑组) do the handling: 不予受理 (reject), 转办 (assign), 答复 (answer), 公开 (publish) and
  办结不公开 (close);
- reviewers (审核组) do 审核 (review) and may also publish or close a reviewed answer — approving an answer
  for publication is the reviewer's job where a site requires review.

A user's roles for a message are the union of their roles at the receiving site and at the handling unit.

Reply templates: each site's staff add, edit and delete their own site's templates and read the platform-wide
ones (``site`` empty); only platform administrators manage the platform-wide templates.
"""

from django.db.models import Q

from sites.enums import SiteKind
from sites.models import SiteProfile
from sites.policies import SiteOwnedPolicy, is_platform_admin
from sites.utils import group_profiles

from .models import Question, ReplyTemplate

EDITOR, REVIEWER = "editor", "reviewer"
ROLE_ACTIONS = {
    EDITOR: frozenset({"reject", "assign", "answer", "publish", "close"}),
    REVIEWER: frozenset({"review", "publish", "close"}),
}
# Units a message can be transferred to (转办); villages and special-topic sites are not handling units.
HANDLING_KINDS = (SiteKind.DEPARTMENT, SiteKind.DISTRICT, SiteKind.TOWNSHIP)
_CACHE_ATTR = "_interaction_site_roles"


def site_roles(user) -> dict[int, frozenset[str]]:
    """``{site profile pk: roles}`` for the sites the user is staff of (one query, cached on the user)."""
    if not (user and user.is_authenticated and user.is_active):
        return {}
    if not hasattr(user, _CACHE_ATTR):
        group_ids = set(user.groups.values_list("pk", flat=True))
        roles = {}
        rows = SiteProfile.objects.filter(Q(editor_group__in=group_ids) | Q(reviewer_group__in=group_ids))
        for pk, editor_group, reviewer_group in rows.values_list("pk", "editor_group_id", "reviewer_group_id"):
            roles[pk] = frozenset(
                role for role, gid in ((EDITOR, editor_group), (REVIEWER, reviewer_group)) if gid in group_ids
            )
        setattr(user, _CACHE_ATTR, roles)
    return getattr(user, _CACHE_ATTR)


def is_interaction_staff(user) -> bool:
    """Whether the user handles messages anywhere (shows the 互动交流 menu)."""
    return is_platform_admin(user) or bool(site_roles(user))


def questions_for(user, queryset=None):
    """The messages the user may see: received by or transferred to one of their sites."""
    queryset = Question.objects.all() if queryset is None else queryset
    if is_platform_admin(user):
        return queryset
    sites = list(site_roles(user))
    if not sites:
        return queryset.none()
    return queryset.filter(Q(site_id__in=sites) | Q(handler_id__in=sites))


def can_view(user, question) -> bool:
    if is_platform_admin(user):
        return True
    sites = site_roles(user)
    return question.site_id in sites or (question.handler_id is not None and question.handler_id in sites)


def roles_for(user, question) -> frozenset[str]:
    if is_platform_admin(user):
        return frozenset(ROLE_ACTIONS)
    sites = site_roles(user)
    return sites.get(question.site_id, frozenset()) | sites.get(question.handler_id, frozenset())


def permitted_actions(user, question) -> frozenset[str]:
    """The steps the user's roles allow on this message (whether its status allows them is the state machine's
    business: ``services.transition``)."""
    actions = frozenset()
    for role in roles_for(user, question):
        actions |= ROLE_ACTIONS[role]
    return actions


def can_handle(user, question, action: str | None = None) -> bool:
    """Whether the user may take ``action`` on the message (any handling step when ``action`` is None)."""
    actions = permitted_actions(user, question)
    return action in actions if action else bool(actions)


def transfer_targets(user, question) -> list[SiteProfile]:
    """Units the user may transfer the message to (转办).

    The receiving site's staff choose among the departments, districts and townships of its group
    (``group_profiles``: the site and every site below it); the handling unit's staff among the units below
    their own site. Either may hand it back to the receiving site. The current handler is never offered.
    """
    sites = site_roles(user)
    admin = is_platform_admin(user)
    roots = []
    if admin or question.site_id in sites:
        roots.append(question.site)
    if question.handler_id and (admin or question.handler_id in sites):
        roots.append(question.handler)
    found: dict[int, SiteProfile] = {}
    for root in roots:
        for profile in group_profiles(root):
            if profile.kind in HANDLING_KINDS:
                found.setdefault(profile.pk, profile)
    current = question.handler_id or question.site_id
    if current != question.site_id:
        found.setdefault(question.site_id, question.site)  # 退回受理网站
    found.pop(current, None)
    return sorted(found.values(), key=lambda p: (p.pk != question.site_id, p.kind, p.org_name))


def reply_templates_for(question):
    """Templates offered when answering: the answering unit's own and the platform-wide ones."""
    unit = question.handler_id or question.site_id
    return ReplyTemplate.objects.filter(Q(site__isnull=True) | Q(site_id=unit)).order_by("site_id", "sort_order", "pk")


# Site staff manage their own sites' templates and read the platform-wide ones (sites.policies).
reply_template_policy = SiteOwnedPolicy(ReplyTemplate)
