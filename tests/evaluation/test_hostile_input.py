"""Hostile input on every parameter of the evaluation app's admin (issue 12 hardening; the public pages and the API
are walked by tests/core/test_hostile_input.py, from the URL resolver and the OpenAPI schema).

The workbench and its drill-downs, the annual report admin and its XLSX summary, the 错敏词 dictionary and
whitelist, the override view: each parameter gets NUL and control characters, overlong strings, huge, negative and
non-numeric integers, repeated values, unknown choices, invalid UTF-8 and SQL-ish text. Each answer is a 400 or a
redirect with a Chinese message, a field error, a 404, or the page with the value cleanly ignored — never a 500 —
and nothing is stored. CI runs this on PostgreSQL, where NUL or an out-of-range integer in a query raises (SQLite
accepts both, which is how such 500s hide)."""

import re
from urllib.parse import quote

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from evaluation import services
from evaluation.annual import reports
from evaluation.enums import Severity
from evaluation.models import WordEntry, WordWhitelist

from .fake import DAY1, PlannedCheck, finding, planned  # noqa: F401 (fixture)

# slow (~40 s, started first under `make test`): ~1,300 admin requests.
pytestmark = [pytest.mark.usefixtures("planned"), pytest.mark.slow]
CJK = re.compile("[\u4e00-\u9fff]")

CONTROL = ["a\x00b", "a\u202eb"]  # the input guard's own tests walk every class of refused character
INTEGERS = [str(2**63), str(2**31), "-1", "1e9", "1.5", "١٢"]
SQLISH = ["1' OR '1'='1", "%_\\"]
# Parameters of each admin page: what the page reads, and a few it does not (ignored cleanly).
WORKBENCH = ["kind", "parent", "severity", "check", "run", "page", "sort", "format", "table"]
WAGTAIL_INDEX = ["q", "p", "ordering", "per_page"]


def hostile_queries(names, *, full=True) -> list[str]:
    """Every hostile value on every parameter. Refused characters (NUL, bidi controls, invalid UTF-8) go once per
    page, not per parameter: the input guard refuses the whole query string before any view reads a name. With
    ``full=False`` (the second role on the same pages) only what reaches the role's querysets: numbers, SQL-ish text,
    unknown choices, repeats."""
    queries = [f"{names[0]}={quote(value, safe='')}" for value in CONTROL] + [f"{names[0]}=%ff%fe"] if full else []
    for name in names:
        values = [*INTEGERS, *SQLISH, "zzz"]
        queries += [f"{name}={quote(value, safe='')}" for value in values] + [f"{name}=1&{name}=2"]
        if full:
            queries += [f"{name}={quote('长' * 200)}", f"{name}={'%E9%95%BF' * 6000}", f"{name}[]=1", f"{name}="]
    return queries


def assert_answered(response, where: str) -> None:
    """Never a 5xx; a refusal (4xx) says why in Chinese."""
    assert response.status_code < 500, (where, response.status_code)
    if 400 <= response.status_code < 500:
        assert CJK.search(response.content.decode("utf-8", "replace")), (where, response.status_code)


def walk(client: Client, path: str, names, *, full=True) -> None:
    for query in hostile_queries(names, full=full):
        assert_answered(client.get(f"{path}?{query}"), f"{path}?{query[:60]}")


@pytest.fixture
def admin(group):
    client = Client(HTTP_HOST=group.zhuzhou.site.hostname)
    client.force_login(get_user_model().objects.get(username="admin"))
    return client


@pytest.fixture
def hetang_editor(group):
    client = Client(HTTP_HOST=group.hetang.site.hostname)
    client.force_login(get_user_model().objects.get(username="editor-hetang"))
    return client


@pytest.fixture
def inspected(group):
    PlannedCheck.plan = {
        "hetang": [finding("home", Severity.VETO, title="首页超过14天未更新"), finding("col", Severity.WARNING)],
        "hetang-daping": [finding("blank", Severity.ADVISORY)],
    }
    services.inspect(list(group.all.values()), ["planned"], today=DAY1)
    return reports.generate(group.hetang, 2025)


@pytest.mark.parametrize("who", ["admin", "hetang_editor"])
def test_workbench_parameters(request, inspected, who):
    client = request.getfixturevalue(who)
    for path in (
        reverse("evaluation_overview"),
        reverse("evaluation_site", args=["hetang"]),
        reverse("evaluation_check", args=["planned"]),
    ):
        walk(client, path, WORKBENCH, full=who == "admin")
    for slug in ("x" * 300, "zzz", "1-or-1", "%E9%95%BF"):
        assert client.get(f"/admin/evaluation/sites/{slug}/").status_code == 404
        assert client.get(f"/admin/evaluation/checks/{slug}/").status_code == 404


