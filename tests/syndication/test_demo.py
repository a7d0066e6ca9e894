"""The demo seed's 信息报送 step on the base group (the full seed runs in tests/sites/test_demo_urls.py and co.)."""

import pytest

from demo.syndication import RETURN_REASON, plan, seed_syndication
from syndication.enums import SubmissionStatus
from syndication.models import Submission

from .helpers import article

pytestmark = pytest.mark.django_db


def test_seed_submits_adopts_returns_and_shares_once(group):
    for n in range(4):
        article(group.hetang, title=f"荷塘区动态{n}", slug=f"hetang-{n}")
        article(group.zhuzhou_fgw, title=f"发改委动态{n}", slug=f"fgw-{n}")  # departments do not report in the demo
    article(group.hetang, "tzgg", title="荷塘区通知", slug="notice")  # nor do notices: news columns only
    article(group.zhuzhou, "zcwj", title="株洲市政策", slug="policy")
    count, adopted = plan("hetang")
    report = seed_syndication()
    returned = 1 if adopted < count else 0
    assert (report.submitted, report.adopted, report.returned, report.shared) == (count, adopted, returned, 1)
    assert Submission.objects.filter(status=SubmissionStatus.ADOPTED).count() == adopted
    assert list(Submission.objects.filter(status=SubmissionStatus.RETURNED).values_list("reason", flat=True)) == (
        [RETURN_REASON] * returned
    )
    again = seed_syndication()
    assert (again.submitted, again.shared) == (0, 0)
    assert Submission.objects.count() == count
    assert set(Submission.objects.values_list("page__title", flat=True)) <= {f"荷塘区动态{n}" for n in range(4)}


def test_plan_varies_between_units():
    plans = {plan(slug) for slug in ["zhuzhou-fgw", "hetang", "lusong", "tianyuan", "changde-jyj", "youxian"]}
    assert len(plans) > 1 and all(2 <= count <= 4 and 1 <= adopted <= count for count, adopted in plans)
