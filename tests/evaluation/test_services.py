"""服务不实用: 办事服务 on the sites that must serve the public, and the key elements of each 办事指南."""

import pytest

from demo.factories.home import ServiceGuidePageFactory, column_of
from evaluation.checks.services import ELEMENTS
from evaluation.enums import Severity

from .content import article, days_ago, findings

pytestmark = pytest.mark.django_db

BLANKED = {
    "设定依据": {"legal_basis": ""},
    "申请条件": {"conditions": ""},
    "办理材料": {"materials": []},
    "办理地点": {"location": ""},
    "办理时间": {"hours": ""},
    "办理流程": {"process": "  "},
}


def guide(site, *missing, **kwargs):
    fields = {k: v for name in missing for k, v in BLANKED[name].items()}
    return ServiceGuidePageFactory(parent=column_of(site, "bsfw"), **fields, **kwargs)


def test_the_ten_elements_are_the_rules_list():
    assert (
        "、".join(ELEMENTS)
        == "事项名称、设定依据、申请条件、办理材料、办理地点、办理机构、收费标准、办理时间、联系电话、办理流程"
    )


def test_a_complete_guide_is_not_reported(group):
    site = group.all["zhuzhou-fgw"]
    complete = guide(site)
    assert f"guide:{complete.pk}" not in findings("services", site)


@pytest.mark.parametrize(("count", "code"), [(1, "guide-missing"), (3, "guide-missing"), (4, "guide-incomplete")])
def test_missing_elements_are_listed_and_four_is_the_line(group, count, code):
    site = group.all["zhuzhou-fgw"]
    missing = list(BLANKED)[:count]
    page = guide(site, *missing)
    found = findings("services", site)[f"guide:{page.pk}"]
    assert found.extra["missing"] == missing
    assert found.code == code
    assert found.severity == Severity.ADVISORY  # the thresholds are not verified (gov-standards.md §3.2)
    assert ("阈值未经核实" in found.title) == (count >= 4)
    assert found.edit_url == f"/admin/pages/{page.pk}/edit/"


def test_a_guide_stating_no_materials_needed_is_not_missing_them(group):
    site = group.all["zhuzhou-fgw"]
    stated = guide(site, "办理材料", no_materials=True)  # a telephone service: 无需提交材料, said explicitly
    forgotten = guide(site, "办理材料")
    found = findings("services", site)
    assert f"guide:{stated.pk}" not in found
    assert found[f"guide:{forgotten.pk}"].extra["missing"] == ["办理材料"]


def test_a_charged_item_without_its_fee_standard_misses_it(group):
    site = group.all["zhuzhou-fgw"]
    page = guide(site, charged=True, fee_standard="按省定标准收取")
    # The editor form refuses this (ServiceGuidePage.clean); data from before that rule or an import may have it.
    type(page).objects.filter(pk=page.pk).update(fee_standard="")
    assert findings("services", site)[f"guide:{page.pk}"].extra["missing"] == ["收费标准"]


@pytest.mark.parametrize(("guides", "expected"), [(4, False), (5, True)])
def test_five_guides_missing_four_elements_are_an_advisory_veto_risk(group, guides, expected):
    site = group.all["zhuzhou-fgw"]
    for _ in range(guides):
        guide(site, "设定依据", "申请条件", "办理地点", "办理时间")
    guide(site, "设定依据")  # missing one: does not count
    found = findings("services", site)
    assert ("site:guides-incomplete" in found) == expected
    if expected:
        assert found["site:guides-incomplete"].severity == Severity.ADVISORY
        assert found["site:guides-incomplete"].extra == {"count": 5}


def test_a_site_that_must_serve_with_an_empty_service_column_is_a_veto(group):
    site = group.all["zhuzhou-fgw"]
    found = findings("services", site)["site:no-service"]
    assert found.severity == Severity.VETO
    assert found.page_id == column_of(site, "bsfw").pk
    guide(site)
    assert "site:no-service" not in findings("services", site)


def test_articles_in_the_service_column_are_service_content(group):
    site = group.hetang
    article(column_of(site, "bsfw"), days_ago(3))
    assert "site:no-service" not in findings("services", site)


def test_a_site_without_any_service_column_is_a_veto(group):
    site = group.hetang
    column_of(site, "bsfw").unpublish()
    found = findings("services", site)["site:no-service"]
    assert found.title == "没有办事服务"


def test_with_some_service_content_an_empty_second_service_column_is_a_warning(group):
    from .content import column

    site = group.all["zhuzhou-fgw"]
    guide(site)
    second = column(site, "service", title="便民服务")
    found = findings("services", site)
    assert "site:no-service" not in found
    assert found[f"column:{second.pk}:empty-service"].severity == Severity.WARNING


def test_villages_and_topics_need_no_service(group):
    assert findings("services", group.all["hetang-daping"]) == {}
    assert findings("services", group.all["zhuzhou-xiangjiang"]) == {}
