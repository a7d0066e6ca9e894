"""External links, checked politely and cached for a day.

- Bounded concurrency: at most `EVALUATION_LINK_WORKERS` hosts are contacted at the same time.
- Per-host politeness: the URLs of one host are checked one after another by a single worker, with
  `EVALUATION_LINK_HOST_DELAY` seconds between two requests to it.
- HEAD first; when the server refuses or fails HEAD (405, 501, 403, 404 or any error status: some servers
  answer HEAD wrongly) the URL is fetched with GET, reading no more than the headers.
- Timeouts: `EVALUATION_LINK_TIMEOUT` seconds to connect and to read; redirects followed up to 5.
- Every result is stored in `ExternalLinkResult` and reused for `EVALUATION_EXTERNAL_LINK_CACHE_HOURS` (24) hours.
"""

import datetime
import ssl
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import urllib3
from django.conf import settings
from django.utils import timezone
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
    TimeoutError,
)

from ..models import ExternalLinkResult

USER_AGENT = "govsites-linkcheck/1.0 (+website inspection)"  # header values are Latin-1


@dataclass(frozen=True)
class ExternalResult:
    url: str
    ok: bool
    status: int | None
    reason: str
    method: str


def _setting(name, default):
    return getattr(settings, name, default)


def check_key(url: str) -> str:
    """The URL actually checked (and stored) for `url`: ASCII (IDNA host, percent-encoded path and query), since
    links may carry Chinese characters. Links to the hosts in EVALUATION_LINK_QUERY_INSENSITIVE_HOSTS differ only by
    a query naming the page they sit on (the national 我为政府网站找错 entrance carries `url=<this page>`): one
    request per path, not one per page of the group."""
    parts = urlsplit(url)
    if parts.query and parts.hostname in _setting("EVALUATION_LINK_QUERY_INSENSITIVE_HOSTS", ()):
        parts = parts._replace(query="")
    netloc = parts.netloc
    if not netloc.isascii():
        try:
            host = parts.hostname.encode("idna").decode("ascii")
            netloc = f"{host}:{parts.port}" if parts.port else host
        except (UnicodeError, ValueError):
            pass  # left as it is: the request fails with a clear reason
    return parts._replace(
        netloc=netloc, path=quote(parts.path, safe=_SAFE), query=quote(parts.query, safe=_SAFE + "?"), fragment=""
    ).geturl()


_SAFE = "/:@!$&'()*+,;=%~-._"
MAX_URL = 2000  # ExternalLinkResult.url


def check_external(urls, *, now=None) -> dict[str, ExternalLinkResult]:
    """Results for every URL: cached ones younger than a day as stored, the others requested now and stored.
    Keyed by the caller's URLs (several may share one checked URL, see `check_key`)."""
    now = now or timezone.now()
    wanted = {url: check_key(url) for url in urls}
    results = _check_keys(sorted(set(wanted.values())), now)
    return {url: results[key] for url, key in wanted.items()}


def _check_keys(urls, now) -> dict[str, ExternalLinkResult]:
    too_long = {
        url: ExternalLinkResult(
            url=url[:MAX_URL], ok=False, reason=f"链接地址过长（超过{MAX_URL}字符）", checked_at=now
        )
        for url in urls
        if len(url) > MAX_URL
    }
    urls = [url for url in urls if url not in too_long]
    fresh_after = now - datetime.timedelta(hours=_setting("EVALUATION_EXTERNAL_LINK_CACHE_HOURS", 24))
    results = {r.url: r for r in ExternalLinkResult.objects.filter(url__in=urls, checked_at__gte=fresh_after)}
    todo = [url for url in urls if url not in results]
    if todo:
        checked = fetch_all(todo)
        rows = [
            ExternalLinkResult(url=r.url, ok=r.ok, status=r.status, reason=r.reason, method=r.method, checked_at=now)
            for r in checked
        ]
        ExternalLinkResult.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["url"],
            update_fields=["ok", "status", "reason", "method", "checked_at"],
        )
        results.update({row.url: row for row in rows})
    return results | too_long


