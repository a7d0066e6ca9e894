"""A check whose findings the test plans per site slug, for tests of what is built on the stored results
(health index, workbench, API) rather than of a real rule."""

import datetime

import pytest

from evaluation.checks import registry
from evaluation.checks.base import Check, FindingData
from evaluation.enums import Severity

DAY1 = datetime.date(2026, 11, 2)
DAY2 = datetime.date(2026, 11, 3)


class PlannedCheck(Check):
    """Yields the FindingData planned for each site slug: ``plan = {"hetang": [finding(...), …]}``."""

    name = "planned"
    label = "计划问题"
    plan: dict = {}

    def run(self, site, today):
        yield from self.plan.get(site.slug, [])


class OtherPlannedCheck(PlannedCheck):
    name = "planned2"
    label = "计划问题二"
    plan: dict = {}


def finding(key, severity=Severity.WARNING, **kwargs) -> FindingData:
    values = {"code": "x", "title": f"问题{key}", **kwargs}
    return FindingData(severity=severity, key=key, **values)


@pytest.fixture
def planned(monkeypatch):
    monkeypatch.setitem(registry._checks, "planned", PlannedCheck)
    monkeypatch.setitem(registry._checks, "planned2", OtherPlannedCheck)
    monkeypatch.setattr(PlannedCheck, "plan", {})
    monkeypatch.setattr(OtherPlannedCheck, "plan", {})
    return PlannedCheck, OtherPlannedCheck
