#!/usr/bin/env python
"""政民互动 load test: concurrent citizens submitting messages (HTML form and API) while others browse the
published replies, against gunicorn on a fresh demo database. Every accepted message must be stored exactly once
and no request may fail with a 5xx. See bench/README.md."""

import argparse
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_bench import PY, RESULTS, ROOT, env_for, manage, python, wait_until_up

HOST = "127.0.0.1"
PORT = 8766
API_PATH = "/api/v1/interaction/questions/"
SITES = ("zhuzhou", "changde", "hetang", "wuling", "zhuzhou-jtj", "changde-rsj")  # portals, districts, departments
TIMEOUT = 30
CODE_RE = re.compile(r'data-tracking-code="([^"]+)"')
PASSWORD_RE = re.compile(r'data-query-password="([^"]+)"')
FIELD_RE = {name: re.compile(rf'name="{name}" value="([^"]*)"') for name in ("csrfmiddlewaretoken", "form_token")}
DETAIL_RE = re.compile(r'href="(/hdjl/\d+/)"')

# Raised limits (the default): each submitter is one citizen with its own IP (X-Forwarded-For, one trusted proxy)
# and its own mobile number, and the limits are set above what 60 s of load can reach, so every valid message
# must be accepted. --real-limits keeps the shipped limits and counts the refusals (429) and captcha challenges.
RAISED_LIMITS = {
    "INTERACTION_MIN_FILL_SECONDS": "0",
    "INTERACTION_MAX_PER_IP_HOUR": "100000",
    "INTERACTION_MAX_PER_PHONE_DAY": "100000",
    "INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR": "100000",
}
TOPICS = (
    (
        "光纤入户什么时候能到我们小区",
        "我家住在建设南路红旗小区，周边新小区都已光纤入户，我们小区还是铜线宽带，请问何时改造？",
    ),
    (
        "小区4G信号差，请求增设基站",
        "小区地下车库和高层住户家中手机4G信号很弱，打电话经常断线，希望协调运营商增设基站。",
    ),
    ("公共自行车站点无车可借", "早高峰时段车站路公共自行车站点经常无车可借，下班又无处可还，建议增加调度。"),
    ("出租车电召电话打不通", "晚上拨打出租车电召服务电话多次无人接听，请问电召服务中心的服务时间是怎样的？"),
    ("网上查询社保缴费记录的渠道", "本人想查询近三年的社保缴费明细用于办理购房手续，请问网上有什么查询渠道？"),
    ("智能停车收费标准在哪里公布", "老城区路边停车收费不统一，请问智能停车收费系统的收费标准在哪里公布？"),
)


SETUP = r"""
import json, sys, django
django.setup()
from interaction.models import InteractionIndexPage, MailboxPage, Question
from sites.models import SiteProfile
out = {"mailboxes": [], "browse": []}
for profile in SiteProfile.objects.with_site().filter(slug__in=sys.argv[1:]).order_by("pk"):
    root, host = profile.site.root_page, profile.site.hostname
    for box in MailboxPage.objects.live().descendant_of(root).order_by("path"):
        path = box.relative_url(profile.site)
        out["mailboxes"].append({"host": host, "path": path, "site": profile.slug, "channel": box.channel})
        out["browse"].append({"host": host, "path": path, "kind": "mailbox form"})
    index = InteractionIndexPage.objects.live().descendant_of(root).first()
    if index is None:
        continue
    base = index.relative_url(profile.site)
    out["browse"].append({"host": host, "path": base, "kind": "published list"})
    published = Question.objects.filter(site=profile, status="published").order_by("-received_at")[:5]
    out["browse"] += [{"host": host, "path": f"{base}{q.pk}/", "kind": "reply detail"} for q in published]
print(json.dumps(out))
"""

VERIFY = r"""
import datetime, json, sys, django
django.setup()
from interaction.models import Question
codes = json.load(open(sys.argv[1]))
since = datetime.datetime.fromtimestamp(float(sys.argv[2]), tz=datetime.UTC)
stored = sum(Question.objects.filter(tracking_code__in=codes[i:i + 500]).count() for i in range(0, len(codes), 500))
print(json.dumps({"stored": stored, "new_rows": Question.objects.filter(received_at__gte=since).count()}))
"""


