"""External links against local servers only (pytest-httpserver): HEAD then GET, timeouts, reasons, politeness
per host, bounded concurrency and the one-day cache."""

import datetime
import itertools
import threading
import time

import pytest
from django.utils import timezone
from werkzeug import Response

from demo.factories.home import ArticlePageFactory, column_of
from evaluation.checks.registry import get
from evaluation.links import external
from evaluation.links.external import check_external, fetch_all
from evaluation.links.extractor import LinkKind, group_addresses, render_site
from evaluation.models import ExternalLinkResult

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast(settings):
    settings.EVALUATION_LINK_HOST_DELAY = 0
    settings.EVALUATION_LINK_TIMEOUT = 2


def test_head_refused_then_get_ok(httpserver):
    httpserver.expect_request("/head-refused", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/head-refused", method="GET").respond_with_data("正文")
    (result,) = fetch_all([httpserver.url_for("/head-refused")])
    assert (result.ok, result.status, result.method) == (True, 200, "GET")
    assert [r.method for r, _ in httpserver.log] == ["HEAD", "GET"]


def test_head_ok_needs_no_get(httpserver):
    httpserver.expect_request("/fine").respond_with_data("ok")
    (result,) = fetch_all([httpserver.url_for("/fine")])
    assert (result.ok, result.method) == (True, "HEAD")
    assert [r.method for r, _ in httpserver.log] == ["HEAD"]


def test_404_after_head_and_get_is_broken_with_its_reason(httpserver):
    httpserver.expect_request("/gone").respond_with_data("", status=404)
    (result,) = fetch_all([httpserver.url_for("/gone")])
    assert (result.ok, result.status, result.reason) == (False, 404, "HTTP 404（页面不存在）")
    assert [r.method for r, _ in httpserver.log] == ["HEAD", "GET"]


def test_redirect_to_a_working_page_is_ok(httpserver):
    httpserver.expect_request("/old").respond_with_response(Response("", status=301, headers={"Location": "/new"}))
    httpserver.expect_request("/new").respond_with_data("ok")
    (result,) = fetch_all([httpserver.url_for("/old")])
    assert (result.ok, result.status) == (True, 200)


def test_timeout_is_reported(httpserver, settings):
    settings.EVALUATION_LINK_TIMEOUT = 0.3
    release = threading.Event()

    def slow(request):
        release.wait(2)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    try:
        (result,) = fetch_all([httpserver.url_for("/slow")])
    finally:
        release.set()
    assert (result.ok, result.status, result.reason) == (False, None, "响应超时")


def test_connection_refused_and_dns_failure_have_reasons():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused, unknown = fetch_all([f"http://127.0.0.1:{port}/x", "http://no-such-host.invalid/x"])
    assert (refused.ok, refused.reason) == (False, "无法连接（连接被拒绝）")
    assert (unknown.ok, unknown.reason) == (False, "域名解析失败（DNS）")


def test_results_are_cached_for_a_day(httpserver):
    httpserver.expect_request("/cached").respond_with_data("ok")
    url = httpserver.url_for("/cached")
    now = timezone.now()
    assert check_external([url], now=now)[url].ok
    assert check_external([url], now=now + datetime.timedelta(hours=23))[url].ok
    assert len(httpserver.log) == 1  # no second request within the day
    row = ExternalLinkResult.objects.get(url=url)
    assert (row.ok, row.status, row.method, row.checked_at) == (True, 200, "HEAD", now)
    check_external([url], now=now + datetime.timedelta(hours=25))
    assert len(httpserver.log) == 2
    assert ExternalLinkResult.objects.get(url=url).checked_at == now + datetime.timedelta(hours=25)


def test_one_request_at_a_time_per_host_with_a_delay(httpserver, settings):
    settings.EVALUATION_LINK_HOST_DELAY = 0.2
    settings.EVALUATION_LINK_WORKERS = 8
    spans, lock = [], threading.Lock()

    def timed(request):
        start = time.monotonic()
        time.sleep(0.05)
        with lock:
            spans.append((start, time.monotonic()))
        return Response("ok")

    for n in range(4):
        httpserver.expect_request(f"/p{n}").respond_with_handler(timed)
    fetch_all([httpserver.url_for(f"/p{n}") for n in range(4)])
    spans.sort()
    assert len(spans) == 4
    gaps = [later[0] - earlier[1] for earlier, later in itertools.pairwise(spans)]
    assert all(gap >= 0.19 for gap in gaps), gaps  # never overlapping, and the delay between two requests


def test_different_hosts_are_checked_in_parallel_but_bounded(monkeypatch, settings):
    settings.EVALUATION_LINK_WORKERS = 2
    active, peak, lock = [0], [0], threading.Lock()

    def fake_check(http, url, delay=0):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.2)
        with lock:
            active[0] -= 1
        return external.ExternalResult(url, True, 200, "", "HEAD")

    monkeypatch.setattr(external, "check_url", fake_check)  # count concurrency without 6 servers
    results = fetch_all([f"http://host{n}.example/" for n in range(6)])
    assert len(results) == 6 and peak[0] == 2


