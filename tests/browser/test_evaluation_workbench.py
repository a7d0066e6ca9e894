"""The workbench's trend chart in a real browser: ECharts from static/ draws it under the Content-Security-Policy,
tooltips included, and nothing leaves the server."""

import pytest

from evaluation import services
from evaluation.enums import Severity
from tests.browser.test_csp import guard, hover_across, logged_in_page, visit  # noqa: F401 (fixture)
from tests.evaluation.fake import DAY1, DAY2, PlannedCheck, finding, planned  # noqa: F401 (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db, pytest.mark.usefixtures("planned")]


def test_workbench_charts_pass_the_policy(guard, app_server, group):  # noqa: F811 (fixture)
    hetang = group.all["hetang"]
    PlannedCheck.plan = {"hetang": [finding("v", Severity.VETO), finding("w")]}
    services.inspect([hetang], ["planned"], today=DAY1)
    PlannedCheck.plan = {"hetang": [finding("w")]}
    services.inspect([hetang], ["planned"], today=DAY2)

    page = logged_in_page(guard, app_server, "admin")
    for path in ("/admin/evaluation/", "/admin/evaluation/sites/hetang/"):
        visit(guard, page, app_server.url + path)
        chart = page.locator("#evaluation-trend")
        chart.locator("canvas").wait_for()  # drawn by static/js/evaluation-workbench.js
        assert chart.bounding_box()["height"] >= 300
        hover_across(page, chart)
        guard.assert_clean(path)
