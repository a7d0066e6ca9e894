#!/usr/bin/env python
"""Serving benchmark on the seeded demo group: req/s of portal pages, uncached and from the page cache (Redis),
side by side in one run with a bare Django view and vanilla Wagtail's welcome page served by the same gunicorn;
plus SQL queries per page. See bench/README.md."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))  # another port when a server already listens on this one
PORTAL = "zhuzhou.localhost"
SECRET = "bench-only-secret-" + "x" * 40


def env_for(database_url: str, settings: str, redis_url: str = "") -> dict:
    drop = {"REDIS_URL", "DATABASE_URL", "PAGE_CACHE_SECONDS", "LOG_ACCESS"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": database_url,
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "TRUSTED_PROXIES": "none",  # wrk connects to gunicorn directly
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SITES_PORT": "80",
            "PYTHONPATH": str(ROOT),
            "CACHE_KEY_PREFIX": "bench-serve",
        }
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


def manage(env, *args, cwd=ROOT):
    subprocess.run([PY, "manage.py", *args], cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL)


# The pages measured, found in the seeded database: the portal's first home column and its newest article.
URLS = r"""
import json, django
django.setup()
from wagtail.models import Site
from home.models import ArticlePage, ColumnPage
site = Site.objects.get(hostname="zhuzhou.localhost")
column = ColumnPage.objects.live().child_of(site.root_page).filter(show_on_home=True).order_by("path").first()
article = ArticlePage.objects.live().descendant_of(column).order_by("-publish_at", "-pk").first()
print(json.dumps({
    "portal home": "/",
    "column list": column.relative_url(site),
    "article page": article.relative_url(site),
    "disclosure catalogue": "/zfxxgk/",
    "group disclosure catalogue": "/zfxxgk/group/",
    "search page": "/search/?q=%E6%94%BF%E5%8A%A1%E6%9C%8D%E5%8A%A1",
}))
"""

COUNT = r"""
import json, sys, django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from wagtail.models import Site
cache.clear()
client = Client(HTTP_HOST="zhuzhou.localhost")
out = {"sites": Site.objects.count()}
for url in sys.argv[1:]:
    assert client.get(url).status_code == 200, url
    queries = []
    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)
    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200, url
    out[url] = len(queries)
print(json.dumps(out))
"""


def python(env, code, *args, capture=True):
    result = subprocess.run(
        [PY, "-c", code, *args], cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE if capture else None
    )
    return (result.stdout or "").strip()


def wait_until_up(url, host, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers={"Host": host}), timeout=2)
            return
        except Exception:
            time.sleep(0.3)
    raise RuntimeError(f"server did not start: {url}")


def load_wrk(url, host, duration):
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{duration}s", "-H", f"Host: {host}", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(next(line for line in out.splitlines() if line.startswith("Requests/sec")).split()[1])
    errors = sum(int(x) for line in out.splitlines() if "Non-2xx" in line for x in line.split()[-1:])
    return rps, errors


def serve(env, app, cwd, workers):
    # The server's log (access lines when LOG_ACCESS is on) goes to a file, as under systemd, not to a terminal.
    log = open(RESULTS / "server.log", "ab")  # noqa: SIM115 - closed with the process group at exit
    return subprocess.Popen(
        [PY, "-m", "gunicorn", app, "-b", f"{HOST}:{PORT}", "-w", str(workers), "--log-level", "warning"],
        cwd=cwd,
        env=env,
        start_new_session=True,
        stdout=log,
        stderr=log,
    )


def throughput(server, urls, host, duration):
    """Load each URL of ``urls`` ({name: path}) on a running server; {name: {path, req/s, errors, cache}}."""
    try:
        first = next(iter(urls.values()))
        wait_until_up(f"http://{HOST}:{PORT}{first}", host)
        results = {}
        for name, path in urls.items():
            url = f"http://{HOST}:{PORT}{path}"
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": host}), timeout=30) as r:
                r.read()
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Host": host}), timeout=30) as r:
                cache_state = r.headers.get("X-Page-Cache", "")
            load_wrk(url, host, 2)  # warm-up
            rps, errors = load_wrk(url, host, duration)
            results[name] = {"path": path, "req_per_s": round(rps, 1), "errors": errors, "cache": cache_state}
            print(f"  {name}: {rps:.0f} req/s {cache_state}", flush=True)
        return results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def vanilla_wagtail(workers) -> subprocess.Popen:
    """A project made by `wagtail start` (Wagtail's own welcome page), production settings, its own SQLite."""
    project = RESULTS / "vanilla"
    if not (project / "db.sqlite3").exists():
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        subprocess.run([str(BIN / "wagtail"), "start", "vanilla", str(project)], check=True, stdout=subprocess.DEVNULL)
        # The generated project's `search` app shares its name with this project's package, which the editable
        # install puts on the import path; the welcome page does not need it.
        (project / "vanilla" / "settings" / "local.py").write_text(
            f'from .base import INSTALLED_APPS, STORAGES\n\nSECRET_KEY = "{SECRET}"\nALLOWED_HOSTS = ["*"]\n'
            'INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "search"]\n'
            'STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"\n'
        )
        urls = project / "vanilla" / "urls.py"
        urls.write_text("".join(line for line in urls.read_text().splitlines(True) if "search" not in line))
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "PYTHONPATH"}}
    env["DJANGO_SETTINGS_MODULE"] = "vanilla.settings.production"
    manage(env, "migrate", "--noinput", cwd=project)
    return serve(env, "vanilla.wsgi:application", project, workers)


