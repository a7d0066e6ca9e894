"""``seed_demo --delete``: remove the demo group and nothing else.

Demo sites are recognised by the slugs in ``data/group_*.toml`` plus the village slug pattern. For each one this
removes its page subtree (which takes the Wagtail Site, the profile, the site settings and the page/site
permissions with it), its editor and reviewer groups, media collection, review workflow and task, its
``editor-<slug>`` user and the audit-log rows of its pages. The ``admin`` superuser is kept. Other apps delete their
own rows that protect a site (messages …) on ``demo.signals.demo_sites_deleting``.
"""

import operator
from functools import reduce

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, Page, PageLogEntry, Task, Workflow

from demo.signals import demo_sites_deleting
from sites.enums import SiteKind
from sites.models import ReviewStepTask, SiteProfile

from . import data
from .users import demo_usernames
from .villages import village_slug_pattern

# Children before parents: SiteProfile.parent is PROTECT.
DELETE_ORDER = (
    SiteKind.VILLAGE,
    SiteKind.TOWNSHIP,
    SiteKind.TOPIC,
    SiteKind.DEPARTMENT,
    SiteKind.DISTRICT,
    SiteKind.CITY,
)
CHUNK = 100  # keeps the OR-ed path conditions well inside SQLite's expression-depth limit


class DemoDeleteError(Exception):
    pass


def demo_profiles():
    slugs = [site.slug for site in data.all_sites()]
    return SiteProfile.objects.filter(Q(slug__in=slugs) | Q(slug__regex=village_slug_pattern()))


def workflow_name(profile: SiteProfile) -> str:
    return f"{profile.org_name}（{profile.slug}）"  # as sites.services names a site's review workflow


def _delete_chunk(profiles: list[SiteProfile]) -> int:
    homes = Page.objects.filter(pk__in=[p.site.root_page_id for p in profiles])
    subtree = reduce(operator.or_, (Q(path__startswith=path) for path in homes.values_list("path", flat=True)), Q())
    page_ids = list(Page.objects.filter(subtree).values_list("pk", flat=True)) if subtree else []
    group_ids = [gid for p in profiles for gid in (p.editor_group_id, p.reviewer_group_id) if gid]
    step_groups = ReviewStepTask.objects.filter(site__in=[p.pk for p in profiles]).values_list("groups", flat=True)
    group_ids += [gid for gid in step_groups if gid]
    collection_ids = [p.collection_id for p in profiles if p.collection_id]
    names = [workflow_name(p) for p in profiles]

    PageLogEntry.objects.filter(page_id__in=page_ids).delete()
    demo_sites_deleting.send(sender=SiteProfile, profiles=profiles)
    homes.delete()  # treebeard removes whole subtrees; Site, SiteProfile and SiteSettings cascade
    Group.objects.filter(pk__in=group_ids).delete()
    Collection.objects.filter(pk__in=collection_ids).delete()
    Task.objects.filter(name__in=[f"{name} · 审核" for name in names]).delete()
    Workflow.objects.filter(name__in=names).delete()
    get_user_model().objects.filter(username__in=demo_usernames(profiles)).delete()
    return len(page_ids)


def delete_demo() -> dict[str, int]:
    profiles = list(demo_profiles().select_related("site"))
    ids = {p.pk for p in profiles}
    strangers = SiteProfile.objects.filter(parent_id__in=ids).exclude(pk__in=ids)
    if strangers.exists():
        listed = "、".join(f"{p.org_name}（{p.slug}）" for p in strangers[:10])
        raise DemoDeleteError(f"以下非演示站点挂在演示站点下，请先移走或删除：{listed}")
    counts = {"sites": 0, "pages": 0}
    for kind in DELETE_ORDER:
        of_kind = [p for p in profiles if p.kind == kind]
        for start in range(0, len(of_kind), CHUNK):
            chunk = of_kind[start : start + CHUNK]
            with transaction.atomic():
                counts["pages"] += _delete_chunk(chunk)
            counts["sites"] += len(chunk)
    return counts