@pytest.mark.parametrize("who", ["admin", "hetang_editor"])
def test_annual_report_admin_parameters(request, inspected, who):
    client, full = request.getfixturevalue(who), who == "admin"
    walk(client, reverse("evaluation_annual_reports:index"), ["year", "status", *WAGTAIL_INDEX], full=full)
    walk(client, reverse("evaluation_annual_reports:summary"), ["year"], full=full)
    walk(client, reverse("evaluation_annual_reports:add"), ["site", "year"], full=full)
    for number in (str(2**63), str(2**31), "0", "-1"):
        for name in ("edit", "xlsx", "publish", "delete"):
            response = client.get(f"/admin/evaluation/annual-reports/{name}/{number}/")
            assert response.status_code == 404, (name, number, response.status_code)


@pytest.mark.parametrize("who", ["admin", "hetang_editor"])
def test_word_admin_parameters(request, group, who):
    client, full = request.getfixturevalue(who), who == "admin"
    walk(client, reverse("evaluation_words:index"), ["kind", "level", "enabled", *WAGTAIL_INDEX], full=full)
    walk(client, reverse("evaluation_word_whitelist:index"), ["site", *WAGTAIL_INDEX], full=full)
    for prefix in ("words", "word-whitelist"):
        for number in (str(2**63), str(2**31), "abc", "1.5", "-1"):
            for name in ("edit", "delete"):
                response = client.get(f"/admin/evaluation/{prefix}/{name}/{quote(number)}/")
                # An editor without the dictionary's model permission: Wagtail's redirect to the dashboard (edit
                # checks the permission first, delete looks the entry up first).
                refused = {404} if who == "admin" or prefix == "word-whitelist" else {302, 404}
                assert response.status_code in refused, (prefix, name, number, response.status_code)
    for number in (str(2**63), str(2**31), "0"):
        assert client.get(f"/admin/evaluation/words/override/{number}/").status_code == 404


WORD_FIELDS = {"kind": "typo", "word": "布署", "correction": "部署", "variants": "", "leadership": "", "rank": ""}


def test_word_forms_refuse_hostile_fields_and_store_nothing(admin, group):
    add = reverse("evaluation_words:add")
    whitelist = reverse("evaluation_word_whitelist:add")
    valid = {**WORD_FIELDS, "level": "normal", "note": "", "enabled": "on"}
    for name in ("kind", "word", "correction", "variants", "leadership", "rank", "level", "note"):
        for value in [*INTEGERS, *SQLISH, "zzz", "长" * 5000, "、".join(["布暑"] * 2000)]:
            assert_answered(admin.post(add, {**valid, name: value}), f"words {name}={value[:20]}")
        assert_answered(admin.post(add, f"{name}=1&{name}=2", content_type="application/x-www-form-urlencoded"), name)
    for name in ("site", "word", "note"):
        for value in [*INTEGERS, *SQLISH, "长" * 5000]:
            data = {"site": group.hetang.pk, "word": "布署", "note": "", name: value}
            assert_answered(admin.post(whitelist, data), f"whitelist {name}={value[:20]}")
    assert not WordEntry.objects.filter(word__contains="长").exists()
    assert not WordWhitelist.objects.filter(word__contains="长").exists()


def test_annual_report_query_values_go_through_the_shared_parser(group, hetang_editor):
    """The 新建 form's prefill and the list's summary button read ``year``/``site`` with core.params: a value out of
    range or not an ASCII integer is left out (the form's own default), never echoed into the page."""
    add = reverse("evaluation_annual_reports:add")
    form = hetang_editor.get(f"{add}?site={group.hetang.pk}&year=2024").context["form"]
    assert (form.initial, form.fields["year"].initial) == ({"site": group.hetang.pk, "year": 2024}, 2024)
    last_year = timezone.localdate().year - 1
    for query in (f"site={2**63}&year={2**63}", "site=-1&year=１２", "site=1.5&year=1e3", "year=2017"):
        form = hetang_editor.get(f"{add}?{query}").context["form"]
        assert (form.initial, form.fields["year"].initial) == ({}, last_year), query
    index = reverse("evaluation_annual_reports:index")
    summary = reverse("evaluation_annual_reports:summary")
    assert f"{summary}?year=2024" in hetang_editor.get(f"{index}?year=2024").content.decode()
    for year in ("9" * 40, "1e3", "-2024", "２０２４"):
        html = hetang_editor.get(f"{index}?year={year}").content.decode()
        assert f"{summary}?year={last_year}" in html and f"导出{last_year}年度汇总" in html, year
