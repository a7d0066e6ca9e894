"""Give sites built before issue 13 their 依申请公开 page: the blueprint now makes ``ysqgk`` an
``openinfo.ApplicationPage``, but re-running ``create_site`` only adds missing pages — it never changes a page's
type. For every 政府信息公开 section whose ``ysqgk`` is still another page type, this command adds an
ApplicationPage in its place (same title, same position, slug ``ysqgk``; the old page's text as the organ's intro)
and keeps the old page, unpublished, under the slug ``ysqgk-old``: nothing an editor wrote is lost. A section that
already has an ApplicationPage is left alone, so the command can run again at every deployment.
"""

from django.core.management.base import BaseCommand
from django.db import transaction

from core.plaintext import stream_text
from openinfo.models import ApplicationPage, DisclosureIndexPage

OLD_SLUG = "ysqgk-old"


class Command(BaseCommand):
    help = "把各站点政府信息公开专栏中的“依申请公开”页面升级为在线申请页面（保留原页面为未发布）"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="只列出将升级的站点，不做修改")

    def handle(self, *args, dry_run=False, **options):
        upgraded = 0
        for section in DisclosureIndexPage.objects.all():
            if ApplicationPage.objects.child_of(section).exists():
                continue
            old = section.get_children().filter(slug="ysqgk").first()
            if old is None:
                continue
            self.stdout.write(
                f"{section.get_site() or section.title}：{'将升级' if dry_run else '升级'} {old.url_path}"
            )
            if not dry_run:
                upgrade(section, old.specific)
            upgraded += 1
        self.stdout.write(f"{'将升级' if dry_run else '已升级'} {upgraded} 个依申请公开页面。")


@transaction.atomic
def upgrade(section, old) -> ApplicationPage:
    body = getattr(old, "body", None)
    intro = stream_text(body) if body is not None else ""
    old.slug, old.title = OLD_SLUG, f"{old.title}（原页面）"
    old.save_revision().publish()  # the renamed copy is what its history shows
    old.unpublish()
    page = ApplicationPage(title=old.title.removesuffix("（原页面）"), slug="ysqgk", intro=intro, live=True)
    section.add_child(instance=page)
    page.move(old, pos="left")  # where the old page stood in the section's menu
    return page
