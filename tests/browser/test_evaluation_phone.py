"""The workbench on a phone (390 px wide, the width of a common handset): the page itself never scrolls sideways —
wide tables (the heat map, the findings) scroll inside their own container, and long titles and URLs wrap."""

import pytest

from evaluation import services
from evaluation.enums import Severity
from tests.browser.test_csp import Guard, logged_in_page, visit
from tests.evaluation.fake import DAY1, PlannedCheck, finding, planned  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("planned")]
PHONE = {"width": 390, "height": 844}
SITE = "/admin/evaluation/sites/"
LONG_URL = "http://hetang.localhost/" + "zwgk/tzgg/" * 12 + "2026/11/关于进一步加强政务公开工作的通知/"


@pytest.fixture
def phone(browser, app_server):
    context = browser.new_context(locale="zh-CN", viewport=PHONE, device_scale_factor=1)
    context.set_default_timeout(15_000)
    guard = Guard(context, int(app_server.url.rsplit(":", 1)[1]))
    guard.context = context
    yield guard
    context.close()


def overflow(page) -> dict:
    """How far the document is wider than the viewport, and the widest elements that stick out (for the message)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const wide = [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > width + 1 && !el.closest('.evaluation-scroll'))
                .filter(el => getComputedStyle(el).visibility !== 'hidden')
                .slice(0, 5)
                .map(el => el.tagName + '.' + [...el.classList].join('.'));
            return {extra: document.documentElement.scrollWidth - width, wide};
        }"""
    )


@pytest.mark.parametrize("username", ["admin", "editor-hetang"])
def test_workbench_has_no_sideways_scrolling_at_390px(phone, app_server, group, username):
    PlannedCheck.plan = {
        "hetang": [
            finding("v", Severity.VETO, title="首页超过14天未更新：最近一次更新为2026年10月1日" * 2, url=LONG_URL),
            finding("w", Severity.WARNING, title="栏目“通知公告”超过2周未更新", url=LONG_URL, due=DAY1),
        ],
        "hetang-daping": [finding("a", Severity.ADVISORY, title="空白栏目" * 10)],
    }
    services.inspect(list(group.all.values()), ["planned"], today=DAY1)
    page = logged_in_page(phone, app_server, username)
    for path in ("/admin/", "/admin/evaluation/", "/admin/evaluation/checks/planned/", f"{SITE}hetang/"):
        visit(phone, page, app_server.url + path)
        found = overflow(page)
        # Wagtail's main column clips what sticks out (so scrollWidth alone would not show a cut-off table).
        assert found["extra"] <= 0 and not found["wide"], (path, found)
        phone.assert_clean(path)
    # The heat map still shows every check: its table scrolls inside its own container.
    visit(phone, page, app_server.url + "/admin/evaluation/")
    scroller = page.locator(".evaluation-scroll").first
    assert scroller.evaluate("el => getComputedStyle(el).overflowX") == "auto"
