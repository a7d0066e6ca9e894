"""``manage.py seed_demo``: the deterministic demo website group (株洲 and 常德, from the seed documents).

Dates are relative to the day the command runs: article 发布时间 are offsets from today's local midnight, so the
same ``--seed`` gives the same sites, titles and relative dates on any day. Logic lives in ``demo.home``.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.evaluation import seed_demo_words
from demo.evaluation.defects import DEFECTS, plant_defects
from demo.home.cleanup import DemoDeleteError, delete_demo
from demo.home.seeder import DemoSeeder, summarise
from demo.home.users import demo_password
from demo.openinfo.annual import seed_annual_reports
from demo.syndication import seed_syndication
from sites.enums import SiteKind
from sites.models import SiteProfile
from sites.services import ProvisioningError


class Command(BaseCommand):
    help = (
        "创建演示网站群（株洲、常德两市门户及其区县、部门、专题站点，内容取自种子文档）。可重复执行，不会重复创建。"
        "文章发布时间相对于执行当天计算。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="随机种子（默认 1）：相同种子生成相同的标题和相对日期")
        parser.add_argument("--scale", type=int, default=0, help="另外创建 N 个村（社区）站点，轮流挂在各区县门户下")
        parser.add_argument(
            "--delete", action="store_true", help="删除全部演示站点及其页面、用户组、媒体库、工作流和编辑账号"
        )
        parser.add_argument("--if-empty", action="store_true", help="已有任何站点档案时什么也不做（供 make run 使用）")
        parser.add_argument(
            "--no-defects",
            action="store_true",
            help=f"不预置供网站健康检查演示的 {len(DEFECTS)} 个问题（见 docs/evaluation.md“演示数据中的预置问题”）",
        )

    def handle(self, *args, **options):
        if not getattr(settings, "DEMO_SEED_ALLOWED", False):
            # The demo creates `admin` and an editor per site with a published password (issue 11).
            raise CommandError("seed_demo 只能在开发或测试环境运行：当前设置不允许生成演示数据（DEMO_SEED_ALLOWED）")
        self.verbosity = options["verbosity"]
        if options["scale"] < 0:
            raise CommandError("--scale 不能为负数")
        if options["delete"]:
            return self.delete()
        if options["if_empty"] and SiteProfile.objects.exists():
            self.say("已有站点，跳过演示数据（如需重建：seed_demo --delete 后再执行 seed_demo）。")
            return
        started = time.monotonic()
        seeder = DemoSeeder(seed=options["seed"], scale=options["scale"], progress=options["verbosity"] > 0)
        try:
            report = seeder.run()
        except ProvisioningError as exc:
            raise CommandError(f"创建站点失败：{exc}") from exc
        # Last year's 政府信息公开工作年度报告 count every site's applications, transfers included: after the group.
        annual = seed_annual_reports(seeder.anchor.year - 1, options["seed"])
        syndication = seed_syndication()  # 信息报送 and 稿件共享 (issue 14): needs every site's articles
        words = seed_demo_words()  # 错敏词 dictionary and the demo leaders (evaluation, issue 12)
        # The planted defects need the dictionary (the wording defect) and the whole group in place.
        planted = [] if options["no_defects"] else plant_defects(seeder.anchor)
        elapsed = time.monotonic() - started
        self.say(
            self.style.SUCCESS(
                f"演示数据完成（{elapsed:.1f} 秒）：新建站点 {report.sites_created + report.villages_created} 个"
                f"（其中 --scale 村/社区 {report.villages_created} 个），已存在 {report.sites_existing} 个，"
                f"新建文章 {report.articles_created + report.villages_created} 篇，"
                f"办事指南 {report.guides_created} 项。"
            )
        )
        self.say(f"错敏词词典：新增 {words.created} 条。")
        self.say(
            f"信息报送：报送 {syndication.submitted} 篇，采用 {syndication.adopted} 篇，"
            f"退回 {syndication.returned} 篇；共享到下级网站栏目 {syndication.shared} 处。"
        )
        self.say(f"政府信息公开工作年度报告：发布 {seeder.anchor.year - 1} 年度 {annual} 份。")
        if planted:
            self.say(f"预置问题 {len(planted)} 个（网站健康检查演示）：{'、'.join(planted)}")
        self.print_summary()

    def delete(self):
        try:
            counts = delete_demo()
        except DemoDeleteError as exc:
            raise CommandError(str(exc)) from exc
        self.say(self.style.SUCCESS(f"已删除演示站点 {counts['sites']} 个、页面 {counts['pages']} 个。"))

    def say(self, message: str) -> None:
        if self.verbosity > 0:  # -v0: errors only, for scripts
            self.stdout.write(message)

    def print_summary(self):
        if not self.verbosity:
            return
        summary = summarise(demo_password())
        kinds = "，".join(f"{SiteKind(kind).label} {n}" for kind, n in summary.sites_by_kind.items())
        self.stdout.write(f"站点：{kinds}")
        self.stdout.write(f"页面 {summary.pages} 个（文章 {summary.articles} 篇），用户 {summary.users} 个")
        for name, url in summary.portal_urls:
            self.stdout.write(f"  {name}：{url}")
        logins = " / ".join(summary.sample_editors)
        roles = "编辑 editor-<站点标识> 及各审核环节的 reviewer-/rechecker-/signer-<站点标识>"
        self.stdout.write(f"演示账号：{logins}（每个站点都有{roles}），密码：{summary.password}")
