"""Request ids and structured log lines (core/requestlog.py)."""

import json
import logging
import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from config.settings.base import logging_config
from core.requestlog import JsonLinesFormatter, RequestIdFilter, request_id_var

pytestmark = pytest.mark.django_db

FRESH_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture
def client():
    return Client()


def access_records(caplog):
    return [record for record in caplog.records if record.name == "govsites.access"]


def test_sane_proxy_id_is_kept(client):
    nginx_id = "7f3c2a9e0b1d4c5e8f6a7b8c9d0e1f2a"
    response = client.get("/healthz", HTTP_X_REQUEST_ID=nginx_id)
    assert response["X-Request-ID"] == nginx_id


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "short",
        "has space in it",
        "x" * 129,
        "id\nINFO forged line",
        "<script>alert(1)</script>",
        "请求编号12345678",
    ],
)
def test_odd_proxy_id_is_replaced(client, bad):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=bad)
    assert FRESH_ID.fullmatch(response["X-Request-ID"])


def test_every_response_gets_a_fresh_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert FRESH_ID.fullmatch(first) and FRESH_ID.fullmatch(second) and first != second


def test_early_answers_carry_the_id(client):
    """The input guard answers before the views; its 400 still names the request."""
    response = client.get("/search/?q=%01", HTTP_X_REQUEST_ID="req-00000001")
    assert response.status_code == 400
    assert response["X-Request-ID"] == "req-00000001"


def test_access_line_has_the_fields_and_no_query(client, caplog, group):
    caplog.set_level(logging.INFO, logger="govsites.access")
    client.get(
        "/hdjl/query/?code=X123&password=hunter2&phone=13800000000",
        HTTP_HOST="zhuzhou.localhost",
        HTTP_X_REQUEST_ID="req-access-1",
        REMOTE_ADDR="203.0.113.7",
    )
    [record] = access_records(caplog)
    assert record.request_id == "req-access-1"
    assert record.method == "GET"
    assert record.path == "/hdjl/query/"
    assert record.status in (200, 400)
    assert record.duration_ms > 0
    assert record.client == "203.0.113.7"
    line = JsonLinesFormatter().format(record)
    assert "hunter2" not in line and "13800000000" not in line and "X123" not in line


def test_probes_are_not_access_logged(client, caplog):
    caplog.set_level(logging.INFO, logger="govsites.access")
    client.get("/healthz")
    client.get("/readyz")
    assert access_records(caplog) == []


class Recorder(logging.Handler):
    """A handler with the project's filter, as the console handler has: records are tagged when emitted."""

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.addFilter(RequestIdFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def recorder():
    handler = Recorder()
    logging.getLogger().addHandler(handler)
    yield handler
    logging.getLogger().removeHandler(handler)


def test_lines_logged_during_the_request_carry_its_id(client, recorder, group):
    """Django logs a 404 on django.request after the middleware chain has returned; it still has the id."""
    response = client.get("/no-such-page/", HTTP_HOST="zhuzhou.localhost", HTTP_X_REQUEST_ID="req-notfound-1")
    assert response.status_code == 404
    [warning] = [record for record in recorder.records if record.name == "django.request"]
    assert warning.getMessage() == "Not Found: /no-such-page/"
    assert warning.request_id == "req-notfound-1"
    logging.getLogger("govsites.task").warning("after the request")
    assert recorder.records[-1].request_id == "-"


def test_outside_a_request_the_id_is_a_dash():
    record = logging.LogRecord("govsites.task", logging.INFO, __file__, 1, "indexed", None, None)
    RequestIdFilter().filter(record)
    assert record.request_id == "-"


def test_json_line_fields():
    token = request_id_var.set("req-json-1")
    try:
        record = logging.LogRecord("govsites.access", logging.INFO, __file__, 1, "GET %s", ("/",), None)
        record.__dict__.update(method="GET", path="/", status=200, duration_ms=3.2, client="203.0.113.0")
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    data = json.loads(JsonLinesFormatter().format(record))
    assert data["level"] == "INFO"
    assert data["logger"] == "govsites.access"
    assert data["request_id"] == "req-json-1"
    assert data["message"] == "GET /"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", data["time"])
    assert {k: data[k] for k in ("method", "path", "status", "duration_ms", "client")} == {
        "method": "GET",
        "path": "/",
        "status": 200,
        "duration_ms": 3.2,
        "client": "203.0.113.0",
    }


def test_json_keeps_chinese_readable():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "站点不存在", None, None)
    RequestIdFilter().filter(record)
    assert '"站点不存在"' in JsonLinesFormatter().format(record)


def test_unknown_log_format_is_one_clear_error():
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT must be"):
        logging_config("xml")
    assert logging_config("json")["handlers"]["console"]["formatter"] == "json"
