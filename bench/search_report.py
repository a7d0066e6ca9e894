"""Markdown tables from bench/search_bench.py's report (also: `python bench/search_report.py results.json`)."""

import json
import statistics
import sys

VARIANTS = {
    "group": "whole group, no filter",
    "site": "portal's own site",
    "filtered": "whole group + type 新闻 + last 2 years + newest first",
}


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


def rate(entry: dict) -> str:
    return f"{entry['docs'] / entry['seconds']:.0f}" if entry and entry["seconds"] else "–"


def size_label(docs: int) -> str:
    return f"{docs / 1000:.1f}k" if docs < 10_000 else f"{docs // 1000}k"


def row(label: str, docs: int, seconds: float) -> str:
    return (
        f"| {label} | {docs} | {seconds:.0f} | {docs / seconds:.0f} |" if seconds else f"| {label} | {docs} | 0 | – |"
    )


def indexing_table(report: dict) -> list[str]:
    demo = report["demo"]
    rows = [
        (
            "`manage.py search_reindex` (database index"
            + (" + Elasticsearch rebuild)" if "rebuild_elasticsearch" in demo else ")"),
            demo["search_reindex_command"],
        ),
        ("  database half: reindex_database() (read pages and replies, segment, write)", demo["reindex_database"]),
        ("  Elasticsearch half: rebuild_elasticsearch() (bulk, alias swap)", demo.get("rebuild_elasticsearch")),
        (
            "create + publish an article page (Wagtail revision and search index + index_page)",
            demo.get("publish_pages"),
        ),
        ("index_page() one page at a time (a publish), database index", demo["index_page_database"]),
        ("index_page() one page at a time (a publish), database + Elasticsearch", demo.get("index_page_elasticsearch")),
    ]
    lines = [
        f"Demo group ({demo['reindex_database']['docs']} documents):",
        "",
        "| what | documents | seconds | docs/s |",
        "|---|---|---|---|",
    ]
    for label, entry in rows:
        if entry:
            lines.append(f"| {label} | {entry['docs']} | {entry['seconds']:.1f} | {rate(entry)} |")
    loads = [s["database_load"] for s in report["sizes"] if "database_load" in s]
    if loads:
        docs = sum(x["docs"] for x in loads)
        total = {k: sum(x[k] for x in loads) for k in ("segment", "rows", "fulltext")}
        lines += [
            "",
            f"Synthetic documents ({docs} in all):",
            "",
            "| what | documents | seconds | docs/s |",
            "|---|---|---|---|",
            row("segmentation: tokens_of() (jieba, sub-words, bigrams, pinyin)", docs, total["segment"]),
            row("database index: SearchDocument bulk_create", docs, total["rows"]),
            row("database index: full-text rows (DatabaseBackend.index)", docs, total["fulltext"]),
            row("database index, all three", docs, sum(total.values())),
        ]
    for step in report["sizes"]:
        rebuild = step.get("elasticsearch_rebuild")
        if rebuild:
            lines.append(
                f"| Elasticsearch rebuild_elasticsearch() at {size_label(rebuild['docs'])} (bulk from the database"
                f" index, {rebuild['store_bytes'] / 2**20:.0f} MiB) | {rebuild['docs']} | {rebuild['seconds']:.0f}"
                f" | {rate(rebuild)} |"
            )
    return lines


def latency_table(report: dict, backend: str, variant: str) -> list[str]:
    sizes = [s for s in report["sizes"] if backend in s["latency"]]
    first, last = sizes[0], sizes[-1]
    head = " | ".join(f"p50 {size_label(s['docs'])}" for s in sizes)
    lines = [
        f"| query | hits at {size_label(last['docs'])} | {head} | p95 {size_label(last['docs'])}"
        f" | {size_label(last['docs'])} ÷ {size_label(first['docs'])} | × baseline |",
        "|---|" + "---|" * (len(sizes) + 4),
    ]
    for query in report["queries"]:
        key = f"{variant}|{query}"
        cells = [s["latency"][backend][key] for s in sizes]
        end = cells[-1]
        growth = end["p50"] / cells[0]["p50"] if cells[0]["p50"] else 0
        hits = f"{end['hits']}" + ("+" if backend == "elasticsearch" and end["hits"] >= 10000 else "")
        lines.append(
            f"| {query} | {hits} | "
            + " | ".join(ms(c["p50"]) for c in cells)
            + f" | {ms(end['p95'])} | {growth:.1f}× | {end['p50'] / last['baseline']:.0f}× |"
        )
    return lines


