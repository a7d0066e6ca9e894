"""Site resolution in one place: every site-aware view, template and API asks here."""

from django.utils.translation import gettext as _
from wagtail.models import Site

from .enums import SiteKind
from .models import SiteProfile

PROFILE_ATTR = "_site_profile"


def get_site_for_request(request) -> Site | None:
    return Site.find_for_request(request)


def get_profile_for_site(site: Site | None) -> SiteProfile | None:
    if site is None:
        return None
    try:
        return SiteProfile.objects.with_site().get(site=site)
    except SiteProfile.DoesNotExist:
        return None


def get_profile_for_request(request) -> SiteProfile | None:
    """The current site's profile (with parent and sites joined), cached on the request."""
    if not hasattr(request, PROFILE_ATTR):
        setattr(request, PROFILE_ATTR, get_profile_for_site(get_site_for_request(request)))
    return getattr(request, PROFILE_ATTR)


def group_profiles(root_profile):
    """``root_profile`` and every site below it (one query; the group is walked in memory)."""
    children: dict[int | None, list] = {}
    fields = ("id", "parent_id", "slug", "org_name", "short_name", "kind", "sort_order")
    for profile in SiteProfile.objects.only(*fields):
        children.setdefault(profile.parent_id, []).append(profile)
    found, stack = [], [root_profile.pk]
    while stack:
        pk = stack.pop()
        found.append(pk)
        stack.extend(child.pk for child in children.get(pk, []))
    by_pk = {p.pk: p for group in children.values() for p in group}
    return [by_pk[pk] for pk in found if pk in by_pk]


def site_choice_groups(profiles, root, selected: str = "") -> list[tuple[str, list]]:
    """A group's site filter two levels at a time, as ``[(optgroup label, [profile, …])]``.

    Listing every site flat puts 2,000 villages in one ``<select>`` (阳光三农网). Offered instead: ``root`` and the
    sites directly below it, grouped by kind; then, for the chosen site and each of its ancestors below ``root``,
    the sites directly below it. Choosing a district and submitting the form (no script needed) offers its
    townships and villages next. ``profiles``: ``group_profiles(root)``.
    """
    kinds = list(SiteKind.values)
    children: dict[int | None, list] = {}
    for profile in sorted(profiles, key=lambda p: (kinds.index(p.kind), p.sort_order, p.pk)):
        children.setdefault(profile.parent_id, []).append(profile)
    groups: list[tuple[str, list]] = [(_("本级"), [root])]
    by_kind: dict[str, list] = {}
    for child in children.get(root.pk, []):
        by_kind.setdefault(child.kind, []).append(child)
    groups += [(SiteKind(kind).label, by_kind[kind]) for kind in kinds if kind in by_kind]
    by_pk = {p.pk: p for p in profiles}
    chain, node = [], next((p for p in profiles if p.slug == selected), None)
    while node is not None and node.pk != root.pk:
        chain.append(node)
        node = by_pk.get(node.parent_id)
    for node in reversed(chain):
        if children.get(node.pk):
            groups.append((_("%(site)s下级站点") % {"site": node.display_name}, children[node.pk]))
    return groups