@dataclass
class Tally:
    """What one thread saw; merged at the end (no locks on the hot path)."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    refused: int = 0  # 429
    challenged: int = 0  # 400 asking for a captcha
    invalid: int = 0  # other 400s (must not happen: the bench only sends valid messages)
    no_response: int = 0
    replays: int = 0
    replay_mismatches: int = 0
    server_errors: list[str] = field(default_factory=list)

    def record(self, kind: str, response: requests.Response | None, started: float) -> None:
        if response is None:
            self.no_response += 1
            return
        self.latencies.setdefault(kind, []).append(time.perf_counter() - started)
        self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            self.server_errors.append(f"{response.status_code} {kind} {response.request.url}")


def timed(session: requests.Session, tally: Tally, kind: str, method: str, url: str, **kwargs):
    started = time.perf_counter()
    try:
        response = session.request(method, url, timeout=TIMEOUT, **kwargs)
    except requests.RequestException:
        response = None
    tally.record(kind, response, started)
    return response


class Citizen:
    """One submitter: its own IP and mobile number; alternates between the mailbox form and the API."""

    def __init__(self, n: int, base: str, mailboxes: list[dict], api_share: float, replay_share: float, identity):
        self.n, self.base, self.mailboxes = n, base, mailboxes
        self.api_share, self.replay_share = api_share, replay_share
        self.rng = random.Random(n)
        self.ip, self.phone = identity
        self.session = requests.Session()
        self.tally = Tally()
        self.sent = 0

    def message(self) -> dict:
        title, content = self.rng.choice(TOPICS)
        self.sent += 1
        return {
            "type": self.rng.choice(("consult", "complaint", "suggestion")),
            "title": f"{title}（{self.n}-{self.sent}）",
            "content": content,
            "name": self.rng.choice(("张建华", "李红梅", "王志强", "刘芳", "陈国平")),
            "phone": self.phone,
            "consent_publish": self.rng.random() < 0.8,
        }

    def headers(self, host: str) -> dict:
        return {"Host": host, "X-Forwarded-For": self.ip}

    def via_form(self, box: dict) -> None:
        url, headers = self.base + box["path"], self.headers(box["host"])
        page = timed(self.session, self.tally, "mailbox form (GET)", "GET", url, headers=headers)
        if page is None or page.status_code != 200:
            return
        hidden = {name: rx.search(page.text) for name, rx in FIELD_RE.items()}
        if not all(hidden.values()):
            self.tally.invalid += 1
            return
        msg = self.message()
        fields = {name: match.group(1) for name, match in hidden.items()}
        fields |= {"website": "", **{k: v for k, v in msg.items() if k != "consent_publish"}}
        if msg["consent_publish"]:
            fields["consent_publish"] = "on"
        # multipart/form-data as a browser sends it, with the empty file input of a form without attachments
        parts = {k: (None, str(v)) for k, v in fields.items()} | {"attachments": ("", b"", "application/octet-stream")}
        headers = {**headers, "Referer": url}
        response = timed(self.session, self.tally, "submit (HTML form)", "POST", url, files=parts, headers=headers)
        code = self.outcome(response, html=True)
        if code and self.rng.random() < self.replay_share:  # a double-click: the same form_token again
            again = timed(self.session, self.tally, "submit (HTML form)", "POST", url, files=parts, headers=headers)
            self.check_replay(code, again, html=True)

    def via_api(self, box: dict) -> None:
        url, headers = self.base + API_PATH, self.headers(box["host"]) | {"Idempotency-Key": uuid.uuid4().hex}
        payload = {"site": box["site"], "channel": box["channel"], **self.message()}
        response = timed(self.session, self.tally, "submit (API)", "POST", url, json=payload, headers=headers)
        code = self.outcome(response, html=False)
        if code and self.rng.random() < self.replay_share:  # a client retry with the same Idempotency-Key
            again = timed(self.session, self.tally, "submit (API)", "POST", url, json=payload, headers=headers)
            self.check_replay(code, again, html=False)

    def outcome(self, response, *, html: bool) -> str | None:
        if response is None:
            return None
        if response.status_code == 429:
            self.tally.refused += 1
        elif response.status_code == 400:
            if "captcha" in response.text:
                self.tally.challenged += 1
            else:
                self.tally.invalid += 1
        elif response.status_code in (200, 201):
            code = self.code_of(response, html=html)
            if code:
                self.tally.codes.append(code)
                return code
            self.tally.invalid += 1
        return None

    @staticmethod
    def code_of(response, *, html: bool, with_password: bool = True) -> str | None:
        """The tracking code of a receipt. A first receipt must also show the query password; a repeated
        submission shows the first code, and its password only while the worker that took it still caches it."""
        if html:
            match = CODE_RE.search(response.text)
            return match.group(1) if match and (PASSWORD_RE.search(response.text) or not with_password) else None
        try:
            return response.json().get("tracking_code")
        except ValueError:
            return None

    def check_replay(self, code: str, response, *, html: bool) -> None:
        self.tally.replays += 1
        answered = response is not None and response.status_code in (200, 201)
        if not answered or self.code_of(response, html=html, with_password=False) != code:
            self.tally.replay_mismatches += 1

    def run(self, stop: float) -> None:
        while time.monotonic() < stop:
            box = self.rng.choice(self.mailboxes)
            (self.via_api if self.rng.random() < self.api_share else self.via_form)(box)


class Browser:
    def __init__(self, n: int, base: str, pages: list[dict]):
        self.base, self.pages = base, pages
        self.rng = random.Random(f"browser:{n}")
        self.ip = f"10.255.{n // 250}.{1 + n % 250}"
        self.session = requests.Session()
        self.tally = Tally()

    def run(self, stop: float) -> None:
        while time.monotonic() < stop:
            page = self.rng.choice(self.pages)
            headers = {"Host": page["host"], "X-Forwarded-For": self.ip}
            response = timed(
                self.session, self.tally, f"browse {page['kind']}", "GET", self.base + page["path"], headers=headers
            )
            if response is not None and response.status_code == 200 and page["kind"] == "published list":
                found = DETAIL_RE.findall(response.text)  # follow a reply, as a reader does
                if found:
                    detail = self.base + self.rng.choice(found)
                    timed(self.session, self.tally, "browse reply detail", "GET", detail, headers=headers)


def merge(tallies: list[Tally]) -> Tally:
    total = Tally()
    for t in tallies:
        for kind, values in t.latencies.items():
            total.latencies.setdefault(kind, []).extend(values)
        for status, n in t.statuses.items():
            total.statuses[status] = total.statuses.get(status, 0) + n
        total.codes += t.codes
        total.server_errors += t.server_errors
        for name in ("refused", "challenged", "invalid", "no_response", "replays", "replay_mismatches"):
            setattr(total, name, getattr(total, name) + getattr(t, name))
    return total


def identities(count: int) -> list[tuple[str, str]]:
    """A distinct IP (10.0.0.0/10, below the browsers' 10.255.x.x) and mobile number per submitter, new on every
    run, so that earlier runs on a reused database do not count against this run's rate limits."""
    rng = random.Random()
    ips = rng.sample(range(250**3), count)
    phones = rng.sample(range(10**8), count)
    return [
        (
            f"10.{ip // 62500}.{ip // 250 % 250}.{ip % 250 + 1}",
            f"1{rng.choice('3456789')}{rng.randrange(10)}{phone:08d}",
        )
        for ip, phone in zip(ips, phones, strict=True)
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def build_database(env: dict, db: Path) -> None:
    db.unlink(missing_ok=True)
    print("building the demo database (migrate, calendar, seed_demo) …", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "seed_calendar")
    manage(env, "seed_search_dictionary")
    manage(env, "seed_demo", "--seed", "1", "-v0")
    manage({**env, "DJANGO_SETTINGS_MODULE": "config.settings.bench"}, "collectstatic", "--noinput")


def start_server(env: dict, workers: int) -> subprocess.Popen:
    command = [PY, "-m", "gunicorn", "config.wsgi:application", "-b", f"{HOST}:{PORT}", "-w", str(workers)]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env, start_new_session=True)
    wait_until_up(f"http://{HOST}:{PORT}/healthz")
    return server


def server_cpu_seconds(group: int) -> float:
    """CPU time (user + system) used so far by the gunicorn master and workers (Linux /proc; 0 elsewhere). Unlike
    req/s it does not depend on what else the machine is running."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group:  # process group: the server was started in its own session
            total += int(fields[11]) + int(fields[12])
    return total / ticks


def report(args, tally: Tally, elapsed: float, stored: dict, limits: str, cpu: float) -> tuple[str, list[str]]:
    accepted = len(set(tally.codes))
    submissions = sum(len(v) for k, v in tally.latencies.items() if k.startswith("submit"))
    requests_total = sum(len(v) for v in tally.latencies.values())
    all_latencies = [x for v in tally.latencies.values() for x in v]
    five_xx = sum(n for status, n in tally.statuses.items() if status >= 500)
    lines = [
        f"{args.submitters} submitters + {args.browsers} browsers for {elapsed:.0f} s, gunicorn {args.workers} sync "
        f"workers, SQLite, {os.cpu_count()} CPUs (load generator on the same machine); limits: {limits}",
        "",
        "| measure | value |",
        "|---|---|",
        f"| messages accepted (distinct tracking codes) | {accepted} |",
        f"| messages stored with those codes | {stored['stored']} |",
        f"| rows stored during the run | {stored['new_rows']} |",
        f"| repeated submissions (same form token / Idempotency-Key) → same code | "
        f"{tally.replays - tally.replay_mismatches}/{tally.replays} |",
        f"| refused 429 / captcha asked / other 400 | {tally.refused} / {tally.challenged} / {tally.invalid} |",
        f"| 5xx / no response | {five_xx} / {tally.no_response} |",
        f"| throughput, all requests | {requests_total / elapsed:.1f} req/s |",
        f"| throughput, accepted messages | {accepted / elapsed:.1f} /s ({submissions / elapsed:.1f} submit req/s) |",
        f"| latency p50 / p95, all requests | {percentile(all_latencies, 0.5) * 1000:.0f} / "
        f"{percentile(all_latencies, 0.95) * 1000:.0f} ms |",
        f"| server CPU (all workers) | {cpu:.0f} s in {elapsed:.0f} s = {cpu / max(requests_total, 1) * 1000:.0f} ms "
        f"per request |",
        "",
        "| request | count | p50 ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        lines.append(
            f"| {kind} | {len(values)} | {percentile(values, 0.5) * 1000:.0f} | {percentile(values, 0.95) * 1000:.0f} |"
        )
    failures = []
    if accepted != stored["stored"] or stored["new_rows"] != accepted:
        failures.append(
            f"accepted {accepted} ≠ stored {stored['stored']} (rows stored during the run {stored['new_rows']})"
        )
    if five_xx or tally.no_response:
        failures.append(f"{five_xx} responses were 5xx and {tally.no_response} requests got no response")
    if tally.replay_mismatches:
        failures.append(f"{tally.replay_mismatches} repeated submissions did not return the first tracking code")
    if tally.invalid:
        failures.append(f"{tally.invalid} valid submissions were answered with an unexpected 400/200 page")
    return "\n".join(lines), failures


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (default 60)")
    parser.add_argument("--submitters", type=int, default=50, help="concurrent citizens submitting (default 50)")
    parser.add_argument("--browsers", type=int, default=10, help="concurrent readers of the public pages (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--api-share", type=float, default=0.5, help="share of submissions through the API")
    parser.add_argument("--replay-share", type=float, default=0.05, help="share of submissions sent twice")
    parser.add_argument("--real-limits", action="store_true", help="keep the shipped anti-spam limits (see above)")
    parser.add_argument("--reuse-db", action="store_true", help="reuse bench/results/interaction.sqlite3 if present")
    args = parser.parse_args()

    RESULTS.mkdir(parents=True, exist_ok=True)
    db = RESULTS / "interaction.sqlite3"
    env = env_for(db, "config.settings.dev")
    if not (args.reuse_db and db.exists()):
        build_database(env, db)
    targets = json.loads(python(env, SETUP, *SITES).splitlines()[-1])
    limits = (
        "shipped (per IP/hour, per phone/day, captcha)"
        if args.real_limits
        else "raised, one IP and phone per submitter"
    )
    server_env = {
        **env_for(db, "config.settings.bench"),
        "TRUSTED_PROXIES": "127.0.0.1",
        "PAGE_CACHE_SECONDS": "0",
    }
    server_env["LOG_LEVEL"] = "ERROR"  # no warning line per 429; 5xx tracebacks still show
    if not args.real_limits:
        server_env.update(RAISED_LIMITS)
    base = f"http://{HOST}:{PORT}"
    server = start_server(server_env, args.workers)
    try:
        citizens = [
            Citizen(n, base, targets["mailboxes"], args.api_share, args.replay_share, identity)
            for n, identity in enumerate(identities(args.submitters))
        ]
        browsers = [Browser(n, base, targets["browse"]) for n in range(args.browsers)]
        print(f"load: {args.submitters} submitters, {args.browsers} browsers, {args.duration} s …", flush=True)
        since = time.time()
        cpu_before = server_cpu_seconds(server.pid)
        started = time.monotonic()
        stop = started + args.duration
        threads = [threading.Thread(target=actor.run, args=(stop,)) for actor in [*citizens, *browsers]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        cpu = server_cpu_seconds(server.pid) - cpu_before
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    tally = merge([actor.tally for actor in [*citizens, *browsers]])
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(sorted(set(tally.codes)), handle)
    stored = json.loads(python(env, VERIFY, handle.name, str(since - 1)).splitlines()[-1])
    os.unlink(handle.name)
    text, failures = report(args, tally, elapsed, stored, limits, cpu)
    print(text)
    for line in tally.server_errors[:10]:
        print("5xx:", line)
    (RESULTS / "interaction.json").write_text(
        json.dumps(
            {
                "args": vars(args),
                "elapsed": elapsed,
                "server_cpu_seconds": cpu,
                "accepted": len(set(tally.codes)),
                "stored": stored,
                "statuses": tally.statuses,
                "refused": tally.refused,
                "challenged": tally.challenged,
                "p50_ms": {k: percentile(v, 0.5) * 1000 for k, v in tally.latencies.items()},
                "p95_ms": {k: percentile(v, 0.95) * 1000 for k, v in tally.latencies.items()},
                "failures": failures,
            },
            ensure_ascii=False,
            indent=2,
        )
    )
    if failures:
        sys.exit("FAILED: " + "; ".join(failures))


if __name__ == "__main__":
    main()
