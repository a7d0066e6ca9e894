"""``seed_demo --scale N``: N village/community sites (kind ``village``) round-robin under the district sites.

Slugs are ``<district>-cun-0001`` …; names come from each district's own seeded shuffle of the syllables in
``data/villages.toml``. Each village gets the full site-factory treatment (profile, home, blueprint columns,
groups, collection, permissions, review workflow), its settings, one article and an ``editor-<slug>`` login.

Speed (2000 villages must be quick on SQLite), all without touching ``sites``:
- villages are committed in batches of ``BATCH`` instead of one transaction each (fewer fsyncs);
- search indexing is deferred and done in bulk per batch (``indexing.py``);
- the reference index is not updated on every save: village pages reference nothing, and each profile (which
  references its parent, groups and collection) is indexed once per batch instead of on each of its saves;
- editor users are bulk-created with one shared password hash (``users.py``);
- villages are provisioned in the sort order of their media-collection names. Wagtail keeps collections sorted
  by name (treebeard ``node_order_by``), so inserting one in the middle rewrites the path of every later
  sibling — quadratic over 2000 sites. In name order each insert lands at (or near) the end.
"""

import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from tqdm import tqdm
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from demo.factories.home import column_of
from sites.enums import SiteKind
from sites.models import SiteProfile, SiteSettings
from sites.services import SiteProvisioner, SiteSpec

from . import codes, content, data
from .indexing import deferred_search_index, page_models
from .provision import fill_settings, hostname_for
from .users import DemoUsers

BATCH = 100
SLUG_INFIX = "-cun-"


def village_slug_pattern() -> str:
    """Regex matching every village slug this module can generate (used by --delete)."""
    districts = "|".join(re.escape(d.slug) for g in data.groups() for d in g.districts)
    return rf"^({districts}){SLUG_INFIX}\d{{4,}}$"


@dataclass(frozen=True)
class Village:
    district: data.SiteEntry
    number: int  # 1-based within the district
    name: str  # 金塘村 / 金塘社区

    @property
    def slug(self) -> str:
        return f"{self.district.slug}{SLUG_INFIX}{self.number:04d}"

    @property
    def org_name(self) -> str:
        return f"{self.district.short_name}{self.name}"

    @property
    def committee(self) -> str:
        return f"{self.name}{'居民委员会' if self.name.endswith('社区') else '村民委员会'}"

    @property
    def collection_name(self) -> str:
        return f"{self.org_name}（{self.slug}）"  # how SiteProvisioner names the site's collection

    def spec(self) -> SiteSpec:
        serial = codes.VILLAGE_SERIAL_BASE + self.number
        # No ICP/公安 numbers: village pages are published under their district portal's registration.
        return SiteSpec(
            kind=SiteKind.VILLAGE.value,
            name=self.org_name,
            slug=self.slug,
            hostname=hostname_for(self.slug),
            parent=self.district.slug,
            port=settings.SITES_DEFAULT_PORT,
            short_name=self.name,
            org_code=codes.org_code(self.district.region, serial),
            site_code=codes.site_code(self.district.region, serial),
            sponsor=self.committee,
            sort_order=self.number,
        )


def district_names(district_slug: str, count: int, seed: int) -> list[str]:
    words = data.village_words()
    combos = [a + b for a in words.first for b in words.second]
    random.Random(f"{seed}:{district_slug}:villages").shuffle(combos)
    names = []
    for k in range(count):
        base, round_ = combos[k % len(combos)], k // len(combos)
        if round_:
            base += words.ordinals[round_ - 1] if round_ <= len(words.ordinals) else str(round_ + 1)
        names.append(base + ("社区" if k % words.community_every == words.community_every - 1 else "村"))
    return names


def plan(scale: int, seed: int) -> list[Village]:
    districts = [d for g in data.groups() for d in g.districts]
    per_district = -(-scale // len(districts))
    names = {d.slug: district_names(d.slug, per_district, seed) for d in districts}
    villages = []
    for i in range(scale):
        district, number = districts[i % len(districts)], i // len(districts) + 1
        villages.append(Village(district=district, number=number, name=names[district.slug][number - 1]))
    return villages


def _seed_one(village: Village, provisioner: SiteProvisioner, seed: int, anchor, notify: Callable) -> SiteProfile:
    result = provisioner.provision(village.spec())
    profile = result.profile
    district = village.district
    fill_settings(
        SiteSettings.objects.get(site_id=profile.site_id),
        organizer=village.committee,
        address=f"{district.address}{village.name}",
        postcode=district.postcode,
        phone=district.phone,
        email=f"{village.slug}@example.gov.cn",
        theme_colour=district.theme_colour,
    )
    rng = random.Random(f"{seed}:{village.slug}")
    templates = data.village_words().articles.get(district.group, ())
    if templates:
        text = rng.choice(templates)
        # Its only article is recent, so the village's home page is fresh on the seed day (首页不更新); its two
        # other columns stay empty (two 空白栏目 warnings, below the site-level line of 3: one article keeps
        # --scale 2000 quick).
        when = content.fresh_moment(rng, anchor, content.HOME_FRESH_DAYS)
        group = data.group_of(district.group)
        context = {
            "short": village.name,
            "org": village.org_name,
            "district": district.short_name,
            "city": group.city,
            "city_short": group.city_short,
            "committee": village.committee,
            "office": village.committee,
            "year": str(when.year),
        }
        fields = content.article_fields(
            text, context, default_source=village.committee, default_author=village.committee
        )
        planned = content.PlannedArticle(text=text, publish_at=when, slug=f"t{when:%Y%m%d}_001")
        content.create_article(column_of(profile, text.column), planned, fields)
    notify(profile, rng, result.created)
    return profile


def seed_villages(scale: int, seed: int, anchor, users: DemoUsers, notify: Callable, *, progress=True) -> int:
    """Create the villages that do not exist yet; returns how many were created."""
    villages = plan(scale, seed)
    existing = set(SiteProfile.objects.filter(slug__regex=village_slug_pattern()).values_list("slug", flat=True))
    todo = sorted((v for v in villages if v.slug not in existing), key=lambda v: v.collection_name)
    provisioner = SiteProvisioner()
    bar = tqdm(
        total=len(villages),
        initial=len(villages) - len(todo),
        desc="村（社区）站点",
        unit="站",
        file=sys.stderr,
        disable=not progress,
        mininterval=0.5,
    )
    with disable_reference_index_auto_update(), deferred_search_index(page_models()) as index:
        for start in range(0, len(todo), BATCH):
            with transaction.atomic():
                profiles = []
                for village in todo[start : start + BATCH]:
                    profiles.append(_seed_one(village, provisioner, seed, anchor, notify))
                    bar.update()
                users.bulk_create_editors(profiles)
                for profile in profiles:
                    ReferenceIndex.create_or_update_for_object(profile)
            index.flush()
    bar.close()
    return len(todo)
