from django.core.management.base import BaseCommand, CommandError

from sites.enums import SiteKind
from sites.services import ProvisioningError, SiteSpec, provision_site


class Command(BaseCommand):
    help = "创建网站群站点：站点与档案、首页、标准栏目、编辑/审核组、媒体库与权限（单一事务，可重复执行）。"

    def add_arguments(self, parser):
        parser.add_argument("--kind", required=True, choices=SiteKind.values)
        parser.add_argument("--name", required=True, help="机构名称，如 荷塘区人民政府")
        parser.add_argument("--slug", required=True, help="站点标识，如 hetang")
        parser.add_argument("--hostname", required=True, help="如 hetang.localhost")
        parser.add_argument("--parent", help="上级网站标识，如 zhuzhou")
        parser.add_argument("--port", type=int, help="站点端口（默认取 SITES_PORT）")
        parser.add_argument("--short-name", default="")
        parser.add_argument("--org-code", default="", help="统一社会信用代码（18位）")
        parser.add_argument("--site-code", default="", help="网站标识码（10位）")
        parser.add_argument("--sponsor", default="", help="主办单位（默认同机构名称）")
        parser.add_argument("--icp", default="", help="ICP备案号")
        parser.add_argument("--police-record", default="", help="公安机关备案号")
        parser.add_argument("--default", action="store_true", help="设为默认站点（未知主机名时使用）")
        parser.add_argument("--dry-run", action="store_true", help="只显示将要执行的操作，不写入数据库")

    def handle(self, *args, **options):
        spec = SiteSpec(
            kind=options["kind"],
            name=options["name"],
            slug=options["slug"],
            hostname=options["hostname"].lower(),
            parent=options["parent"],
            port=options["port"],
            short_name=options["short_name"],
            org_code=options["org_code"].upper(),
            site_code=options["site_code"],
            sponsor=options["sponsor"],
            icp_number=options["icp"],
            police_record_number=options["police_record"],
            is_default=options["default"],
        )
        try:
            result = provision_site(spec, dry_run=options["dry_run"])
        except ProvisioningError as exc:
            raise CommandError(str(exc)) from exc
        prefix = "[dry-run] " if options["dry_run"] else ""
        for action in result.actions:
            self.stdout.write(f"{prefix}{action}")
        verb = "将创建" if options["dry_run"] else ("已创建" if result.created else "已是最新")
        self.stdout.write(
            self.style.SUCCESS(f"{prefix}{verb}：{spec.name}（{spec.slug}） {result.profile.site.root_url}/")
        )
