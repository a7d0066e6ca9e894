"""A request id on every request, every response and every log line; one access line per request.

nginx generates ``$request_id`` and passes it as ``X-Request-ID`` (deploy/nginx-govsites.conf); its access log
carries the same id, so one citizen's request can be followed from nginx through the application log to the task
it enqueued. A missing or odd value (anything but 8–128 letters, digits, ``.``, ``_``, ``:``, ``-``) is replaced by a
fresh id: a client must not be able to write arbitrary text into the log.

The access line (logger ``govsites.access``) holds the method, the path without its query string (queries may
carry a phone number or a query password), the status, the duration and the client key (core/clients.py). Nothing
from the body, no cookie, no user name.
"""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished
from pythonjsonlogger.json import JsonFormatter

from .clients import client_key

REQUEST_ID_HEADER = "X-Request-ID"
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
NO_REQUEST = "-"

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default=NO_REQUEST)
access_logger = logging.getLogger("govsites.access")


def current_request_id() -> str:
    return request_id_var.get()


def incoming_id(value: str | None) -> str:
    """The proxy's id when it is a sane token, else a new one."""
    if value and SANE_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost middleware: every response, the early ones (health, refused input, cache hits) included, carries
    the id, and everything logged while the request runs is tagged with it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = incoming_id(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        # Not reset on the way out: Django logs 4xx/5xx responses (django.request) after the middleware chain has
        # returned; request_finished clears it once the response is closed.
        request_id_var.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        # LOG_ACCESS=0 raises the access logger to WARNING: then no line is built at all (a page-cache hit is
        # cheap enough for the fields and the client key to show).
        if not getattr(request, "skip_access_log", False) and access_logger.isEnabledFor(logging.INFO):
            self._log(request, response.status_code, started)
        return response

    @staticmethod
    def _log(request, status: int, started: float) -> None:
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        fields = {
            "method": request.method,
            "path": request.path_info[:300],
            "status": status,
            "duration_ms": duration_ms,
            "client": client_key(request),
        }
        access_logger.info("%s %s %s %.1fms", request.method, fields["path"], status, duration_ms, extra=fields)


def _clear_request_id(**kwargs) -> None:
    request_id_var.set(NO_REQUEST)


request_finished.connect(_clear_request_id, dispatch_uid="core.requestlog.clear_request_id")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record ("-" outside a request: commands, the task worker's own lines)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class JsonLinesFormatter(JsonFormatter):
    """One JSON object a line: time (ISO 8601, UTC), level, logger, request_id, message and the access fields."""

    def __init__(self, **kwargs):
        kwargs.setdefault("timestamp", "time")
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__("{levelname}{name}{request_id}{message}", style="{", **kwargs)