def summary_table(report: dict) -> list[str]:
    sizes = report["sizes"]
    head = " | ".join(f"{size_label(s['docs'])}: median p50 / worst p95" for s in sizes)
    lines = [f"| backend | variant | {head} |", "|---|---|" + "---|" * len(sizes)]
    backends = [b for b in ("database", "elasticsearch") if b in sizes[-1]["latency"]]
    for backend in backends:
        for variant, label in VARIANTS.items():
            cells = []
            for step in sizes:
                rows = [v for k, v in step["latency"][backend].items() if k.startswith(variant + "|")]
                cells.append(f"{ms(statistics.median(r['p50'] for r in rows))} / {ms(max(r['p95'] for r in rows))}")
            lines.append(f"| {backend} | {label} | " + " | ".join(cells) + " |")
    return lines


def agreement(report: dict) -> str:
    """Do both backends find the same number of documents? (Elasticsearch counts stop at 10,000.)"""
    same = differ = 0
    examples = []
    for step in report["sizes"]:
        if "elasticsearch" not in step["latency"]:
            continue
        for key, db in step["latency"]["database"].items():
            es = step["latency"]["elasticsearch"][key]
            if db["hits"] == es["hits"] or (es["hits"] >= 10000 and db["hits"] >= 10000):
                same += 1
            else:
                differ += 1
                examples.append(f"{key} at {size_label(step['docs'])}: {db['hits']} vs {es['hits']}")
    if not same and not differ:
        return ""
    text = f"Hit counts, database vs Elasticsearch: equal in {same} of {same + differ} (variant, query, size) cells"
    return text + (
        f"; different: {'; '.join(examples[:6])}." if examples else " (Elasticsearch counts stop at 10,000)."
    )


def markdown(report: dict) -> str:
    db = report["database"] + (f" {report['database_version']}" if report.get("database_version") else "")
    es = report.get("elasticsearch_version")
    lines = [
        f"Search benchmark {report['started']}: {db}"
        + (f", Elasticsearch {es}" if es else ", no Elasticsearch")
        + f", {report['cpus']} CPUs, {report['repeat']} timed runs per cell after {report.get('warmup', 1)} warm-up"
        f" passes; corpus from {report['corpus']['source']} ({report['corpus']['sentences']} sentences).",
        "",
        *indexing_table(report),
        "",
        "Baseline (a trivial query: one SearchDocument by primary key through the ORM), p50: "
        + ", ".join(f"{size_label(s['docs'])} {ms(s['baseline'])} ms" for s in report["sizes"]),
        "",
        "Database size (demo group + index rows + full-text index): "
        + ", ".join(f"{size_label(s['docs'])} {s['database_bytes'] / 2**20:.0f} MiB" for s in report["sizes"]),
        "",
        "Load average (1 min) before / after each size: "
        + ", ".join(f"{size_label(s['docs'])} {s['load_before']:.1f} / {s['load_after']:.1f}" for s in report["sizes"]),
    ]
    for backend in ("database", "elasticsearch"):
        if backend in report["sizes"][-1]["latency"]:
            lines += [
                "",
                f"Latency in ms, {backend}, {VARIANTS['group']} (search.services.search from {report['portal']}):",
                "",
                *latency_table(report, backend, "group"),
            ]
    lines += ["", "All queries, per variant (ms):", "", *summary_table(report), "", agreement(report)]
    return "\n".join(lines)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as results:
        print(markdown(json.load(results)))
