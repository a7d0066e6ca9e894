"""Hostile input on every public URL pattern and every API parameter (issue 10, "Done when"): NUL, control and bidi
characters, 100 KB strings, invalid UTF-8, huge/negative/non-numeric integers, arrays for scalars, wrong types and
content types. Each must get a 4xx with a Chinese message — never a 5xx — and store nothing. CI runs this on
PostgreSQL, where NUL in a query raises (SQLite accepts it and hid the 500s).

The inventory is checked against Django's URL resolver, so a new public URL pattern fails here until it is walked.
"""

import json
import re
from urllib.parse import quote

import pytest
from django.urls import URLResolver, get_resolver

from config.api import api
from demo.factories.home import ArticlePageFactory
from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from interaction.models import Question
from interaction.services import receive, transition
from openinfo.models import InformationApplication
from search.models import QueryLog
from tests.conftest import site_client

pytestmark = pytest.mark.django_db

CONTROL = {
    "nul": "a\x00b",
    "c0": "a\x1bb",
    "c1": "a\x85b",
    "bidi": "a\u202eb",
    "isolate": "a\u2066b",
}
NOT_INTEGERS = ["-1", "0", "9223372036854775807", "1" * 60, "1e3", "1.5", "abc", "²", "١٢"]
LONG = "长" * 34_000  # ~100 KB in UTF-8
CJK = re.compile("[\u4e00-\u9fff]")

# Public pages and the parameters each reads: int, choice (one of a set), text, list (may repeat).
CATALOGUE = {"category": "choice", "subject": "choice", "year": "int", "validity": "choice", "q": "text", "page": "int"}
SEARCH = {
    "q": "text",
    "scope": "choice",
    "site": "list",
    "type": "list",
    "from": "text",
    "to": "text",
    "category": "list",
    "subject": "list",
    "sort": "choice",
    "page": "int",
}
# Every non-admin URL pattern (Django's resolver) and the sample URLs that walk it.
PATTERNS = {
    # The load balancer's probes are answered before the input guard and read no parameter (core/health.py;
    # tests/core/test_health.py checks they answer whatever the query says).
    "healthz": [],
    "readyz": [],
    "documents/^(\\d+)/(.*)$": ["/documents/999999/x.pdf"],
    "documents/authenticate_with_password/<int:restriction_id>/": ["/documents/authenticate_with_password/1/"],
    "sitemap.xml": ["/sitemap.xml"],
    "robots.txt": ["/robots.txt"],
    "favicon.ico": ["/favicon.ico"],
    "captcha/text/": ["/captcha/text/"],
    "captcha/image/(?P<key>\\w+)/$": ["/captcha/image/abc/"],
    "captcha/image/(?P<key>\\w+)@2/$": ["/captcha/image/abc@2/"],
    "captcha/audio/(?P<key>\\w+).wav$": ["/captcha/audio/abc.wav"],
    "captcha/refresh/$": ["/captcha/refresh/"],
    "^theme/(?P<colour>[0-9a-f]{6})\\.css$": ["/theme/1a5fb4.css"],
    "search/": ["/search/", "/en/search/"],
    "wzndbb/": ["/wzndbb/", "/en/wzndbb/"],
    "xxbs/": ["/xxbs/", "/en/xxbs/"],
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": [
        "/_util/authenticate_with_password/1/1/"
    ],
    "_util/login/": ["/_util/login/"],
    "^((?:[\\w\\-]+/)*)$": ["<every live page>"],
}


@pytest.fixture
def content(group):
    """One page of each kind a visitor can reach, with something in it, on a district and on the portal."""
    from home.models import ColumnPage

    column = ColumnPage.objects.descendant_of(group.hetang.site.root_page).get(slug="tzgg")
    ArticlePageFactory(parent=column, title="关于光纤入户的通知")
    publish(DisclosureDocumentPageFactory(parent=category_page(group.hetang, "a20-01"), title="实施方案"))
    question, _ = receive(
        site=group.zhuzhou,
        type="consult",
        title="公共自行车站点",
        content="希望增设站点。",
        name="王五",
        phone="13912345678",
        consent_publish=True,
    )
    transition(question, "answer", answer="已增设。", answered_by="株洲市人民政府")
    question = transition(question, "publish")
    return {"question": question}


