"""Runs the demo seed: the group from the data files, then ``--scale`` villages, then a summary."""

import random
import sys
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import translation
from tqdm import tqdm
from wagtail.models import Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.signals import demo_site_seeded
from home.models import ArticlePage
from sites.models import SiteProfile
from sites.services import SiteProvisioner

from . import content, data, illustrations, projects, provision
from .indexing import deferred_search_index, page_models
from .users import ADMIN_USERNAME, DemoUsers, editor_username
from .villages import seed_villages


@dataclass
class SeedReport:
    sites_created: int = 0
    sites_existing: int = 0
    articles_created: int = 0
    guides_created: int = 0
    villages_created: int = 0
    admin_created: bool = False


def site_rng(seed: int, slug: str) -> random.Random:
    """Each site draws from its own generator (derived from ``--seed`` and the slug), so a site's titles and
    dates do not depend on which other sites were seeded before it or already existed."""
    return random.Random(f"{seed}:{slug}")


class DemoSeeder:
    def __init__(self, *, seed: int = 1, scale: int = 0, progress: bool = True, password: str | None = None):
        self.seed = seed
        self.scale = scale
        self.progress = progress
        self.users = DemoUsers(password)
        self.anchor = content.local_midnight()
        self.report = SeedReport()

    def notify(self, profile: SiteProfile, rng: random.Random, created: bool) -> None:
        demo_site_seeded.send(sender=DemoSeeder, profile=profile, rng=rng, created=created)

    def run(self) -> SeedReport:
        # Translated fields (title, intro, body …) are written through the default language's columns.
        with translation.override(settings.LANGUAGE_CODE):
            self.report.admin_created = self.users.ensure_admin()
            self.seed_group()
            with transaction.atomic():
                illustrations.illustrate_group()  # pictures for the portals' lead stories (drawn, not fetched)
            if self.scale:
                self.report.villages_created = seed_villages(
                    self.scale,
                    self.seed,
                    self.anchor,
                    self.users,
                    self.notify,
                    progress=self.progress,
                )
        return self.report

    def seed_group(self) -> None:
        provisioner = SiteProvisioner()
        entries = data.all_sites()
        bar = tqdm(entries, desc="演示站点", unit="站", file=sys.stderr, disable=not self.progress)
        # Same speed-ups as the village batches (see villages.py): search indexing in bulk after each site's
        # commit, and the reference index written once per profile (demo pages reference nothing).
        with disable_reference_index_auto_update(), deferred_search_index(page_models()) as index:
            for entry in bar:
                with transaction.atomic():
                    profile = self.seed_site(entry, provisioner)
                    ReferenceIndex.create_or_update_for_object(profile)
                index.flush()

    def seed_site(self, entry: data.SiteEntry, provisioner: SiteProvisioner) -> SiteProfile:
        profile, created = provision.provision(provision.spec_for(entry), provisioner)
        if created:
            self.report.sites_created += 1
        else:
            self.report.sites_existing += 1
        provision.fill_profile_translations(profile, entry)
        provision.apply_settings(profile, entry)
        rng = site_rng(self.seed, entry.slug)
        home = profile.site.root_page.specific
        self.report.articles_created += content.seed_site_content(
            home,
            entry,
            data.group_of(entry.group),
            rng,
            self.anchor,
        )
        self.report.guides_created += content.seed_guides(home, entry, data.group_of(entry.group), self.anchor)
        projects.seed_projects(home, entry.slug)  # 专题 重点项目 (data/projects.toml); most sites have none
        self.users.ensure_editor(profile)
        self.notify(profile, rng, created)
        return profile


@dataclass(frozen=True)
class GroupSummary:
    sites_by_kind: dict[str, int]
    pages: int
    articles: int
    users: int
    portal_urls: list[tuple[str, str]]
    sample_editors: list[str]
    password: str


def summarise(password: str) -> GroupSummary:
    """Counts of what is now in the database (all sites, not only the ones this run created)."""
    by_kind = dict(SiteProfile.objects.values_list("kind").annotate(n=Count("pk")).order_by("kind"))
    portals = []
    for group in data.groups():
        profile = SiteProfile.objects.select_related("site").filter(slug=group.slug).first()
        if profile is not None:
            portals.append((profile.org_name, f"{profile.site.root_url}/"))
    first_district = next((d.slug for g in data.groups() for d in g.districts), None)
    samples = [editor_username(slug) for slug in (data.groups()[0].slug, first_district) if slug]
    return GroupSummary(
        sites_by_kind=by_kind,
        pages=Page.objects.filter(depth__gt=1).count(),
        articles=ArticlePage.objects.count(),
        users=get_user_model().objects.count(),
        portal_urls=portals,
        sample_editors=[ADMIN_USERNAME, *samples],
        password=password,
    )
