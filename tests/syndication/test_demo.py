"""The demo seed's 信息报送 step on the base group (the full seed runs in tests/sites/test_demo_urls.py and co.)."""

import pytest

from demo.syndication import RETURN_REASON, seed_syndication
from syndication.enums import SubmissionStatus
from syndication.models import Submission

from .helpers import article

pytestmark = pytest.mark.django_db


def test_seed_submits_adopts_returns_and_shares_once(group):
    for n in range(3):
        article(group.zhuzhou_fgw, title=f"发改委动态{n}", slug=f"fgw-{n}")
    article(group.zhuzhou, "zcwj", title="株洲市政策", slug="policy")
    report = seed_syndication()
    assert (report.submitted, report.adopted, report.returned, report.shared) == (3, 1, 1, 1)
    statuses = sorted(Submission.objects.values_list("status", flat=True))
    assert statuses == sorted([SubmissionStatus.ADOPTED, SubmissionStatus.RETURNED, SubmissionStatus.PENDING])
    assert Submission.objects.get(status=SubmissionStatus.RETURNED).reason == RETURN_REASON
    again = seed_syndication()
    assert (again.submitted, again.shared) == (0, 0)
    assert Submission.objects.count() == 3
