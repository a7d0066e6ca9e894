"""Bring existing sites' review workflows in line with their kind's [workflow] steps (sites/blueprints/<kind>.toml).

Idempotent: a second run changes nothing. Sites created before per-kind workflows had one 审核 task; this replaces it
by the kind's steps (its in-progress reviews are cancelled by Wagtail and must be resubmitted — run it when no review
is pending, or tell the editors).
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from sites.blueprint import load_blueprint
from sites.models import SiteProfile
from sites.permissions import ensure_site_workflow


class Command(BaseCommand):
    help = "按网站类型的审核环节（sites/blueprints/<类型>.toml 的 [workflow]）同步各站点的审核流程与审核组（可重复）。"

    def add_arguments(self, parser):
        parser.add_argument("--site", action="append", default=[], help="只同步这些站点标识（可重复）；默认全部")

    def handle(self, *args, **options):
        profiles = SiteProfile.objects.with_site().select_related("collection", "reviewer_group").order_by("pk")
        if options["site"]:
            profiles = profiles.filter(slug__in=options["site"])
        changed = 0
        for profile in profiles.iterator(chunk_size=200):
            if profile.reviewer_group is None or profile.collection is None:
                self.stderr.write(f"跳过 {profile.slug}：缺少审核组或媒体库，请先重新运行 create_site")
                continue
            with transaction.atomic():
                actions = ensure_site_workflow(
                    profile, home=profile.site.root_page, steps=load_blueprint(profile.kind).workflow
                )
            if actions:
                changed += 1
                self.stdout.write(f"{profile.slug}：{'；'.join(actions)}")
        self.stdout.write(f"已同步 {changed} 个站点的审核流程" if changed else "审核流程已是最新")
