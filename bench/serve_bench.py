#!/usr/bin/env python
"""Serving benchmark: req/s of portal pages against a bare Django view, plus SQL queries per page at 10 and
at 10 + N sites. See bench/README.md."""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
HOST = "127.0.0.1"
PORT = 8765


def env_for(db: Path, settings: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": f"sqlite:///{db}",
            "SECRET_KEY": "bench-only-secret-" + "x" * 40,
            "ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "TRUSTED_PROXIES": "none",  # wrk connects to gunicorn directly
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_COOKIES": "0",
            "SITES_PORT": "80",
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


BUILD = r"""
import sys, django
django.setup()
from demo.factories.home import ArticlePageFactory, column_of
from sites.services import SiteProvisioner, SiteSpec
from sites.enums import SiteKind
DISTRICTS = ["hetang", "lusong", "shifeng", "tianyuan", "lukou", "liling", "youxian", "chaling", "yanling"]
p = SiteProvisioner()
city = p.provision(SiteSpec(kind=SiteKind.CITY, name="株洲市人民政府", slug="zhuzhou", hostname="zhuzhou.localhost",
                            is_default=True, site_code="4302000001")).profile
for d in DISTRICTS:
    p.provision(SiteSpec(kind=SiteKind.DISTRICT, name=d, slug=d, hostname=f"{d}.localhost", parent="zhuzhou"))
column = column_of(city, "zwyw")
for i in range(30):
    ArticlePageFactory(parent=column, slug=f"a{i}", title=f"推进电子政务外网扩容升级{i}",
                       body=[("paragraph", "<p>" + "全市乡镇光网已全覆盖，光网入户行政村461个。" * 20 + "</p>")])
print(column.relative_url(city.site) + "a29/")
"""

SCALE = r"""
import sys, django
from tqdm import tqdm
django.setup()
from sites.services import SiteProvisioner, SiteSpec
from sites.enums import SiteKind
DISTRICTS = ["hetang", "lusong", "shifeng", "tianyuan", "lukou", "liling", "youxian", "chaling", "yanling"]
p = SiteProvisioner(with_workflow=False)
for i in tqdm(range(int(sys.argv[1])), desc="village sites", file=sys.stderr):
    d = DISTRICTS[i % len(DISTRICTS)]
    p.provision(SiteSpec(kind=SiteKind.VILLAGE, name=f"{d}村{i}", slug=f"{d}-cun-{i:04d}",
                         hostname=f"{d}-cun-{i:04d}.localhost", parent=d))
"""

COUNT = r"""
import json, sys, django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site
client = Client(HTTP_HOST="zhuzhou.localhost")
out = {"sites": Site.objects.count()}
for url in sys.argv[1:]:
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200, url
    out[url] = len(ctx.captured_queries)
print(json.dumps(out))
"""


def python(env, code, *args, capture=True):
    result = subprocess.run(
        [PY, "-c", code, *args], cwd=ROOT, env=env, check=True, text=True, stdout=subprocess.PIPE if capture else None
    )
    return (result.stdout or "").strip()


def wait_until_up(url, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError(f"server did not start: {url}")


def load_wrk(url, host, duration):
    out = subprocess.run(
        ["wrk", "-t2", "-c8", f"-d{duration}s", "-H", f"Host: {host}", url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(next(line for line in out.splitlines() if line.startswith("Requests/sec")).split()[1])
    errors = sum(int(x) for line in out.splitlines() if "Non-2xx" in line for x in line.split()[-1:])
    return rps, errors


def load_python(url, host, duration, threads=8):
    """Bounded loopback load: `threads` keep-alive-less clients for `duration` seconds."""
    stop = time.time() + duration
    counts, errors = [0] * threads, [0] * threads

    def worker(n):
        while time.time() < stop:
            req = urllib.request.Request(url, headers={"Host": host})
            try:
                with urllib.request.urlopen(req, timeout=10) as response:
                    response.read()
                counts[n] += 1
            except Exception:
                errors[n] += 1

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(counts) / duration, sum(errors)


def throughput(env, urls, duration, workers):
    server = subprocess.Popen(
        [
            PY,
            "-m",
            "gunicorn",
            "config.wsgi:application",
            "-b",
            f"{HOST}:{PORT}",
            "-w",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    loader = load_wrk if shutil.which("wrk") else load_python
    try:
        wait_until_up(f"http://{HOST}:{PORT}/healthz")
        results = {}
        for name, path in urls.items():
            loader(f"http://{HOST}:{PORT}{path}", "zhuzhou.localhost", 2)  # warm-up
            rps, errors = loader(f"http://{HOST}:{PORT}{path}", "zhuzhou.localhost", duration)
            results[name] = {"path": path, "req_per_s": round(rps, 1), "errors": errors}
        return loader.__name__, results
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--scale", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-scale", action="store_true")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    db = RESULTS / "bench.sqlite3"
    db.unlink(missing_ok=True)
    dev_env, prod_env = env_for(db, "config.settings.dev"), env_for(db, "config.settings.bench")
    print("building 10-site database …", flush=True)
    manage(dev_env, "migrate", "--noinput")
    article = python(dev_env, BUILD).splitlines()[-1]
    manage(prod_env, "collectstatic", "--noinput")
    urls = {
        "bare Django view (/healthz)": "/healthz",
        "portal home": "/",
        "column list": "/zwyw/",
        "article page": article,
    }
    page_urls = [u for u in urls.values() if u != "/healthz"]

    counts = {"10 sites": json.loads(python(dev_env, COUNT, *page_urls))}
    loader, served = throughput({**prod_env, "PAGE_CACHE_SECONDS": "0"}, urls, args.duration, args.workers)
    # The anonymous page cache (sites/page_cache.py), per-worker memory cache here; Redis in production.
    _, cached = throughput(
        {**prod_env, "PAGE_CACHE_SECONDS": "300"},
        {f"{k} (page cache)": v for k, v in urls.items() if v != "/healthz"},
        args.duration,
        args.workers,
    )
    served.update(cached)
    if not args.skip_scale:
        print(f"adding {args.scale} village sites …", flush=True)
        started = time.time()
        python(dev_env, SCALE, str(args.scale), capture=False)
        counts[f"10 + {args.scale} sites"] = json.loads(python(dev_env, COUNT, *page_urls))
        counts["provisioning seconds per site"] = round((time.time() - started) / args.scale, 3)

    base = served["bare Django view (/healthz)"]["req_per_s"]
    lines = [
        f"load generator: {loader}, {args.workers} gunicorn workers, {args.duration}s per URL, {os.cpu_count()} CPUs",
        "",
        "| URL | req/s | bare/page ratio | errors |",
        "|---|---|---|---|",
    ]
    for name, row in served.items():
        lines.append(
            f"| {name} `{row['path']}` | {row['req_per_s']} | {base / row['req_per_s']:.1f}× | {row['errors']} |"
        )
    lines += [
        "",
        "| page | " + " | ".join(k for k in counts if k.endswith("sites")) + " |",
        "|---|" + "---|" * sum(k.endswith("sites") for k in counts),
    ]
    for url in page_urls:
        lines.append(f"| `{url}` | " + " | ".join(str(v[url]) for k, v in counts.items() if k.endswith("sites")) + " |")
    report = "\n".join(lines)
    print(report)
    (RESULTS / "serve.json").write_text(
        json.dumps({"served": served, "queries": counts, "loader": loader}, ensure_ascii=False, indent=2)
    )
    scaled = [v for k, v in counts.items() if k.endswith("sites")]
    if any(scaled[0][u] != s[u] for s in scaled for u in page_urls):
        sys.exit("query counts changed with the number of sites")


if __name__ == "__main__":
    main()
