"""Generated reports (政府信息公开工作年度报告, 网站工作年度报表) are published by the 审核组 through their own
screens, which check the publish permission themselves: the 发布审核要求 does not block them."""

import pytest

from evaluation.annual import reports as website_reports
from openinfo.annual import reports
from tests.openinfo.test_annual_report_admin import YEAR, ready

pytestmark = pytest.mark.django_db


def test_the_signer_publishes_the_annual_reports_while_review_is_required(group, staff, require_review):
    people = staff(group.hetang)
    signer = type(people.signer).objects.get(pk=people.signer.pk)
    page = reports.publish(ready(group.hetang), signer)
    assert page.live
    website = website_reports.publish(website_reports.generate(group.hetang, YEAR), signer)
    assert website.live
    with pytest.raises(reports.NotAllowed):  # the writer still cannot
        reports.publish(ready(group.hetang_yuetang), staff(group.hetang_yuetang).author)
