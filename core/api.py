"""Shared API plumbing: one error shape for every answer that is not a success, and a strict request parser.

Every error the API gives — a bad parameter, an unknown object, a rate limit, a body that is not JSON — is
``{"message": "中文说明", "errors": {"字段": "中文说明"}}`` and is declared in the OpenAPI schema (``error_responses``),
so the schema lists every answer the server can give.
"""

import json
import re

from ninja import Field, Schema
from ninja.parser import Parser

STATUS_MESSAGES = {
    400: "请求参数有误",
    404: "未找到请求的内容",
    422: "请求与先前的提交不一致",
    429: "请求过于频繁，请稍后再试",
}
NOT_JSON = "请求体应为 JSON 对象（Content-Type: application/json）"


class ApiBadRequest(Exception):
    """Raised by an endpoint for bad parameters; answered as HTTP 400 ``{"message": …, "errors": {field: …}}``."""

    def __init__(self, errors: dict[str, str], message: str = STATUS_MESSAGES[400], status: int = 400):
        super().__init__(message)
        self.message = message
        self.errors = errors
        self.status = status


class ErrorOut(Schema):
    message: str = Field(description="错误说明（中文）")
    errors: dict[str, str] = Field(description="逐项说明：参数或字段名 → 中文说明；没有逐项说明时为空对象")


def error_responses(*statuses: int) -> dict[int, type]:
    """``response=`` entries declaring the error shape for these status codes (400 and 404 are always possible:
    any parameter can be malformed, and an unknown path under the API answers 404)."""
    return dict.fromkeys(sorted({400, 404, *statuses}), ErrorOut)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download_extra() -> dict:
    """``openapi_extra`` for an endpoint whose ``format=csv|xlsx`` answers a table file instead of JSON: the schema
    lists those media types beside the JSON one."""
    files = {
        "text/csv": {"schema": {"type": "string"}},
        XLSX: {"schema": {"type": "string", "format": "binary"}},
    }
    return {"responses": {200: {"content": files}}}


class StrictParser(Parser):
    """ninja's parser, stricter in two ways: a scalar parameter given twice reaches validation as a list (and is
    refused there instead of silently taking the last value), and a body must be a JSON object sent as JSON."""

    def parse_querydict(self, data, list_fields, request):
        return {
            key: data.getlist(key) if key in list_fields or len(data.getlist(key)) > 1 else data[key] for key in data
        }

    def parse_body(self, request):
        if not (request.content_type or "").endswith("json"):
            raise ApiBadRequest({"body": NOT_JSON}, NOT_JSON)
        try:
            data = json.loads(request.body)
        except (ValueError, RecursionError):
            raise ApiBadRequest({"body": "请求体不是有效的 JSON"}, NOT_JSON) from None
        if not isinstance(data, dict):
            raise ApiBadRequest({"body": NOT_JSON}, NOT_JSON)
        return data


def _field_message(error: dict) -> str:
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if kind == "govsites_param":
        return error["msg"]
    if kind == "missing":
        return "缺少必填项"
    if kind in ("literal_error", "enum"):
        # pydantic writes the options as "'a', 'b' or 'c'"
        options = str(ctx.get("expected", "")).replace("'", "").replace(" or ", "、").replace(", ", "、")
        return f"取值无效，可选：{options}" if options else "取值无效"
    if kind == "string_too_long":
        return f"不能超过{ctx.get('max_length')}个字符"
    if kind == "string_too_short":
        return f"至少需要{ctx.get('min_length')}个字符"
    return FIELD_TYPE_MESSAGES.get(kind, "格式不正确")


FIELD_TYPE_MESSAGES = {
    "string_type": "应为文本",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "model_type": "应为 JSON 对象",
    "dict_type": "应为 JSON 对象",
    "list_type": "应为数组",
    "string_pattern_mismatch": "格式不正确",
    "date_from_datetime_parsing": "日期格式应为 YYYY-MM-DD",
    "date_parsing": "日期格式应为 YYYY-MM-DD",
}


def validation_errors(errors: list[dict]) -> dict[str, str]:
    """Pydantic's errors as ``{field: 中文说明}``, named as the client names them: the request parameter or the
    body field (the last name in pydantic's location; a location is also made of the source, the endpoint's own
    argument name and list indexes, which mean nothing to the client)."""
    found: dict[str, str] = {}
    for error in errors:
        names = [part for part in error.get("loc", ())[1:] if isinstance(part, str)]
        found.setdefault(names[-1] if names else "request", _field_message(error))
    return found


# --- Public submissions (the mailbox, 依申请公开): the answer shapes and checks their POST endpoints share --------

IDEMPOTENCY_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{22,64}$")
IDEMPOTENCY_KEY_MIN_DISTINCT = 10  # a random key of 22+ characters has far more; "aaaa…" or "1234…" is not random
IDEMPOTENCY_KEY_MESSAGE = "Idempotency-Key 应为随机生成的值（如 UUID），22–64 位字母、数字、“-”或“_”"


class CaptchaOut(Schema):
    key: str
    image_url: str


class SubmitError(Schema):
    message: str = Field(description="错误说明（中文）")
    errors: dict[str, str] = Field(description="逐项说明：字段名 → 中文说明")
    captcha: CaptchaOut | None = Field(None, description="需要验证码时的新验证码")


def submit_error(status: int, errors: dict[str, str], message=STATUS_MESSAGES[400], captcha=None):
    from ninja import Status

    return Status(status, {"message": message, "errors": errors, "captcha": captcha})


def idempotency_key_problem(key: str) -> str | None:
    """The Chinese reason an Idempotency-Key is refused, or None (an empty key is allowed: no idempotency)."""
    if key and not (IDEMPOTENCY_KEY_RE.match(key) and len(set(key)) >= IDEMPOTENCY_KEY_MIN_DISTINCT):
        return IDEMPOTENCY_KEY_MESSAGE
    return None


def captcha_challenge() -> dict:
    """A new arithmetic captcha (django-simple-captcha, drawn locally) for a 400 answer's ``captcha``."""
    from captcha.helpers import captcha_image_url
    from captcha.models import CaptchaStore

    key = CaptchaStore.generate_key()
    return {"key": key, "image_url": captcha_image_url(key)}