def fetch_all(urls) -> list[ExternalResult]:
    """Check `urls` now: one worker per host at a time, at most EVALUATION_LINK_WORKERS hosts in parallel."""
    by_host = defaultdict(list)
    for url in urls:
        by_host[urlsplit(url).netloc.lower()].append(url)
    http = pool()
    delay = _setting("EVALUATION_LINK_HOST_DELAY", 1.0)
    workers = max(1, min(_setting("EVALUATION_LINK_WORKERS", 8), len(by_host)))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="linkcheck") as executor:
        batches = executor.map(lambda host_urls: _check_host(http, host_urls, delay), by_host.values())
        return [result for batch in batches for result in batch]


def pool() -> urllib3.PoolManager:
    seconds = _setting("EVALUATION_LINK_TIMEOUT", 10.0)
    return urllib3.PoolManager(
        num_pools=64,
        timeout=urllib3.Timeout(connect=seconds, read=seconds),
        retries=urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=5, raise_on_redirect=True),
        headers={"User-Agent": USER_AGENT},
    )


HOST_FAILURES = ("域名解析失败", "无法连接", "连接超时")


def _check_host(http, urls, delay) -> list[ExternalResult]:
    results = []
    host_down = None
    for index, url in enumerate(urls):
        if host_down is not None:
            # The name does not resolve or nothing answers: the host's other URLs fail the same way, unasked.
            results.append(ExternalResult(url, False, None, host_down.reason, host_down.method))
            continue
        if index:
            time.sleep(delay)  # politeness: never two requests at once, and a pause between them, per host
        result = check_url(http, url, delay)
        if not result.ok and result.status is None and result.reason.startswith(HOST_FAILURES):
            host_down = result
        results.append(result)
    return results


def check_url(http, url: str, delay: float = 0.0) -> ExternalResult:
    head = _request(http, "HEAD", url)
    if head.ok or (head.status is None and _final(head.reason)):
        return head
    time.sleep(delay)
    return _request(http, "GET", url)


def _final(reason: str) -> bool:
    # A name that does not resolve or a TLS failure will not change with GET; a timeout or refused HEAD might.
    return reason.startswith(("域名解析失败", "TLS"))


def _request(http, method: str, url: str) -> ExternalResult:
    try:
        response = http.request(method, url, preload_content=False)
    except MaxRetryError as error:
        return ExternalResult(url, False, None, describe(error.reason or error), method)
    except (HTTPError, ssl.SSLError, OSError, ValueError) as error:
        return ExternalResult(url, False, None, describe(error), method)
    try:
        status = response.status
    finally:
        response.release_conn()
    if status < 400:
        return ExternalResult(url, True, status, "", method)
    return ExternalResult(url, False, status, http_reason(status), method)


def http_reason(status: int) -> str:
    return f"HTTP {status}{STATUS_REASONS.get(status, '')}"


STATUS_REASONS = {
    400: "（请求无效）",
    401: "（需要登录）",
    403: "（禁止访问）",
    404: "（页面不存在）",
    405: "（不允许的请求方式）",
    410: "（已永久删除）",
    500: "（服务器错误）",
    502: "（网关错误）",
    503: "（服务不可用）",
    504: "（网关超时）",
}


def describe(error) -> str:
    """A short Chinese reason for a failed request (shown to editors in the findings)."""
    if isinstance(error, NameResolutionError):
        return "域名解析失败（DNS）"
    if isinstance(error, SSLError | ssl.SSLError):
        return "TLS证书或加密连接错误"
    if isinstance(error, NewConnectionError | ConnectionRefusedError):  # before ConnectTimeoutError, its base class
        return "无法连接（连接被拒绝）"
    if isinstance(error, ConnectTimeoutError):
        return "连接超时"
    if isinstance(error, ReadTimeoutError | TimeoutError):
        return "响应超时"
    if isinstance(error, ProtocolError):
        return "连接被中断"
    if isinstance(error, MaxRetryError) or "redirect" in str(error).lower():
        return "重定向次数过多"
    if isinstance(error, ValueError):
        return "链接地址无效"
    return f"请求失败（{type(error).__name__}）"
