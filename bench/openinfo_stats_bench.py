#!/usr/bin/env python
"""Disclosure statistics at scale: time and queries for the whole group (10 + N disclosing sites) against the
same computation for 10 sites, in one run. See bench/README.md."""

import argparse
import datetime
import json
import os
import random
import statistics as stats_lib
import subprocess
import sys
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

    # Wagtail's SQLite search backend scans every index entry on each page save (AVG(LENGTH(title))), which makes
    # building tens of thousands of pages quadratic; statistics do not read the search index.
    settings.WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False


def build(scale: int, docs_per_site: int, seed: int):
    from tqdm import tqdm

    from core.calendar_seed import seed_calendar
    from demo.factories.sites import credit_code_for
    from openinfo.catalogue import categories_for_kind
    from openinfo.models import DisclosureCategoryPage, DisclosureDocumentPage, allocate_index_number
    from sites.services import SiteProvisioner, SiteSpec

    seed_calendar()
    rng = random.Random(seed)
    full = SiteProvisioner()
    full.provision(
        SiteSpec(
            kind="city",
            name="株洲市人民政府",
            slug="zhuzhou",
            hostname="zhuzhou.localhost",
            org_code=credit_code_for(1),
        )
    )
    districts = ["hetang", "lusong", "shifeng", "tianyuan", "lukou", "liling", "youxian", "chaling", "yanling"]
    for i, slug in enumerate(districts, start=2):
        full.provision(
            SiteSpec(
                kind="district",
                name=f"{slug}区",
                slug=slug,
                hostname=f"{slug}.localhost",
                parent="zhuzhou",
                org_code=credit_code_for(i),
            )
        )
    light = SiteProvisioner(with_workflow=False)
    profiles = []
    for i in tqdm(range(scale), desc="township sites", file=sys.stderr):
        district = districts[i % len(districts)]
        slug = f"{district}-town-{i:04d}"
        profiles.append(
            light.provision(
                SiteSpec(
                    kind="township",
                    name=f"{district}第{i}街道",
                    slug=slug,
                    hostname=f"{slug}.localhost",
                    parent=district,
                    org_code=credit_code_for(1000 + i),
                )
            ).profile
        )
    today = datetime.date.today()
    codes = [c.code for c in categories_for_kind("township")]
    for profile in tqdm(profiles, desc="documents", file=sys.stderr):
        columns = {c.category: c for c in DisclosureCategoryPage.objects.descendant_of(profile.site.root_page)}
        for n in range(docs_per_site):
            published = today - datetime.timedelta(days=rng.randint(1, 700))
            doc = DisclosureDocumentPage(
                title=f"{profile.org_name}公开信息{n}",
                slug=f"d{n}",
                live=True,
                subject="综合政务",
                written_on=published - datetime.timedelta(days=rng.randint(0, 40)),
                published_on=published,
                index_number=allocate_index_number(profile.org_code, published.year),
                host_site=profile,
                publisher=profile,
            )
            columns[rng.choice(codes)].add_child(instance=doc)


def measure(profiles, year, repeats=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from openinfo.statistics import disclosure_statistics

    disclosure_statistics(profiles, year)  # warm caches (calendar)
    timings = []
    for _ in range(repeats):
        connection.queries_log.clear()  # the build filled the bounded log; counts need room
        started = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            disclosure_statistics(profiles, year)
        timings.append(time.perf_counter() - started)
    return {"sites": len(profiles), "median_s": round(stats_lib.median(timings), 4), "queries": len(ctx)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--docs-per-site", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    db = RESULTS / "openinfo.sqlite3"
    db.unlink(missing_ok=True)
    setup_django(db)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )
    started = time.time()
    build(args.scale, args.docs_per_site, args.seed)
    built = round(time.time() - started, 1)

    from openinfo.models import DisclosureDocumentPage
    from openinfo.statistics import disclosing_profiles

    everyone = disclosing_profiles()
    year = datetime.date.today().year
    small, whole = measure(everyone[:10], year), measure(everyone, year)
    result = {
        "build_seconds": built,
        "documents": DisclosureDocumentPage.objects.count(),
        "year": year,
        "ten_sites": small,
        "whole_group": whole,
        "ratio": round(whole["median_s"] / small["median_s"], 1) if small["median_s"] else None,
    }
    (RESULTS / "openinfo.json").write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(
        f"| sites | median time | queries |\n|---|---|---|\n| {small['sites']} | {small['median_s']} s | "
        f"{small['queries']} |\n| {whole['sites']} | {whole['median_s']} s | {whole['queries']} |"
    )
    print(f"documents: {result['documents']}; build {built} s; whole/10 time ratio {result['ratio']}×")
    if whole["queries"] != small["queries"]:
        sys.exit("query count grew with the number of sites")
    if whole["median_s"] > 1.0:
        sys.exit("whole-group statistics took more than 1 s")


if __name__ == "__main__":
    main()
