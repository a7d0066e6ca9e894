from django.core.management.base import BaseCommand, CommandError

from openinfo.conversion import ConversionRefused, candidates, convert
from sites.models import SiteProfile


class Command(BaseCommand):
    help = (
        "把已有站点“政府信息公开”栏目下的 政府信息公开指南（zn）、政府信息公开制度（zd）普通页面转换为结构化页面类型，"
        "保留页面地址、标识、标题、正文与发布状态（可重复执行）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--site", action="append", dest="sites", metavar="SLUG", help="只转换这些站点（可多次指定）"
        )
        parser.add_argument("--dry-run", action="store_true", help="只列出将要转换的页面，不写入数据库")

    def handle(self, *args, **options):
        roots = None
        if options["sites"]:
            profiles = list(SiteProfile.objects.filter(slug__in=options["sites"]).select_related("site__root_page"))
            unknown = sorted(set(options["sites"]) - {p.slug for p in profiles})
            if unknown:
                raise CommandError(f"未知的站点标识：{'、'.join(unknown)}")
            roots = [p.site.root_page for p in profiles]
        found = candidates(roots)
        refused = 0
        for candidate in found:
            if options["dry_run"]:
                self.stdout.write(f"[dry-run] 将转换 {candidate.describe()}")
                continue
            try:
                convert(candidate)
            except ConversionRefused as exc:
                refused += 1
                self.stderr.write(f"未转换：{exc}")
                continue
            self.stdout.write(f"已转换 {candidate.describe()}")
        done = len(found) - refused
        verb = "将转换" if options["dry_run"] else "已转换"
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(found) if options['dry_run'] else done} 个页面"))
        if refused:
            raise CommandError(f"{refused} 个页面有未发布的修改，未转换")
