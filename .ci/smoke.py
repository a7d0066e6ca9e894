"""The checks of the deployment smoke test, run by .ci/smoke.sh once nginx, two gunicorn instances (A and B) and
the worker are up. Prints one PASS/FAIL/SKIP line per check; exits 1 if any check failed.

Everything goes through nginx: SMOKE_PORT balances over both instances; SMOKE_PIN_A and SMOKE_PIN_B are nginx
servers pinned to one instance each, so "through A" and "through B" are real requests to that instance.
"""

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

PORT = int(os.environ["SMOKE_PORT"])
PIN_A = int(os.environ["SMOKE_PIN_A"])
PIN_B = int(os.environ["SMOKE_PIN_B"])
WORK = Path(os.environ["SMOKE_WORK"])
REDIS_PORT = os.environ["SMOKE_REDIS_PORT"]
PY = sys.executable
SITES = {
    "zhuzhou": "株洲市人民政府",
    "hetang": "荷塘区人民政府",
    "zhuzhou-fgw": "株洲市发展和改革委员会",
    "changde": "常德市人民政府",
}
failures: list[str] = []


class Answer:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")

    def json(self):
        return json.loads(self.body)


def call(port, path, site="zhuzhou", method="GET", body=None, headers=None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    sent = {"Host": site if "." in site else f"{site}.localhost:{PORT}", **(headers or {})}
    if isinstance(body, dict):
        body = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    conn.request(method, path, body=body, headers=sent)
    response = conn.getresponse()
    headers: dict[str, str] = {}
    for name, value in response.getheaders():  # repeated headers (Cache-Control from expires + add_header) joined
        headers[name.lower()] = f"{headers[name.lower()]}, {value}" if name.lower() in headers else value
    answer = Answer(response.status, headers, response.read())
    conn.close()
    return answer


def check(name: str, func) -> None:
    """Run one check now; print PASS (with what it saw) or FAIL (with why)."""
    started = time.monotonic()
    try:
        detail = func()
    except Exception as exc:  # a failed check must not stop the others
        failures.append(name)
        print(f"FAIL {name}: {type(exc).__name__}: {exc}", flush=True)
    else:
        print(f"PASS {name}{f' ({detail})' if detail else ''} [{time.monotonic() - started:.1f}s]", flush=True)


def expect(condition, message: str) -> None:
    if not condition:
        raise AssertionError(message)


def manage(*args: str, settings: str = "config.settings.production") -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings}
    result = subprocess.run([PY, "manage.py", *args], env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args[:1])} failed: {result.stderr.strip()[-500:]}")
    return result.stdout


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while True:
        try:
            value = predicate()
            if value:
                return value
        except (OSError, http.client.HTTPException):
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds:.0f} s")
        time.sleep(0.5)


PUBLISH = """
import json
from home.models import ArticlePage, ColumnPage
from sites.models import SiteProfile
root = SiteProfile.objects.select_related("site").get(slug="hetang").site.root_page
column = ColumnPage.objects.live().descendant_of(root).filter(show_on_home=True).order_by("path").first()
page = ArticlePage(title=TITLE, slug=SLUG, source="本网", summary=TITLE)
column.add_child(instance=page)
page.save_revision().publish()
print(json.dumps({"column": column.get_url_parts()[2], "page": page.get_url_parts()[2]}))
"""


def publish_article(title: str) -> dict:
    code = f"TITLE = {title!r}\nSLUG = {('smoke-' + uuid.uuid4().hex[:8])!r}\n{PUBLISH}"
    return json.loads(manage("shell", "-c", code).strip().splitlines()[-1])


def message(title: str) -> dict:
    return {
        "site": "zhuzhou",
        "type": "consult",
        "title": title,
        "content": "冒烟测试：请问公共自行车站点什么时候增设？这是一条测试留言。",
        "name": "测试者",
        "phone": f"138{uuid.uuid4().int % 10**8:08d}",  # one per message: limits count per number and day
        "consent_publish": False,
    }


def submit(port: int, body: dict, key: str | None = None) -> dict:
    key = key or uuid.uuid4().hex
    answer = call(port, "/api/v1/interaction/questions/", method="POST", body=body, headers={"Idempotency-Key": key})
    expect(answer.status in (200, 201), f"submit answered {answer.status}: {answer.text[:300]}")
    return {**answer.json(), "key": key, "status_code": answer.status}


def query(port: int, receipt: dict) -> Answer:
    """The 办理查询 form (POST with its CSRF token), as a citizen uses it."""
    form = call(port, "/hdjl/query/")
    expect(form.status == 200, f"query form {form.status}")
    cookie = re.search(r"csrftoken=([^;]+)", form.headers.get("set-cookie", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text)
    expect(cookie and token, "the query form has no CSRF cookie/token")
    body = f"csrfmiddlewaretoken={token.group(1)}&code={receipt['tracking_code']}&password={receipt['query_password']}"
    return call(
        port,
        "/hdjl/query/",
        method="POST",
        body=body.encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie.group(1)}"},
    )


