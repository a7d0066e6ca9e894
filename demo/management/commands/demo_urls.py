from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from demo.home.users import demo_password
from sites.enums import SiteKind
from sites.models import SiteProfile

SHOWN_PER_KIND = 12


class Command(BaseCommand):
    help = "列出网站群各站点的访问地址和演示账号。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=None, help="显示地址时使用的端口（默认取站点端口）")
        parser.add_argument("--all", action="store_true", help="列出全部站点（默认每类最多显示12个）")

    def handle(self, *args, **options):
        kind_order = {kind: i for i, kind in enumerate(SiteKind.values)}
        profiles = sorted(
            SiteProfile.objects.with_site(), key=lambda p: (kind_order.get(p.kind, 99), p.sort_order, p.pk)
        )
        if not profiles:
            self.stdout.write("尚无站点：运行 make seed 或 manage.py seed_demo 生成演示网站群。")
            return
        port = options["port"]
        shown: dict[str, int] = {}
        self.stdout.write(self.style.MIGRATE_HEADING("网站群站点："))
        for profile in profiles:
            shown[profile.kind] = shown.get(profile.kind, 0) + 1
            if not options["all"] and shown[profile.kind] > SHOWN_PER_KIND:
                continue
            site = profile.site
            site_port = port or site.port
            url = f"http://{site.hostname}" + ("" if site_port == 80 else f":{site_port}") + "/"
            default = "  （默认站点，也可访问 http://localhost" + ("" if site_port == 80 else f":{site_port}") + "/）"
            self.stdout.write(
                f"  [{profile.get_kind_display()}] {profile.org_name:<20} {url}"
                + (default if site.is_default_site else "")
            )
        hidden = sum(max(0, n - SHOWN_PER_KIND) for n in shown.values()) if not options["all"] else 0
        if hidden:
            self.stdout.write(f"  …… 另有 {hidden} 个站点（--all 显示全部）")
        admin_port = port or profiles[0].site.port
        self.stdout.write(self.style.MIGRATE_HEADING("管理后台：") + f" http://localhost:{admin_port}/admin/")
        users = get_user_model().objects
        if users.filter(username="admin").exists():
            self.stdout.write(
                f"  演示账号：admin / {demo_password()}（超级管理员）；"
                f"editor-<站点标识> / {demo_password()}（各站点编辑，如 editor-hetang）；"
                "审核人员 reviewer-（初审）、rechecker-（复审）、signer-（终审签发）+<站点标识>，如 signer-hetang"
            )
