#!/usr/bin/env python
"""Search benchmark: indexing throughput and query latency of the database index and Elasticsearch at growing
corpus sizes. See bench/README.md ("search_bench.py").

    .venv/bin/python bench/search_bench.py [--documents 100000] [--sizes 1000,10000,100000] [--repeat 20]
        [--elasticsearch-url http://127.0.0.1:9200 | --no-elasticsearch] [--database-url postgres://… | --postgres]

1. A fresh database (SQLite under bench/results/ by default; an *empty* PostgreSQL database with --database-url,
   or a throw-away PostgreSQL cluster with --postgres) with the demo group (seed_demo).
2. Demo size: `search_reindex` (database index + Elasticsearch rebuild), `index_page()` — what every publish
   runs — on a sample of pages, with and without Elasticsearch, and --publish article pages created and
   published.
3. For each size: synthetic documents (bench/search_corpus.py: sentences of the seed texts recombined) are
   segmented with the real tokens_of() and bulk-inserted into the database index (SearchDocument rows + the
   full-text rows through DatabaseBackend.index); Elasticsearch is rebuilt from it with the real bulk path
   (rebuild_elasticsearch); then every query of QUERIES runs --repeat times per backend through
   search.services.search in three variants: whole group, the portal's own site, and filtered (whole group,
   type 新闻, last two years, newest first).
4. Prints Markdown tables (latency in ms, × a trivial primary-key query measured in the same run, and × the
   smallest size) and writes bench/results/search.json.

Synthetic documents are inserted as index rows, not created as Wagtail pages: creating and publishing an article
costs ~75 ms (timed here with --publish pages), so 100,000 would take over two hours and measure Wagtail, not
search.
"""

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
sys.path[:0] = [str(ROOT), str(BENCH)]

QUERIES = [
    "电子政务",
    "政务外网",
    "光纤入户",
    "公共自行车",
    "12345",
    "dzzw",
    "dianzizhengwu",
    "社保",
    "住房公积金",
    "智慧株洲 顶层设计",  # two words, both required
    "古树名木",  # rare: one synthetic document in a thousand
    "航天发射",  # no hit
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000, help="corpus size at the end (demo + synthetic)")
    parser.add_argument("--sizes", default="1000,10000,100000", help="corpus sizes to query at (≤ --documents)")
    parser.add_argument("--repeat", type=int, default=20, help="timed runs per query, variant, backend and size")
    parser.add_argument("--sample", type=int, default=200, help="demo pages indexed one by one with index_page()")
    parser.add_argument("--publish", type=int, default=20, help="article pages created and published, timed")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--elasticsearch-url", default=os.environ.get("ELASTICSEARCH_URL", ""))
    parser.add_argument("--no-elasticsearch", action="store_true", help="database index only")
    parser.add_argument("--database-url", default="", help="an EMPTY database to use instead of a fresh SQLite file")
    parser.add_argument("--postgres", action="store_true", help="start a throw-away PostgreSQL cluster for the run")
    parser.add_argument("--warmup", type=int, default=2, help="untimed passes over all queries before timing")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite file and the Elasticsearch index")
    parser.add_argument("--output", default=str(RESULTS / "search.json"))
    args = parser.parse_args()
    if args.no_elasticsearch:
        args.elasticsearch_url = ""
    sizes = sorted({min(int(s), args.documents) for s in args.sizes.split(",") if s.strip()} | {args.documents})
    args.sizes = sizes
    return args


# -- a throw-away PostgreSQL (as .ci/run starts one) -----------------------------------------------------------


