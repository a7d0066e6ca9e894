"""Refuse what no view should ever see, before any view or database sees it (core/text.py says what and why).

Checked on every request: the path, the query string (which must also be valid UTF-8: Django would otherwise turn
bad bytes into U+FFFD silently), and the body — form fields and upload names, or every string (keys too) of a JSON
body. A public request carrying a refused character gets a Chinese 400 (JSON ``{"message", "errors"}`` under
/api/) naming the parameter. In the admin, form bodies are cleaned instead of refused: editors paste from word
processors, whose vertical tabs and stray control characters would otherwise cost them an unsaved page.
"""

import json
from urllib.parse import parse_qsl

from django.conf import settings
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext

from .errors import error_language, error_page
from .params import REFUSED_ATTR
from .text import FORBIDDEN_MESSAGE, describe, forbidden_character

ENCODING_MESSAGE = "请求参数不是有效的 UTF-8 文本。"
LONG_QUERY_MESSAGE = "请求网址过长。"
# A search may be 1,000 Chinese characters (9 KB percent-encoded); deploy/nginx-govsites.conf allows 16 KB lines too.
MAX_QUERY_BYTES = 16_384
REPEATED_FIELD = "只能给出一个值"
TOO_MANY_MESSAGE = "请求参数过多。"
MULTIPART_MESSAGE = "提交的表单格式不正确（multipart 数据无法解析）。"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BODY_METHODS = ("POST", "PUT", "PATCH", "DELETE")


CONTROL_TEMPLATE = "“%(field)s”" + FORBIDDEN_MESSAGE + "（%(char)s）"


class InputRefused(Exception):
    """``message`` is Chinese; ``template``/``values`` (when given) let the English mirror's pages say it in
    English: the msgid is the Chinese template (locale/en)."""

    def __init__(self, field: str, message: str, status: int = 400, template: str = "", values=None):
        super().__init__(message)
        self.field, self.message, self.status = field, message, status
        self.template, self.values = template, values or {}

    def localized(self) -> str:
        if self.template:
            return gettext(self.template) % self.values
        return gettext(self.message)


def _check(field: str, value: str, *, allow_lines: bool = True) -> None:
    ch = forbidden_character(value, allow_lines=allow_lines)
    if ch is not None:
        values = {"field": field[:40] or "请求", "char": describe(ch)}
        raise InputRefused(field or "request", CONTROL_TEMPLATE % values, template=CONTROL_TEMPLATE, values=values)


def _check_pairs(pairs) -> None:
    for name, value in pairs:
        _check(name, name, allow_lines=False)
        _check(name, value)


def _parse_strict(raw: bytes) -> list[tuple[str, str]]:
    try:
        text = raw.decode("utf-8")
        return parse_qsl(
            text,
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except UnicodeDecodeError:
        raise InputRefused("request", ENCODING_MESSAGE) from None
    except ValueError:  # more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
        raise InputRefused("request", TOO_MANY_MESSAGE) from None


def _walk_json(value, path: str = "") -> None:
    if isinstance(value, str):
        _check(path or "body", value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check(str(key), str(key), allow_lines=False)
            _walk_json(item, str(key) if not path else f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            _walk_json(item, path)


def _check_single(names) -> None:
    """No public form has a field that takes several values (attachments are files): a repeated field is a
    forged request, and Django would silently keep the last value."""
    seen = set()
    for name in names:
        if name in seen:
            raise InputRefused(name, f"“{name[:40]}”{REPEATED_FIELD}")
        seen.add(name)


def _check_query(request) -> None:
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_BYTES:
        raise InputRefused("request", LONG_QUERY_MESSAGE, status=414)
    if query:
        # WSGI hands the raw bytes over as latin-1 text; a test client may pass characters beyond it.
        try:
            raw = query.encode("iso-8859-1")
        except UnicodeEncodeError:
            raw = query.encode("utf-8")
        _check_pairs(_parse_strict(raw))


def _admin_request(request) -> bool:
    return request.path_info.startswith(getattr(settings, "INPUT_GUARD_CLEAN_PREFIX", "/admin/"))


def check_request(request) -> None:
    """Raise InputRefused for the first refused part of a public request."""
    _check("path", request.path_info, allow_lines=False)
    _check_query(request)
    if request.method not in BODY_METHODS:
        return
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        pairs = _parse_strict(request.body)
        _check_pairs(pairs)
        _check_single(name for name, _ in pairs)
    elif content_type == "multipart/form-data":
        try:
            fields, files = request.POST, request.FILES
        except MultiPartParserError:
            raise InputRefused("request", MULTIPART_MESSAGE) from None
        _check_pairs((name, value) for name, values in fields.lists() for value in values)
        _check_single(name for name, values in fields.lists() for _ in values)
        for name, upload in files.items():
            _check(name, upload.name or "", allow_lines=False)
    elif content_type.endswith("json") or request.path_info.startswith("/api/"):
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError):
            return  # not JSON: the API answers that itself
        _walk_json(data)


def _cleaned(querydict):
    """A copy of a form's data without refused characters (admin only)."""
    copy = querydict.copy()
    for name, values in copy.lists():
        copy.setlist(name, ["".join(ch for ch in v if forbidden_character(ch) is None) for v in values])
    return copy


class InputGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            if _admin_request(request):
                self._clean_admin(request)
            else:
                check_request(request)
        except InputRefused as refusal:
            with translation.override(error_language(request)):
                message = refusal.localized()
            return error_page(request, refusal.status, message, {refusal.field: message})
        return self.get_response(request)

    @staticmethod
    def _clean_admin(request) -> None:
        _check("path", request.path_info, allow_lines=False)
        _check_query(request)
        if request.method == "POST" and (request.content_type or "") in FORM_TYPES:
            try:
                request.POST = _cleaned(request.POST)
            except MultiPartParserError:
                raise InputRefused("request", MULTIPART_MESSAGE) from None


class RefusedParametersMiddleware:
    """A page that refused some of its parameters (core.params.report) still renders, with the messages, but
    answers 400. Placed inside the page cache, which keeps only 200s."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, REFUSED_ATTR, None) and response.status_code == 200:
            response.status_code = 400
        return response
