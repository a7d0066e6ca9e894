"""The 政府信息公开指南 and 制度 pages are readable at 390 px (a phone): nothing wider than the screen, the contacts'
labels beside their values, the rules' 文号 and date under the name."""

import datetime

import pytest

from demo.factories.openinfo import DisclosureDocumentPageFactory, category_page, publish
from openinfo.models import DisclosureIndexPage, DisclosureRule
from sites.models import SiteSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

OVERFLOW = "() => document.documentElement.scrollWidth"


@pytest.fixture
def hetang(group, app_server):
    profile = group.hetang
    SiteSettings.objects.filter(site=profile.site).update(
        organizer="荷塘区人民政府办公室", address="株洲市荷塘区新华西路1号", email="zwgk@hetang.example.cn"
    )
    section = DisclosureIndexPage.objects.descendant_of(profile.site.root_page).get()
    guide = section.get_children().get(slug="zn").specific
    guide.office_hours = "法定工作日上午8:00—12:00，下午14:30—17:30（夏令时）；下午14:00—17:00（冬令时）"
    guide.fax = "0731-28681234"
    guide.save()
    rules = section.get_children().get(slug="zd").specific
    document = publish(
        DisclosureDocumentPageFactory(
            parent=category_page(profile, "a20-15"),
            title="荷塘区人民政府政府信息公开保密审查制度（修订）",
            document_number="荷政办发〔2025〕12号",
            written_on=datetime.date(2025, 3, 3),
        )
    )
    rules.rules.add(DisclosureRule(page=document))
    rules.save()
    return app_server.url.replace("://localhost", f"://{profile.site.hostname}")


def test_guide_and_rules_fit_a_390_px_screen(browser, hetang):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(hetang + "/zfxxgk/zn/")
        assert page.evaluate(OVERFLOW) <= 390
        label = page.locator("dl.guide-contacts dt", has_text="传真").bounding_box()
        value = page.locator('dd[data-guide="传真"]').bounding_box()
        assert label["x"] + label["width"] <= value["x"] + 1 and abs(label["y"] - value["y"]) < 2  # side by side
        page.goto(hetang + "/zfxxgk/zd/")
        assert page.evaluate(OVERFLOW) <= 390
        name = page.locator("table.rules-table tbody td").first.bounding_box()
        number = page.locator("table.rules-table tbody td.col-number").first.bounding_box()
        assert number["y"] >= name["y"] + name["height"] - 1  # stacked under the name
    finally:
        context.close()