def search(port: int, q: str, site: str = "hetang") -> dict:
    answer = call(port, f"/api/v1/search/?q={quote(q)}", site=site)
    expect(answer.status == 200, f"search API answered {answer.status}")
    return answer.json()


def readyz(port: int = PORT) -> Answer:
    return call(port, "/readyz")


def pages_served(port: int = PORT) -> str:
    for slug, name in SITES.items():
        answer = call(port, "/", site=slug)
        expect(
            answer.status == 200 and name in answer.text, f"{slug}: {answer.status}, name shown: {name in answer.text}"
        )
    return f"{len(SITES)} sites"


def relay(action: str) -> None:
    pidfile = WORK / "relay.pid"
    if action == "stop":
        os.kill(int(pidfile.read_text()), signal.SIGTERM)
        pidfile.unlink()
        return
    port, target = os.environ["SMOKE_RELAY_PORT"], os.environ["SMOKE_ES_TARGET"]
    log = open(WORK / "logs" / "relay.log", "a")  # noqa: SIM115 - the relay outlives this call
    subprocess.Popen([PY, ".ci/smoke_relay.py", port, target, str(pidfile)], stdout=log, stderr=log)
    wait_for(pidfile.exists, 10, "relay restarted")


def redis(action: str) -> None:
    if action == "stop":
        subprocess.run(["redis-cli", "-p", REDIS_PORT, "shutdown", "nosave"], capture_output=True)
        return
    subprocess.run(
        ["redis-server", "--port", REDIS_PORT, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--daemonize", "yes", "--dir", str(WORK), "--logfile", str(WORK / "logs" / "redis.log")],
        check=True, capture_output=True,
    )  # fmt: skip
    wait_for(
        lambda: subprocess.run(["redis-cli", "-p", REDIS_PORT, "ping"], capture_output=True).returncode == 0,
        10,
        "redis",
    )


def check_up() -> str:
    wait_for(lambda: call(PORT, "/healthz").status == 200, 120, "both instances answer /healthz")
    wait_for(lambda: call(PIN_A, "/healthz").status == 200 and call(PIN_B, "/healthz").status == 200, 60, "A and B")
    answer = readyz()
    body = answer.json()
    expect(answer.status == 200, f"/readyz {answer.status}: {body}")
    return ", ".join(f"{name} {check['status']}" for name, check in body["checks"].items())


def check_request_id() -> str:
    answer = call(PORT, "/", site="hetang")
    rid = answer.headers.get("x-request-id", "")
    expect(re.fullmatch(r"[0-9a-f]{32}", rid), f"X-Request-ID {rid!r} is not nginx's $request_id")
    log = WORK / "logs" / "nginx-access.log"
    wait_for(lambda: f"rid={rid}" in log.read_text(), 5, "nginx's access log has the id the application returned")
    return rid


def check_unknown_host() -> str:
    try:
        answer = call(PORT, "/", site="evil.example")
    except (http.client.RemoteDisconnected, ConnectionResetError):
        return "connection closed (444)"
    raise AssertionError(f"an unknown host got {answer.status}")


def check_static_and_media() -> str:
    home = call(PORT, "/", site="zhuzhou")
    css = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    expect(css, "no stylesheet link on the portal home")
    answer = call(PORT, css.group(1), headers={"Accept-Encoding": "gzip"})
    expect(answer.status == 200, f"{css.group(1)}: {answer.status}")
    expect("max-age=" in answer.headers.get("cache-control", ""), "static file without nginx's expires header")
    expect(answer.headers.get("content-encoding") == "gzip", "static CSS not gzipped")
    (Path(os.environ["MEDIA_ROOT"]) / "smoke.txt").write_text("media through nginx")
    media = call(PORT, "/media/smoke.txt")
    expect(media.status == 200 and media.text == "media through nginx", f"/media/: {media.status}")
    (Path(os.environ["PRIVATE_MEDIA_ROOT"]) / "secret.txt").write_text("private")
    for path in ("/media/../private/secret.txt", "/private/secret.txt", "/media/secret.txt"):
        expect(call(PORT, path).status in (400, 404), f"{path} reachable")
    return css.group(1)


def warm(path: str, site: str) -> None:
    """Both instances hold the page in the (shared) page cache before the publish."""
    for port in (PIN_A, PIN_B):
        call(port, path, site=site)
        answer = call(port, path, site=site)
        expect(answer.headers.get("x-page-cache") == "hit", f"{path} not served from the page cache on port {port}")


def check_publish_seen_on_b(state: dict) -> str:
    warm("/", "hetang")
    title = f"冒烟测试公告{uuid.uuid4().int % 100000:05d}"
    urls = publish_article(title)
    state.update(title=title, **urls)
    answer = call(PIN_B, "/", site="hetang")
    expect(answer.status == 200 and title in answer.text, "B still serves the page cached before the publish")
    answer = call(PIN_A, urls["column"], site="hetang")
    expect(title in answer.text, "A does not list the new article in its column")
    return f"{title} on B at once"


def check_message_a_to_b(state: dict) -> str:
    body = message("冒烟测试留言甲")
    receipt = submit(PIN_A, body)
    expect(receipt["status_code"] == 201 and receipt["query_password"], f"receipt: {receipt}")
    replay = submit(PIN_B, body, key=receipt["key"])  # the same message retried (a lost answer) through B
    expect(replay["duplicate"] and replay["tracking_code"] == receipt["tracking_code"], "B stored the retry twice")
    answer = query(PIN_B, receipt)
    expect(answer.status == 200 and "冒烟测试留言甲" in answer.text, f"B's query answered {answer.status}")
    state["receipts"] = [receipt]
    return receipt["tracking_code"]


def check_search_finds_new_page(state: dict) -> str:
    def found():
        body = search(PIN_B, state["title"])
        return body if any(state["title"] in json.dumps(r, ensure_ascii=False) for r in body["results"]) else None

    body = wait_for(found, 90, "B's search finds the new page")
    expect(not body["fallback"], "search answered from the fallback, not Elasticsearch")
    return "indexed by the worker"


def check_elasticsearch_down(state: dict) -> str:
    relay("stop")
    try:
        pages_served()
        page = call(PORT, f"/search/?q={quote('政务服务')}", site="zhuzhou")
        expect(page.status == 200 and "data-fallback" in page.text, f"search page {page.status}, no fallback notice")
        body = search(PIN_B, state["title"])
        expect(body["fallback"] and body["notice"], "the API did not say it fell back")
        ready = readyz()
        expect(ready.status == 503 and ready.json()["checks"]["elasticsearch"]["status"] == "fail", "readyz stayed ok")
    finally:
        relay("start")
    wait_for(lambda: readyz().status == 200, 30, "readyz after Elasticsearch is back")
    # The search backend skips a node it could not reach for 30 s (search/backends/elastic.py DOWN_SECONDS).
    wait_for(lambda: not search(PIN_A, state["title"])["fallback"], 60, "search uses Elasticsearch again")
    return "pages 200, search fell back with a notice, readyz 503 then 200"


def check_redis_down(state: dict) -> str:
    redis("stop")
    try:
        pages_served()
        receipt = submit(PORT, message("冒烟测试留言乙"))
        expect(receipt["status_code"] == 201, f"message during the Redis outage: {receipt}")
        state["receipts"].append(receipt)
        ready = readyz()
        expect(ready.status == 503 and ready.json()["checks"]["cache"]["status"] == "fail", "readyz stayed ok")
    finally:
        redis("start")
    wait_for(lambda: readyz().status == 200, 30, "readyz after Redis is back")
    for receipt, port in zip(state["receipts"], (PIN_A, PIN_B), strict=True):
        answer = query(port, receipt)
        expect(answer.status == 200, f"message {receipt['tracking_code']} not found after the outage")
    return "pages 200, message accepted and queried afterwards, readyz 503 then 200"


def check_worker() -> str:
    tasks = readyz().json()["checks"]["tasks"]
    expect(tasks["status"] == "ok", f"task queue: {tasks}")
    return f"oldest due task {tasks['oldest_due_seconds']} s"


def main() -> int:
    state: dict = {}
    check("both instances up, /readyz ok through nginx", check_up)
    check("X-Request-ID from nginx reaches the app and comes back", check_request_id)
    check("pages of several sites by hostname", pages_served)
    check("unknown host refused by nginx", check_unknown_host)
    check("static and media through nginx, private media never", check_static_and_media)
    check("publish through one process seen at once through B", lambda: check_publish_seen_on_b(state))
    check("message accepted by A, retried and queried through B", lambda: check_message_a_to_b(state))
    if "title" in state:
        check("search on B finds the newly published page", lambda: check_search_finds_new_page(state))
    check("task worker keeps the queue short", check_worker)
    if "title" in state:
        check("Elasticsearch down: pages served, search falls back", lambda: check_elasticsearch_down(state))
    if state.get("receipts"):
        check("Redis down: pages served, nothing accepted lost", lambda: check_redis_down(state))
    print(f"== smoke: {'FAIL' if failures else 'PASS'} ({len(failures)} failed: {', '.join(failures) or 'none'})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
