"""Inspection at scale: time and queries per site of every offline check, and what the checks find.

Runs in process against an already seeded database (the development SQLite of ``make run``, or ``DATABASE_URL``)::

    .venv/bin/python bench/inspect_bench.py [--today YYYY-MM-DD] [--store]
    DATABASE_URL=postgres://postgres@127.0.0.1:54330/scale .venv/bin/python bench/inspect_bench.py

For each check and site: ``check.run`` with the queries counted (a warm-up site first, so the cached view
restrictions are not counted). Prints a Markdown table per check (sites, total seconds, median and largest ms per
site, fewest and most queries per site) and the findings by check and severity. Then the whole runner
(``services.inspect``: checks plus storing findings) over the group, inside a transaction that is rolled back unless
``--store`` is given, so a benchmark leaves the database as it found it.
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
os.environ["DEBUG"] = "0"

import django  # noqa: E402

django.setup()

import datetime  # noqa: E402

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from evaluation import services  # noqa: E402
from sites.models import SiteProfile  # noqa: E402


class Rollback(Exception):
    pass


def measure_check(check, sites, today):
    list(check.run(sites[0], today))  # warm-up: cached view restrictions, content types
    times, queries, found = [], [], Counter()
    for site in sites:
        connection.queries_log.clear()  # the log keeps 9,000 queries: past that, counts would read 0
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            for finding in check.run(site, today):
                found[finding.severity] += 1
            times.append((time.perf_counter() - start) * 1000)
        queries.append(len(captured))
    return times, queries, found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", help="judge as of this day (YYYY-MM-DD)")
    parser.add_argument("--store", action="store_true", help="keep the runner's results")
    parser.add_argument("--no-runner", action="store_true", help="measure the checks only")
    args = parser.parse_args()
    today = datetime.date.fromisoformat(args.today) if args.today else timezone.localdate()
    sites = list(SiteProfile.objects.with_site().order_by("pk"))
    checks = services.resolve_checks()
    print(f"{len(sites)} sites, judged as of {today}, database {connection.vendor}\n")
    print("| check | total s | median ms/site | max ms/site | queries/site | veto | warning | advisory |")
    print("|---|---|---|---|---|---|---|---|")
    for check in checks:
        times, queries, found = measure_check(check, sites, today)
        span = f"{min(queries)}" if min(queries) == max(queries) else f"{min(queries)}–{max(queries)}"
        print(
            f"| {check.name} | {sum(times) / 1000:.2f} | {statistics.median(times):.1f} | {max(times):.1f} | {span} "
            f"| {found['veto']} | {found['warning']} | {found['advisory']} |"
        )
    if args.no_runner:
        return
    start = time.perf_counter()
    try:
        with transaction.atomic():
            run = services.inspect(sites, None, today)
            findings = run.findings.count()
            sites_with_veto = run.findings.filter(severity="veto").values("site").distinct().count()
            if not args.store:
                raise Rollback
    except Rollback:
        pass
    elapsed = time.perf_counter() - start
    print(
        f"\nRunner with storage: {elapsed:.2f} s for {len(sites)} sites ({elapsed / len(sites) * 1000:.0f} ms/site), "
        f"{findings} findings, {sites_with_veto} sites with a veto risk" + ("" if args.store else " (rolled back)")
    )


if __name__ == "__main__":
    main()
