#!/usr/bin/env python
"""Link checker throughput: pages per second over one seeded site (a district of N articles, each with internal,
cross-site, image, attachment and external links), against a local HTTP server for the external links.

    .venv/bin/python bench/linkcheck_bench.py [--articles 300] [--external-per-page 3]

Three runs: internal links only (the default, offline inspection), external links with an empty day cache, and
external links again (all cached). Writes bench/results/linkcheck.json. See bench/README.md."""

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def setup_django(db: Path):
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "config.settings.dev", "DATABASE_URL": f"sqlite:///{db}", "SITES_PORT": "80"}
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False
    settings.LOGGING_CONFIG = None
    import logging

    logging.getLogger("govsites.access").setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.ERROR)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)


def build(articles: int, external_per_page: int, server_url: str):
    import wagtail_factories
    from django.core.management import call_command
    from tqdm import tqdm

    from demo.factories.home import ArticlePageFactory, column_of
    from demo.factories.sites import credit_code_for
    from sites.services import SiteProvisioner, SiteSpec

    call_command("migrate", interactive=False, verbosity=0)
    provisioner = SiteProvisioner()
    city = provisioner.provision(
        SiteSpec(
            kind="city",
            name="株洲市人民政府",
            slug="zhuzhou",
            hostname="zhuzhou.localhost",
            org_code=credit_code_for(1),
        )
    ).profile
    district = provisioner.provision(
        SiteSpec(
            kind="district",
            name="荷塘区人民政府",
            slug="hetang",
            hostname="hetang.localhost",
            parent="zhuzhou",
            org_code=credit_code_for(2),
        )
    ).profile
    column = column_of(district, "gzdt")
    image = wagtail_factories.ImageFactory(title="配图", collection=district.collection)
    document = wagtail_factories.DocumentFactory(title="附件", collection=district.collection)
    hosts = [server_url, server_url.replace("127.0.0.1", "localhost")]
    for n in tqdm(range(articles), desc="articles", file=sys.stderr):
        external = " ".join(f'<a href="{hosts[i % 2]}/ext/{n}/{i}">外链{i}</a>' for i in range(external_per_page))
        html = (
            f'<p><a href="/gzdt/">栏目</a> <a href="/tzgg/">通知</a> <a href="/no-such-{n % 10}/">坏链</a> '
            f'<a href="http://zhuzhou.localhost/">门户</a> <a linktype="document" id="{document.pk}">附件</a> '
            f"{external}</p>"
        )
        ArticlePageFactory(
            parent=column,
            title=f"测试文章{n}",
            body=[
                {"type": "paragraph", "value": html},
                {"type": "image", "value": {"image": image.pk, "decorative": False, "alt_text": "图"}},
            ],
        )
    return city, district


def seed_chrome_cache(site, server_url):
    """The site's templates link to real hosts (gov.cn 找错, 备案): there is no way out here, so their results go
    into the day cache first and only the local server is contacted."""
    from django.utils import timezone

    from evaluation.links.external import check_key
    from evaluation.links.extractor import LinkKind, group_addresses, render_site
    from evaluation.models import ExternalLinkResult

    local = {server_url.split("//")[1], server_url.split("//")[1].replace("127.0.0.1", "localhost")}
    home = next(iter(render_site(site, group_addresses(), [site.root_page.specific])))
    outside = {check_key(link.url) for link in home.links if link.kind == LinkKind.EXTERNAL and link.host not in local}
    ExternalLinkResult.objects.bulk_create(
        ExternalLinkResult(url=url, ok=True, status=200, checked_at=timezone.now()) for url in outside
    )


def measure(site, **flags):
    from django.db import connection

    from evaluation.links.checker import crawl_site

    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # An execute wrapper, not CaptureQueriesContext: every rendered page's request_started resets connection.queries.
    with connection.execute_wrapper(count):
        started = time.perf_counter()
        crawl = crawl_site(site, **flags)
        seconds = time.perf_counter() - started
    return {
        "pages": len(crawl.pages),
        "links": crawl.links,
        "broken": len(crawl.broken),
        "seconds": round(seconds, 2),
        "pages_per_second": round(len(crawl.pages) / seconds, 1),
        "queries": len(queries),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--external-per-page", type=int, default=3)
    args = parser.parse_args()
    from pytest_httpserver import HTTPServer
    from werkzeug import Response

    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(re.compile(r"^/ext/")).respond_with_response(Response("ok"))  # every external link works
    server.start()
    try:
        with tempfile.TemporaryDirectory(prefix="linkcheck-bench-") as tmp:
            setup_django(Path(tmp) / "bench.sqlite3")
            from django.conf import settings

            settings.MEDIA_ROOT = str(Path(tmp) / "media")
            settings.EVALUATION_LINK_HOST_DELAY = 0  # a local server: politeness delay off, concurrency as set
            _city, district = build(args.articles, args.external_per_page, server.url_for("").rstrip("/"))
            seed_chrome_cache(district.site, server.url_for("").rstrip("/"))
            results = {
                "articles": args.articles,
                "external_per_page": args.external_per_page,
                "internal": measure(district.site),
                "internal_again": measure(district.site),
                "external_cold": measure(district.site, internal=False, external=True),
                "external_cached": measure(district.site, internal=False, external=True),
                "server_requests": len(server.log),
            }
    finally:
        server.clear()
        server.stop()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "linkcheck.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    print(json.dumps(results, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
