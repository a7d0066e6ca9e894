"""Health index, ranking and trends (evaluation/health.py) against runs made with the runner."""

import datetime

import pytest

from evaluation import health, services
from evaluation.enums import Severity
from sites.models import SiteProfile

from .fake import DAY1, DAY2, OtherPlannedCheck, PlannedCheck, finding, planned  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("planned")

VETO, WARNING, ADVISORY = Severity.VETO, Severity.WARNING, Severity.ADVISORY


@pytest.mark.parametrize(
    ("veto", "warnings", "expected"),
    [
        (0, [], 100),
        (0, [1], 95),
        (0, [3], 85),
        (0, [4], 80),
        (0, [5], 80),  # the warnings of one check deduct at most 20
        (0, [30], 80),
        (0, [4, 4, 4, 4, 1], 15),
        (0, [4, 4, 4, 4, 4], 0),
        (0, [30, 30, 30, 30, 30, 30], 0),  # never below 0
        (1, [], 59),  # 80 capped: any veto fails the site
        (2, [], 59),  # 60 capped
        (2, [1], 55),
        (3, [], 40),
        (5, [], 0),
        (1, 1, 59),  # a single count: one check
    ],
)
def test_health_index(veto, warnings, expected):
    assert health.health_index(veto, warnings) == expected


def inspect(group, slugs, checks=("planned",), today=DAY1):
    return services.inspect([group.all[s] for s in slugs], list(checks), today=today)


def test_group_health_counts_ranks_and_orders_worst_first(group):
    first = PlannedCheck
    due = datetime.date(2026, 11, 6)
    first.plan = {
        "hetang": [finding("v", VETO), finding("w", WARNING, due=due), finding("a", ADVISORY)],
        "zhuzhou-fgw": [finding("w1"), finding("w2", due=datetime.date(2026, 11, 9)), finding("w3", due=due)],
        "hetang-yuetang": [finding("a", ADVISORY)],
    }
    inspect(group, ["hetang", "zhuzhou-fgw", "hetang-yuetang", "hetang-daping"])
    by_slug = {h.slug: h for h in health.group_health(SiteProfile.objects.all())}

    hetang = by_slug["hetang"]
    assert (hetang.veto, hetang.warning, hetang.advisory) == (1, 1, 1)
    assert hetang.index == 59  # 100 - 20 - 5 = 75, capped by the veto
    assert hetang.next_due == due
    assert hetang.cell("planned") == {"veto": 1, "warning": 1, "advisory": 1}
    assert by_slug["zhuzhou-fgw"].index == 85
    assert by_slug["zhuzhou-fgw"].next_due == due
    assert by_slug["hetang-yuetang"].index == 100  # advisory findings never count
    assert by_slug["hetang-daping"].index == 100 and by_slug["hetang-daping"].inspected
    assert by_slug["changde"].index is None and by_slug["changde"].rank is None

    # Equal indexes share a rank; the next rank skips.
    assert [by_slug[s].rank for s in ("hetang-yuetang", "hetang-daping", "zhuzhou-fgw", "hetang")] == [1, 1, 3, 4]
    order = [h.slug for h in health.group_health(SiteProfile.objects.all())]
    assert order[:2] == ["hetang", "zhuzhou-fgw"]
    assert set(order[-3:]) == {"zhuzhou", "zhuzhou-xiangjiang", "changde"}  # never inspected: last


def test_a_later_run_replaces_the_current_state(group):
    first = PlannedCheck
    first.plan = {"hetang": [finding("v", VETO)]}
    inspect(group, ["hetang"])
    first.plan = {"hetang": [finding("w")]}
    run = inspect(group, ["hetang"], today=DAY2)
    hetang = health.group_health(SiteProfile.objects.filter(slug="hetang"))[0]
    assert (hetang.veto, hetang.warning, hetang.index, hetang.last_run_id) == (0, 1, 95, run.pk)


def test_group_health_queries_do_not_grow_with_sites(group, django_assert_num_queries):
    first = PlannedCheck
    first.plan = {slug: [finding("v", VETO), finding("w")] for slug in group.all}
    inspect(group, list(group.all))
    with django_assert_num_queries(3):
        one = health.group_health(SiteProfile.objects.filter(slug="hetang"))
    with django_assert_num_queries(3):
        every = health.group_health(SiteProfile.objects.all())
    assert len(one) == 1 and len(every) == len(group.all)


def test_trend_is_the_state_after_each_run_and_a_partial_run_hides_nothing(group, django_assert_num_queries):
    first, second = PlannedCheck, OtherPlannedCheck
    first.plan = {"hetang": [finding("v", VETO), finding("w")], "zhuzhou-fgw": [finding("w")]}
    run1 = inspect(group, ["hetang", "zhuzhou-fgw"])
    # The second run checks only planned2, and only 荷塘区: planned's findings still stand.
    second.plan = {"hetang": [finding("a", ADVISORY)]}
    run2 = inspect(group, ["hetang"], checks=("planned2",), today=DAY2)
    first.plan = {"hetang": [finding("w")]}
    run3 = inspect(group, ["hetang"], today=DAY2)

    with django_assert_num_queries(4):  # the runs, then one query per run
        points = health.trend()
    assert [(p.run_id, p.veto, p.warning, p.advisory) for p in points] == [
        (run1.pk, 1, 2, 0),
        (run2.pk, 1, 2, 1),
        (run3.pk, 0, 2, 1),
    ]
    fgw = health.trend(SiteProfile.objects.filter(slug="zhuzhou-fgw"))
    assert [(p.run_id, p.warning) for p in fgw] == [(run1.pk, 1)]  # only the runs that inspected it
    assert [p.run_id for p in health.trend(limit=2)] == [run2.pk, run3.pk]