class ThrowawayPostgres:
    PORT = 54339

    def __init__(self):
        initdbs = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
        if not initdbs:
            raise SystemExit("--postgres: no /usr/lib/postgresql/*/bin/initdb (apt-get install postgresql)")
        self.bin = initdbs[-1].parent
        self.dir = Path(tempfile.mkdtemp(prefix="govsites-search-bench-pg-"))
        self.as_root = os.geteuid() == 0

    def run(self, command: str):
        full = ["su", "postgres", "-c", command] if self.as_root else ["bash", "-c", command]
        subprocess.run(full, check=True, stdout=subprocess.DEVNULL)

    def start(self) -> str:
        data, sock = self.dir / "data", self.dir / "sock"
        sock.mkdir()
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
            shutil.chown(sock, "postgres", "postgres")
        self.run(f"{self.bin}/initdb -D {data} -A trust -E UTF8 --locale=C.UTF-8 -U postgres")
        options = f"-p {self.PORT} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=256MB"
        self.run(f"{self.bin}/pg_ctl -D {data} -l {self.dir}/pg.log -w -o '{options}' start")
        self.run(f"{self.bin}/createdb -h 127.0.0.1 -p {self.PORT} -U postgres govsites_search_bench")
        version = subprocess.run(
            [
                f"{self.bin}/psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.PORT),
                "-U",
                "postgres",
                "-tAc",
                "show server_version",
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        print(f"throw-away PostgreSQL {version} in {self.dir} on port {self.PORT}", flush=True)
        return f"postgres://postgres@127.0.0.1:{self.PORT}/govsites_search_bench"

    def stop(self):
        try:
            self.run(f"{self.bin}/pg_ctl -D {self.dir / 'data'} -m fast stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


# -- the run ---------------------------------------------------------------------------------------------------


def configure(database_url: str):
    os.environ.pop("REDIS_URL", None)  # the process's own memory cache: no shared state with anything else
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.bench",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench-only-secret-" + "x" * 40,
            "ALLOWED_HOSTS": "localhost",
            "TRUSTED_PROXIES": "none",
            "ELASTICSEARCH_URL": "",  # switched on per measurement (search_measure.elasticsearch)
            "SEARCH_INDEX_PREFIX": "bench_search_",
            "SEARCH_ELASTICSEARCH_REPLICAS": "0",  # a single node: replicas would never be assigned
            "SEARCH_ELASTICSEARCH_TIMEOUT": "60",  # a bulk request of 500 documents on a busy 2-core machine
            "SEARCH_AUTO_INDEX": "0",  # seed_demo does not index; search_reindex does, timed
        }
    )
    import django

    django.setup()


def build(args) -> dict:
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite" and connection.introspection.table_names():
        raise SystemExit("--database-url must point to an empty database (this run creates and fills its tables)")
    info = {}
    started = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_calendar", verbosity=0)
    call_command("seed_search_dictionary", verbosity=0)
    info["migrate_seconds"] = time.perf_counter() - started
    started = time.perf_counter()
    call_command("seed_demo", "--seed", str(args.seed), verbosity=0)
    info["seed_demo_seconds"] = time.perf_counter() - started
    return info


def timed_command(es_url: str) -> dict:
    """The real `manage.py search_reindex --no-progress`, once, at the demo size."""
    from django.core.management import call_command
    from search_measure import elasticsearch

    from search.models import SearchDocument

    with elasticsearch(es_url), open(os.devnull, "w") as quiet:
        started = time.perf_counter()
        call_command("search_reindex", "--no-progress", stdout=quiet)
        return {"docs": SearchDocument.objects.count(), "seconds": time.perf_counter() - started}


def database_bytes() -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    name = Path(connection.settings_dict["NAME"])
    return sum(p.stat().st_size for p in name.parent.glob(name.name + "*") if p.is_file())


def main():
    args = parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    # Two runs at once would share the SQLite file and the bench_search_ indices (each rebuild deletes the
    # other's) and the CPUs: refuse instead of measuring that.
    lock = open(RESULTS / "search.lock", "w")  # noqa: SIM115 (held until the process exits)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise SystemExit("another search_bench.py is running (bench/results/search.lock)") from None
    postgres = ThrowawayPostgres() if args.postgres else None
    database_url = args.database_url
    if postgres:
        database_url = postgres.start()
    elif not database_url:
        db = RESULTS / "search.sqlite3"
        for path in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            path.unlink(missing_ok=True)
        database_url = f"sqlite:///{db}"
    try:
        configure(database_url)
        report = run(args)
    finally:
        if postgres:
            postgres.stop()
        elif not args.database_url and not args.keep:
            for path in RESULTS.glob("search.sqlite3*"):
                path.unlink()
    Path(args.output).write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))
    from search_report import markdown

    print(markdown(report))
    print(f"\nwritten: {args.output}")


def run(args) -> dict:
    import search_measure as m
    from django.db import connection
    from search_corpus import Generator, load_pools
    from tqdm import tqdm

    from search.models import SearchDocument
    from sites.models import SiteProfile

    es_url = args.elasticsearch_url
    report = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        "database": connection.vendor,
        "database_version": connection.Database.sqlite_version if connection.vendor == "sqlite" else None,
        "cpus": os.cpu_count(),
        "queries": QUERIES,
        "repeat": args.repeat,
        "warmup": args.warmup,
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("show server_version")
            report["database_version"] = cursor.fetchone()[0]
    print(f"building the demo group in a fresh {connection.vendor} database …", flush=True)
    report["build"] = build(args)
    print("demo size: search_reindex and index_page() …", flush=True)
    report["demo"] = {"search_reindex_command": timed_command(es_url), **m.demo_indexing(es_url, args.sample)}
    if es_url:
        from search.backends.elastic import ElasticsearchBackend

        with m.elasticsearch(es_url):
            report["elasticsearch_version"] = ElasticsearchBackend().version()
    pools = load_pools()
    report["corpus"] = {"sentences": len(pools.sentences), "titles": len(pools.titles), "source": pools.source}
    generator = Generator(pools, seed=args.seed)
    portal = SiteProfile.objects.filter(parent=None).order_by("pk").first()
    report["portal"] = portal.org_name
    if args.publish:
        print(f"creating and publishing {args.publish} article pages …", flush=True)
        report["demo"]["publish_pages"] = m.publish_pages(portal, generator, args.publish)
    loader = m.Loader(generator)
    report["sizes"] = []
    for size in args.sizes:
        size = max(size, SearchDocument.objects.count())
        step = {"size": size, "load_before": m.load()}
        missing = size - SearchDocument.objects.count()
        if missing > 0:
            before = dict(loader.seconds)
            with tqdm(total=missing, desc=f"synthetic documents → {size}", unit="doc", file=sys.stderr) as bar:
                loader.grow_to(size, progress=bar.update)
            step["database_load"] = {
                "docs": missing,
                **{k: loader.seconds[k] - before[k] for k in loader.seconds},
            }
        step["docs"] = SearchDocument.objects.count()
        if es_url:
            print(f"  Elasticsearch rebuild at {step['docs']} …", flush=True)
            step["elasticsearch_rebuild"] = m.rebuild_es(es_url)
        step["baseline"] = m.percentile(m.baseline(200), 0.5)
        step["latency"] = {}
        for name, url in (("database", None), ("elasticsearch", es_url)):
            if name == "elasticsearch" and not url:
                continue
            print(f"  queries on {name} at {step['docs']} …", flush=True)
            step["latency"][name] = m.time_queries(QUERIES, portal, url, args.repeat, args.warmup)
        step["load_after"] = m.load()
        step["database_bytes"] = database_bytes()
        report["sizes"].append(step)
        Path(args.output).write_text(json.dumps(report, ensure_ascii=False, indent=2, default=str))  # so far
    if es_url and not args.keep:
        m.drop_es(es_url)
    return report


if __name__ == "__main__":
    main()