def page_targets(group, content) -> list[tuple[object, str, dict]]:
    """(site, path, parameters) of every public page route, and every live page with no parameters of its own."""
    from wagtail.models import Page

    hetang, zhuzhou = group.hetang, group.zhuzhou
    targets = [
        (hetang, "/tzgg/", {"page": "int"}),
        (hetang, "/tzgg/rss/", {}),
        (hetang, "/bsfw/", {"page": "int"}),
        (hetang, "/zfxxgk/", CATALOGUE),
        (zhuzhou, "/zfxxgk/group/", {**CATALOGUE, "site": "choice"}),
        (zhuzhou, "/hdjl/", {"q": "text", "type": "choice", "unit": "choice", "year": "int", "page": "int"}),
        (zhuzhou, "/hdjl/zxtsjy/", {"type": "choice"}),
        (zhuzhou, "/hdjl/query/", {"code": "text"}),
        (zhuzhou, "/hdjl/stats/", {"year": "int", "month": "int"}),
        (zhuzhou, f"/hdjl/{content['question'].pk}/", {}),
        (hetang, "/zfxxgk/ysqgk/query/", {"code": "text"}),
        (hetang, "/zfxxgk/ysqgk/stats/", {"year": "int"}),
        (zhuzhou, "/sitemap/", {}),
        (zhuzhou, "/accessibility/", {}),
        (zhuzhou, "/search/", SEARCH),
        (zhuzhou, "/en/search/", SEARCH),
        (zhuzhou, "/en/", {}),
    ]
    for _pattern, samples in PATTERNS.items():
        targets += [(zhuzhou, sample, {}) for sample in samples if not sample.startswith("<")]
    for profile in (hetang, zhuzhou):
        site_root = profile.site.root_page
        for page in Page.objects.live().descendant_of(site_root, inclusive=True).specific():
            targets.append((profile, page.relative_url(profile.site), {}))
    return targets


UNKNOWN_CHOICE = ("取值无效", "未知的", "没有已公开的答复")
# Under the English mirror the same refusals are in English (tests/front/test_english_errors.py).
ENGLISH_MARKERS = {
    "不允许的控制字符": "control character that is not allowed",
    "网址过长": ("网址过长", "too long"),  # nginx-length queries are refused before any language is chosen
    "整数": "whole number",
    UNKNOWN_CHOICE: ("not valid", "Unknown"),
    "只能给出一个值": "only once",
}


def marker_for(path: str, marker):
    return ENGLISH_MARKERS.get(marker, marker) if path.startswith("/en/") else marker


def assert_refused(response, marker, where=""):
    """A 4xx whose message says what was refused (the page's own chrome would not)."""
    assert 400 <= response.status_code < 500, (where, response.status_code)
    text = response.content.decode("utf-8", "replace")
    markers = marker if isinstance(marker, tuple) else (marker,)
    assert any(m in text for m in markers), (where, response.status_code, markers)


def hostile_queries(spec: dict) -> list[tuple[str, str]]:
    """(query string, the Chinese message it must produce) for a page's parameters, plus an unknown one."""
    cases = []
    for name in [*spec, "x"]:
        for value in CONTROL.values():
            cases.append((f"{name}={quote(value, safe='')}", "不允许的控制字符"))
        cases.append((f"{name}=%ff%fe", "UTF-8"))
        cases.append((f"{name}={'%E9%95%BF' * 34_000}", "网址过长"))
    for name, kind in spec.items():
        if kind == "int":
            cases += [(f"{name}={value}", "整数") for value in NOT_INTEGERS]
        if kind == "choice":
            cases += [(f"{name}={value}", UNKNOWN_CHOICE) for value in ["zzz", "-1"]]
        if kind != "list":
            cases.append((f"{name}=1&{name}=2", "只能给出一个值"))
    return cases


def test_every_public_url_pattern_is_walked():
    found = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(("admin/", "api/v1/")):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                found.add(route)

    walk(get_resolver().url_patterns)
    assert found == set(PATTERNS), "walk the new public URL pattern in this test"


def test_pages_refuse_hostile_parameters_in_their_language_and_store_nothing(group, content):
    counts = (Question.objects.count(), QueryLog.objects.count())
    for profile, path, spec in page_targets(group, content):
        client = site_client(profile)
        cases = hostile_queries(spec) if spec else hostile_queries({})[:7]
        for query, marker in cases:
            response = client.get(f"{path}?{query}")
            assert_refused(response, marker_for(path, marker), f"{path}?{query[:60]}")
    for path in ("/a%00b/", "/hdjl/%e2%80%ae/", "/search%00/"):
        assert_refused(site_client(group.zhuzhou).get(path), "不允许的控制字符")
    assert (Question.objects.count(), QueryLog.objects.count()) == counts


FORM_FIELDS = ("type", "title", "content", "name", "phone", "email", "consent_publish", "form_token", "website")


APPLICATION_FIELDS = (
    "applicant_kind",
    "organisation_type",
    "name",
    "id_document",
    "id_number",
    "phone",
    "email",
    "address",
    "description",
    "document_title",
    "provision_form",
    "delivery",
    "fee_waiver_reason",
    "form_token",
    "website",
)


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/hdjl/zxtsjy/", FORM_FIELDS),
        ("/hdjl/query/", ("code", "password")),
        ("/zfxxgk/ysqgk/", APPLICATION_FIELDS),
        ("/zfxxgk/ysqgk/query/", ("code", "password")),
    ],
)
def test_public_forms_refuse_hostile_fields(group, path, fields):
    client = site_client(group.zhuzhou)
    base = dict.fromkeys(fields, "正常文字内容，足够长度")
    for name in fields:
        for value in CONTROL.values():
            assert_refused(client.post(path, {**base, name: value}), "不允许的控制字符")
        assert_refused(
            client.post(path, f"{name}=1&{name}=2", content_type="application/x-www-form-urlencoded"), "只能给出一个值"
        )
        assert_refused(client.post(path, f"{name}=%ff", content_type="application/x-www-form-urlencoded"), "UTF-8")
        long = client.post(path, {**base, name: LONG})
        assert 400 <= long.status_code < 500 and CJK.search(long.content.decode())
    assert not Question.objects.exists() and not InformationApplication.objects.exists()