def test_external_links_check_reports_broken_external_links(group, httpserver, settings):
    httpserver.expect_request("/ok").respond_with_data("ok")
    httpserver.expect_request("/missing").respond_with_data("", status=404)
    html = f'<p><a href="{httpserver.url_for("/ok")}">好</a> <a href="{httpserver.url_for("/missing")}">坏</a></p>'
    article = ArticlePageFactory(
        parent=column_of(group.hetang, "gzdt"), body=[{"type": "paragraph", "value": html}], title="外链文章"
    )
    # The site's chrome links to gov.cn, 备案 and other real hosts: there is no internet in tests, so their results
    # are put in the day cache first and only the local server is ever contacted.
    outside = {
        external.check_key(link.url)
        for rendered in render_site(group.hetang.site, group_addresses())
        for link in rendered.links
        if link.kind == LinkKind.EXTERNAL and link.host != f"{httpserver.host}:{httpserver.port}"
    }
    assert outside  # the chrome does link out
    ExternalLinkResult.objects.bulk_create(
        ExternalLinkResult(url=url, ok=True, status=200, checked_at=timezone.now()) for url in outside
    )
    findings = list(get("external_links").run(group.hetang, timezone.localdate()))
    assert [(f.page_id, f.extra["target"], f.extra["reason"]) for f in findings] == [
        (article.pk, httpserver.url_for("/missing"), "HTTP 404（页面不存在）")
    ]
    assert not get("external_links").offline and get("links").offline
    # The internal check never goes out, whatever the page links to.
    assert list(get("links").run(group.hetang, timezone.localdate())) == []
    settings.EVALUATION_EXTERNAL_LINKS = False
    before = len(httpserver.log)
    assert list(get("external_links").run(group.hetang, timezone.localdate())) == []
    assert len(httpserver.log) == before


def test_a_host_that_does_not_answer_is_asked_once(monkeypatch):
    calls = []

    def refused(http, url, delay=0):
        calls.append(url)
        return external.ExternalResult(url, False, None, "无法连接（连接被拒绝）", "GET")

    monkeypatch.setattr(external, "check_url", refused)
    results = fetch_all([f"http://down.example/{n}" for n in range(5)])
    assert len(calls) == 1
    assert {(r.ok, r.reason) for r in results} == {(False, "无法连接（连接被拒绝）")} and len(results) == 5


def test_query_insensitive_hosts_are_checked_once_per_path(httpserver, settings):
    settings.EVALUATION_LINK_QUERY_INSENSITIVE_HOSTS = ["localhost"]
    httpserver.expect_request("/check").respond_with_data("ok")
    urls = [httpserver.url_for(f"/check?url=http%3A%2F%2Fhetang.localhost%2Fpage{n}%2F") for n in range(3)]
    results = check_external(urls)
    assert set(results) == set(urls) and all(r.ok for r in results.values())
    assert len(httpserver.log) == 1
    assert list(ExternalLinkResult.objects.values_list("url", flat=True)) == [httpserver.url_for("/check")]


def test_chinese_urls_are_checked_in_ascii_and_overlong_ones_are_refused_without_a_request(httpserver):
    httpserver.expect_request("/文件/通知.html").respond_with_data("ok")
    url = httpserver.url_for("/文件/通知.html") + "?关键词=政务"
    key = external.check_key(url)
    assert key.isascii() and "%E6%96%87%E4%BB%B6" in key
    long_url = httpserver.url_for("/x?" + "a" * 2100)
    results = check_external([url, long_url])
    assert results[url].ok
    assert (results[long_url].ok, results[long_url].reason) == (False, "链接地址过长（超过2000字符）")
    assert len(httpserver.log) == 1
    assert list(ExternalLinkResult.objects.values_list("url", flat=True)) == [key]
    assert external.check_key("http://政府.中国/a") == "http://xn--mxtq1m.xn--fiqs8s/a"
