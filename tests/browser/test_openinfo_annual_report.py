"""A published 政府信息公开工作年度报告 on a 390 px phone: the page itself never scrolls sideways, each wide table
scrolls inside its own container, and every table keeps its caption."""

import pytest

from tests.openinfo.test_annual_report_admin import ready

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_report_tables_scroll_in_their_containers_at_390px(browser, app_server, group, editor):
    from openinfo.annual import reports

    hetang = group.hetang
    page_obj = reports.publish(ready(hetang), editor("hetang"))
    base = app_server.url.replace("://localhost", f"://{hetang.site.hostname}")
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(base + page_obj.get_url_parts()[2])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        widths = page.eval_on_selector_all(
            ".openinfo-annual-report .table-wrap",
            "els => els.map(e => [e.clientWidth, e.scrollWidth, getComputedStyle(e).overflowX])",
        )
        assert len(widths) == 6
        assert all(client <= 390 and overflow == "auto" for client, _scroll, overflow in widths)
        table3, table4 = widths[4], widths[5]
        assert table3[1] > table3[0] and table4[1] > table4[0]  # the wide tables scroll, inside their container
        assert page.locator("table[data-table] caption").count() == 6
        assert page.get_by_role("region", name="表三 收到和处理政府信息公开申请情况").is_visible()
    finally:
        context.close()