# --- The API, from its own OpenAPI schema -------------------------------------------------------------------------


def operations():
    schema = api.get_openapi_schema()
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation, schema


def _kind(schema: dict) -> str:
    options = schema.get("anyOf", [schema])
    types = {option.get("type") for option in options if option.get("type") != "null"}
    if any("enum" in option for option in options):
        return "choice"
    return "int" if "integer" in types else "bool" if "boolean" in types else "list" if "array" in types else "text"


def api_path(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "zhuzhou", path)


def assert_api_refused(response, field=None):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:200])
    body = response.json()
    assert CJK.search(body["message"]) and isinstance(body["errors"], dict), body
    if field:
        assert field in body["errors"] or "request" in body["errors"], body


@pytest.mark.parametrize("operation", [f"{m.upper()} {p}" for p, m, *_ in operations()])
def test_every_api_parameter_refuses_hostile_values(group, operation):
    method, path = operation.split(" ", 1)
    spec = next(op for p, m, op, _ in operations() if p == path and m == method.lower())
    client = site_client(group.zhuzhou)
    send = client.get if method == "GET" else client.post
    counts = (Question.objects.count(), QueryLog.objects.count(), InformationApplication.objects.count())
    for parameter in spec.get("parameters", []):
        name, where, kind = parameter["name"], parameter["in"], _kind(parameter["schema"])
        values = [*CONTROL.values(), LONG[:5000] if where == "header" else LONG]
        if kind in ("int", "choice", "bool"):
            values += NOT_INTEGERS if kind == "int" else ["zzz", "1e3"]
        for value in values:
            if where == "path":
                url = api_path(path).replace("zhuzhou", value.replace("/", "-"))
                response = client.get(url) if method == "GET" else send(url)
            elif where == "header":
                if any(ord(ch) < 32 or ord(ch) > 255 for ch in value):
                    continue  # not sendable as an HTTP header
                response = send(api_path(path), HTTP_IDEMPOTENCY_KEY=value, content_type="application/json", data="{}")
            else:
                response = send(api_path(path), {name: value})
            assert_api_refused(response)
        if where == "query" and kind != "list":
            assert_api_refused(client.get(f"{api_path(path)}?{name}=1&{name}=2"), name)
        if where == "query":
            assert_api_refused(client.get(f"{api_path(path)}?{name}=%ff"))
    if "requestBody" in spec:
        _walk_body(send, api_path(path), spec)
    assert (Question.objects.count(), QueryLog.objects.count(), InformationApplication.objects.count()) == counts


def _bodies() -> dict:
    """Each POST endpoint's input schema and a valid body (each hostile value replaces one field of it)."""
    from interaction.api.questions import QuestionIn
    from openinfo.applications.api import ApplicationIn

    return {
        "/api/v1/interaction/questions/": (
            QuestionIn,
            {
                "site": "zhuzhou",
                "type": "consult",
                "title": "标题文字内容",
                "content": "内容" * 10,
                "name": "张三",
                "phone": "13800138000",
            },
        ),
        "/api/v1/openinfo/applications/": (
            ApplicationIn,
            {
                "site": "zhuzhou",
                "applicant_kind": "citizen",
                "name": "张三",
                "id_document": "id_card",
                "id_number": "11010519491231002X",
                "phone": "13800138000",
                "address": "株洲市天元区神农大道1号",
                "description": "内容" * 10,
                "provision_form": "paper",
                "delivery": "post",
            },
        ),
    }


def _walk_body(send, url, spec):
    schema, valid = _bodies()[url]
    properties = schema.model_json_schema()["properties"]
    for name, schema in properties.items():
        hostile = [*CONTROL.values(), LONG, ["列表"], {"对象": 1}, 12, None]
        if _kind(schema) != "bool":
            hostile.append(True)
        else:
            hostile += ["true", 1]
        for value in hostile:
            response = send(url, json.dumps({**valid, name: value}), content_type="application/json")
            assert_api_refused(response)
    for body, content_type in (
        ("site=zhuzhou", "application/x-www-form-urlencoded"),
        ("not json", "application/json"),
        (b"\xff\xfe{", "application/json"),
        ("[1, 2]", "application/json"),
        ("{" * 5000, "application/json"),
        (json.dumps(valid), "text/plain"),
    ):
        assert_api_refused(send(url, body, content_type=content_type))
