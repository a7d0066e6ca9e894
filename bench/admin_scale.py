"""Admin views at scale: time and query count of every admin view a platform administrator uses (`make bench-admin`).

Runs in process with Django's test client against an already seeded database (``DATABASE_URL``, PostgreSQL for
figures that mean something), e.g.::

    createdb scale
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/scale make seed SCALE=2000
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/scale make bench-admin

Signs in (``force_login``: the login controls are not what is measured) as the platform superuser ``admin`` and
as a site editor (``editor-hetang``), requests each URL ``--repeat`` times and prints a Markdown table: status,
first and median milliseconds, queries. Fails (exit 1) if any view answers a 5xx or its median exceeds
``--budget`` ms (1000). Nothing is written to the database but sessions, unless ``--fill-to N`` is given:

``--fill-to 2053`` tops the group up to N sites with bulk-inserted villages (tests/sites/bulk_sites.py: home page,
profile, staff groups, an editor, a review workflow and task — no columns or content) spread over the districts,
and submits ``--reviews`` (40) seeded village articles to their sites' review workflows, so that the review panel
and the "awaiting review" reports have rows. ``seed_demo --scale 2000`` builds full villages but needs ~1 s a
village alone (docs/performance.md).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"  # DEBUG keeps every query in memory and renders its own error pages

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page, Site, Workflow, WorkflowState  # noqa: E402

from sites.models import SiteProfile  # noqa: E402

HOST = "localhost"


def _busiest_page(exclude_root=True):
    """The page with the most children below the tree root (a portal column or home with hundreds)."""
    pages = Page.objects.filter(depth__gt=1 if exclude_root else 0).order_by("-numchild")
    return pages.first()


def admin_urls():
    root = Page.objects.get(depth=1)
    busiest = _busiest_page()
    profile = SiteProfile.objects.order_by("pk").first()
    workflow = Workflow.objects.order_by("pk").first()
    group_portal = SiteProfile.objects.annotate(n=Count("children")).order_by("-n").select_related("site").first()
    return [
        ("仪表板 dashboard", "/admin/"),
        ("页面浏览 explorer: tree root", f"/admin/pages/{root.pk}/"),
        (f"页面浏览 explorer: busiest page ({busiest.numchild} children)", f"/admin/pages/{busiest.pk}/"),
        ("页面搜索 page search", "/admin/pages/search/?q=政务"),
        ("网站群站点 site profiles list", "/admin/site_profiles/"),
        ("网站群站点 filtered: village", "/admin/site_profiles/?kind=village"),
        ("网站群站点 search", "/admin/site_profiles/?q=村"),
        ("网站群站点 edit", f"/admin/site_profiles/edit/{profile.pk}/"),
        (
            f"网站群站点 edit: {group_portal.slug} ({group_portal.n} children)",
            f"/admin/site_profiles/edit/{group_portal.pk}/",
        ),
        ("网站群站点 inspect", f"/admin/site_profiles/inspect/{profile.pk}/"),
        ("Wagtail sites list", "/admin/sites/"),
        ("网站设置 site settings", f"/admin/settings/sites/sitesettings/{group_portal.site_id}/"),
        ("报告: locked pages", "/admin/reports/locked/"),
        ("报告: workflows", "/admin/reports/workflow/"),
        ("报告: workflows awaiting my review", "/admin/reports/workflow/?reviewable=true"),
        ("报告: workflow tasks", "/admin/reports/workflow_tasks/"),
        ("报告: workflow tasks awaiting my review", "/admin/reports/workflow_tasks/?reviewable=true"),
        ("报告: site history", "/admin/reports/site-history/"),
        ("报告: aging pages", "/admin/reports/aging-pages/"),
        ("报告: page types usage", "/admin/reports/page-types-usage/"),
        ("报告: 安全审计 security events", "/admin/security/events/"),
        ("设置: 登录锁定 lockouts", "/admin/security/lockouts/"),
        ("报告: 政府信息公开统计", "/admin/openinfo/statistics/"),
        ("工作流 workflows list", "/admin/workflows/list/"),
        ("工作流 edit", f"/admin/workflows/edit/{workflow.pk}/"),
        ("工作流 tasks list", "/admin/workflows/tasks/index/"),
        ("工作流 task chooser", "/admin/workflows/task_chooser/"),
        ("用户 users list", "/admin/users/"),
        ("用户组 groups list", "/admin/groups/"),
        ("用户组 edit (site editors)", f"/admin/groups/edit/{profile.editor_group_id}/"),
        ("collections list", "/admin/collections/"),
        ("images", "/admin/images/"),
        ("documents", "/admin/documents/"),
        ("redirects", "/admin/redirects/"),
        ("snippets", "/admin/snippets/"),
        ("page chooser: root", "/admin/choose-page/"),
        ("page chooser: tree root", f"/admin/choose-page/{root.pk}/"),
        ("page chooser: search", "/admin/choose-page/search/?q=村"),
        ("互动 留言办理 message list", "/admin/interaction/questions/"),
        ("互动 答复模板 reply templates", "/admin/interaction/reply-templates/"),
        ("互动 reply template add (site choice)", "/admin/interaction/reply-templates/new/"),
        ("搜索 置顶推荐 promoted", "/admin/search/promoted/"),
        ("搜索 热门搜索管理 hot terms", "/admin/search/hot-terms/"),
    ]


def editor_urls(profile):
    return [
        ("编辑 dashboard", "/admin/"),
        ("编辑 explorer: own home", f"/admin/pages/{profile.site.root_page_id}/"),
        ("编辑 page search", "/admin/pages/search/?q=政务"),
        ("编辑 workflows report", "/admin/reports/workflow/"),
        ("编辑 workflow tasks awaiting review", "/admin/reports/workflow_tasks/?reviewable=true"),
        ("编辑 page chooser", "/admin/choose-page/"),
        ("编辑 留言办理", "/admin/interaction/questions/"),
        ("编辑 reply template add", "/admin/interaction/reply-templates/new/"),
    ]


def fill_to(target, reviews):
    from django.db import transaction

    from tests.sites.bulk_sites import add_bulk_sites

    missing = target - SiteProfile.objects.count()
    districts = list(SiteProfile.objects.filter(kind="district").order_by("pk"))
    per_district = -(-missing // len(districts)) if missing > 0 else 0
    with transaction.atomic():
        for district in districts:
            count = min(per_district, missing)
            if count > 0:
                add_bulk_sites(count, district, prefix=f"{district.slug}-bulk{SiteProfile.objects.count()}")
                missing -= count
        admin = get_user_model().objects.get(username="admin")
        in_review = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        homes = Page.objects.filter(depth=2, slug__contains="-cun-").order_by("path")
        for home in homes[: max(reviews - in_review, 0)]:
            article = Page.objects.descendant_of(home).filter(content_type__model="articlepage").first()
            if article is None:
                continue
            workflow = Workflow.objects.get(workflow_pages__page=home)
            article.specific.save_revision(user=admin)
            workflow.start(article.specific, admin)


def warm_up(client):
    """Import the URLconf and render one small admin page before timing anything.

    A fresh process imports the URLconf (and with it every app's views and API schemas) and compiles the admin's
    base templates on its first request — ~3 s here, paid once per worker at start, not per view. Without this
    the first row (the dashboard) carried it as its "first" time and, with ``--repeat 2``, half of its median.
    """
    client.get("/admin/security/lockouts/", HTTP_HOST=HOST)


def measure(client, url, repeat):
    times, status, queries = [], None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(url, HTTP_HOST=HOST)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            _ = response.content
            times.append((time.perf_counter() - start) * 1000)
        status, queries = response.status_code, len(ctx.captured_queries)
    return status, times[0], statistics.median(times), queries


def run(rows, client, repeat, budget, out):
    failures = []
    for label, url in rows:
        status, first, median, queries = measure(client, url, repeat)
        flag = "" if status < 500 and median <= budget else " ✗"
        if flag:
            failures.append(label)
        out.append(f"| {label} | `{url}` | {status} | {first:.0f} | {median:.0f}{flag} | {queries} |")
        print(out[-1], flush=True)
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--budget", type=float, default=1000.0, help="ms a view's median may take")
    parser.add_argument("--editor", default="editor-hetang")
    parser.add_argument("--fill-to", type=int, default=0, help="top the group up to this many sites (bulk)")
    parser.add_argument("--reviews", type=int, default=40, help="with --fill-to: pages in review")
    parser.add_argument("--only", default="", help="run only rows whose label contains one of these (comma-separated)")
    args = parser.parse_args()

    if args.fill_to:
        start = time.perf_counter()
        fill_to(args.fill_to, args.reviews)
        print(f"filled to {args.fill_to} sites in {time.perf_counter() - start:.1f} s", flush=True)
    users = get_user_model().objects
    sites = Site.objects.count()
    print(f"{connection.vendor}: {sites} sites, {Page.objects.count()} pages, {users.count()} users", flush=True)
    print("| view | URL | status | first ms | median ms | queries |\n|---|---|---|---|---|---|", flush=True)
    out, failures = [], []
    admin = Client()
    admin.force_login(users.get(username="admin"))
    only = [word for word in args.only.split(",") if word] or [""]
    warm_up(admin)
    rows = [r for r in admin_urls() if any(word in r[0] for word in only)]
    failures += run(rows, admin, args.repeat, args.budget, out)
    editor_user = users.get(username=args.editor)
    profile = SiteProfile.objects.select_related("site").get(slug=args.editor.removeprefix("editor-"))
    editor = Client()
    editor.force_login(editor_user)
    rows = [r for r in editor_urls(profile) if any(word in r[0] for word in only)]
    failures += run(rows, editor, args.repeat, args.budget, out)
    if failures:
        print(f"\n{len(failures)} over budget or 5xx: {', '.join(failures)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