def build(env, scale, reuse, seeded=False):
    marker = RESULTS / f"serve-seeded-{scale}"
    if seeded or (reuse and marker.exists()):
        return
    print(f"seeding the demo group (--scale {scale}) …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_calendar")
    manage(env, "seed_search_dictionary", "--if-empty")
    subprocess.run([PY, "manage.py", "seed_demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True)
    # Publishing enqueues the index tasks, which no worker runs here: without this the search page measures an
    # empty index (a query that finds nothing).
    manage(env, "search_reindex", "--no-progress")
    marker.touch()


def flush_redis(env):
    python(env, "import django; django.setup(); from django.core.cache import cache; cache.clear()")


def measure(args, database_url, scale):
    dev = env_for(database_url, "config.settings.dev")
    build(dev, scale, args.reuse_db, args.seeded)
    prod = env_for(database_url, "config.settings.bench", args.redis_url)
    manage(prod, "collectstatic", "--noinput")
    urls = json.loads(python(dev, URLS))
    if args.read_only:  # the search page writes its query log (search.querylog)
        urls.pop("search page")
    counts = json.loads(python(dev, COUNT, *urls.values()))
    workers, duration = args.workers, args.duration
    app = "config.wsgi:application"
    logged, quiet = {**prod, "LOG_ACCESS": "1"}, {**prod, "LOG_ACCESS": "0"}
    print("bare Django views and vanilla Wagtail …", flush=True)
    bare = {"bare Django view": "/healthz", "bare view, full middleware stack": "/bench/bare"}
    served = throughput(serve({**logged, "PAGE_CACHE_SECONDS": "0"}, app, ROOT, workers), bare, PORTAL, duration)
    served |= {
        f"{name}, LOG_ACCESS=0": value
        for name, value in throughput(
            serve({**quiet, "PAGE_CACHE_SECONDS": "0"}, app, ROOT, workers),
            {"bare view, full middleware stack": "/bench/bare"},
            PORTAL,
            duration,
        ).items()
    }
    served |= throughput(vanilla_wagtail(workers), {"vanilla Wagtail welcome page": "/"}, "localhost", duration)
    print("portal pages, page cache off …", flush=True)
    flush_redis(prod)
    uncached = throughput(serve({**logged, "PAGE_CACHE_SECONDS": "0"}, app, ROOT, workers), urls, PORTAL, duration)
    print("portal pages, page cache on (Redis) …", flush=True)
    flush_redis(prod)
    cached = throughput(serve({**logged, "PAGE_CACHE_SECONDS": "300"}, app, ROOT, workers), urls, PORTAL, duration)
    print("portal pages, page cache on, LOG_ACCESS=0 …", flush=True)
    cached_quiet = throughput(serve({**quiet, "PAGE_CACHE_SECONDS": "300"}, app, ROOT, workers), urls, PORTAL, duration)
    return {
        "served": served,
        "uncached": uncached,
        "cached": cached,
        "cached_quiet": cached_quiet,
        "queries": counts,
        "urls": urls,
        "load_before": os.getloadavg(),
    }


def report(run, args) -> str:
    served = run["served"]
    healthz = served["bare Django view"]["req_per_s"]
    stack = served["bare view, full middleware stack"]["req_per_s"]
    stack_quiet = served["bare view, full middleware stack, LOG_ACCESS=0"]["req_per_s"]
    wagtail = served["vanilla Wagtail welcome page"]["req_per_s"]
    lines = [
        f"{run['queries']['sites']} sites; wrk -t2 -c8, {args.workers} gunicorn workers, {args.duration}s per URL, "
        f"{os.cpu_count()} CPUs, load average before the run {run['load_before'][0]:.1f}",
        "",
        "| URL | req/s | ÷ vanilla Wagtail |",
        "|---|---|---|",
        f"| bare Django view `/healthz` (answered before most middleware) | {healthz} | {healthz / wagtail:.2f}× |",
        f"| bare view through the full middleware stack `/bench/bare` | {stack} | {stack / wagtail:.2f}× |",
        f"| the same, LOG_ACCESS=0 | {stack_quiet} | {stack_quiet / wagtail:.2f}× |",
        f"| vanilla Wagtail welcome page `/` | {wagtail} | 1.00× |",
        "",
        "| page | queries | uncached req/s | ÷ vanilla Wagtail | cached req/s | ÷ full-stack bare | ÷ `/healthz` "
        "| cached, LOG_ACCESS=0 | ÷ full-stack bare (both 0) | ÷ `/healthz` |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, path in run["urls"].items():
        u, c, q = run["uncached"][name], run["cached"][name], run["cached_quiet"][name]
        note = "" if c["cache"] == "hit" else f" (not cached: {c['cache'] or 'bypass'})"
        lines.append(
            f"| {name} `{path}` | {run['queries'][path]} | {u['req_per_s']} | {u['req_per_s'] / wagtail:.2f}× "
            f"| {c['req_per_s']}{note} | {c['req_per_s'] / stack:.2f}× | {c['req_per_s'] / healthz:.2f}× "
            f"| {q['req_per_s']} | {q['req_per_s'] / stack_quiet:.2f}× | {q['req_per_s'] / healthz:.2f}× |"
        )
    parts = ("served", "uncached", "cached", "cached_quiet")
    errors = sum(r["errors"] for part in parts for r in run[part].values())
    lines += ["", f"non-2xx responses: {errors}"]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scale", type=int, default=0, help="village sites added by seed_demo --scale")
    parser.add_argument("--database-url", default="", help="an empty database (default: SQLite under bench/results)")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:63790/5"))
    parser.add_argument("--reuse-db", action="store_true", help="keep the seeded database of an earlier run")
    parser.add_argument("--seeded", action="store_true", help="--database-url is already seeded: do not seed")
    parser.add_argument("--read-only", action="store_true", help="leave out pages that write (the search page)")
    parser.add_argument("--name", default="", help="name of the results file (default: the scale)")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is required (apt-get install wrk)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    database_url = args.database_url
    if not database_url:
        db = RESULTS / f"serve-{args.scale}.sqlite3"
        if not args.reuse_db:
            db.unlink(missing_ok=True)
        database_url = f"sqlite:///{db}"
    run = measure(args, database_url, args.scale)
    text = report(run, args)
    print(text)
    (RESULTS / f"serve-{args.name or args.scale}.json").write_text(json.dumps(run, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
