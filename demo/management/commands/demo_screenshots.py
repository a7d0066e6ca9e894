"""Screenshots of one home page per site kind, desktop and phone, into docs/screenshots/ (issue 15).

Run against a server that serves the seeded demo group (``make run`` in another terminal, or any URL given with
--base-port), with the machine's Chromium (Debian package ``chromium``, driven by Playwright — never downloaded):

    .venv/bin/python manage.py demo_screenshots            # http://<site>.localhost:8000/
    .venv/bin/python manage.py demo_screenshots --port 8123

Each picture is the first 1,600 px of the page (the header, the navigation and the home sections a visitor sees
first), so the files stay small enough to keep in the repository.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sites.enums import SiteKind
from sites.models import SiteProfile

WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
CLIP_HEIGHT = 1600
OUT = Path(settings.BASE_DIR) / "docs" / "screenshots"


class Command(BaseCommand):
    help = "为每类站点首页截取桌面端和手机端截图，保存到 docs/screenshots/（需先运行 make run）。"

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="演示服务器端口（默认 8000）")
        parser.add_argument("--chromium", default=shutil.which("chromium") or "", help="Chromium 可执行文件路径")

    def handle(self, *args, port, chromium, **options):
        if not chromium:
            raise CommandError("未找到 Chromium：apt-get install chromium，或用 --chromium 指定路径。")
        from playwright.sync_api import sync_playwright

        sites = self.one_site_per_kind()
        if not sites:
            raise CommandError("尚无站点：先运行 make run（或 manage.py seed_demo）。")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"], headless=True)
            for kind, profile in sites:
                url = f"http://{profile.site.hostname}:{port}/"
                for label, (width, height) in WIDTHS.items():
                    page = browser.new_page(viewport={"width": width, "height": height})
                    page.goto(url, wait_until="networkidle")
                    full = page.evaluate("document.documentElement.scrollHeight")
                    path = OUT / f"home-{kind}-{label}.png"
                    clip = {"x": 0, "y": 0, "width": width, "height": min(full, CLIP_HEIGHT)}
                    page.screenshot(path=path, full_page=True, clip=clip)
                    page.close()
                    self.stdout.write(f"{path.relative_to(settings.BASE_DIR)}  ← {url}")
            browser.close()

    def one_site_per_kind(self):
        found = []
        for kind in SiteKind.values:
            profile = SiteProfile.objects.with_site().filter(kind=kind).order_by("sort_order", "pk").first()
            if profile is not None:
                found.append((kind, profile))
        return found
