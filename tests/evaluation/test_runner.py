"""The runner's stored results: first seen, resolved, current per site, and runs that stop half-way."""

import datetime

import pytest

from evaluation import services
from evaluation.checks import registry
from evaluation.checks.base import Check, FindingData
from evaluation.enums import RunStatus, Severity
from evaluation.models import Finding, InspectionRun

DAY1 = datetime.date(2026, 11, 2)
DAY2 = datetime.date(2026, 11, 3)
DAY3 = datetime.date(2026, 11, 4)


class FakeCheck(Check):
    """Yields the keys planned for each site slug; a planned exception is raised instead."""

    name = "fake"
    label = "测试检查"
    plan: dict = {}

    def run(self, site, today):
        planned = self.plan.get(site.slug, [])
        if isinstance(planned, BaseException):
            raise planned
        for key in planned:
            yield FindingData(code="x", severity=Severity.WARNING, key=key, title=f"问题{key}")


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setitem(registry._checks, "fake", FakeCheck)
    monkeypatch.setattr(FakeCheck, "plan", {})
    return FakeCheck


def sites(group, *slugs):
    return [group.all[slug] for slug in slugs]


def current_keys(site):
    return sorted(services.current_findings(site).filter(check_name="fake").values_list("key", flat=True))


def test_first_seen_is_carried_over_and_vanished_findings_are_resolved(group, fake):
    fake.plan = {"hetang": ["a", "b"]}
    first = services.inspect(sites(group, "hetang"), ["fake"], today=DAY1)
    assert first.status == RunStatus.COMPLETE
    assert first.site_count == 1
    fake.plan = {"hetang": ["b", "c"]}
    second = services.inspect(sites(group, "hetang"), ["fake"], today=DAY2)

    assert current_keys(group.hetang) == ["b", "c"]
    current = {f.key: f for f in services.current_findings(group.hetang)}
    assert current["b"].first_seen == DAY1  # seen since the first run
    assert current["c"].first_seen == DAY2
    resolved = Finding.objects.resolved_in(second).get()
    assert (resolved.key, resolved.run_id) == ("a", first.pk)
    assert resolved.resolved_at is not None
    # b was seen again: the old row of b stays unresolved, and so does everything of the second run.
    assert not Finding.objects.filter(run=first, key="b", resolved_at__isnull=False).exists()
    assert not Finding.objects.filter(run=second, resolved_at__isnull=False).exists()


def test_a_resolved_finding_that_comes_back_starts_a_new_first_seen(group, fake):
    fake.plan = {"hetang": ["a"]}
    services.inspect(sites(group, "hetang"), ["fake"], today=DAY1)
    fake.plan = {"hetang": []}
    services.inspect(sites(group, "hetang"), ["fake"], today=DAY2)
    assert current_keys(group.hetang) == []
    fake.plan = {"hetang": ["a"]}
    services.inspect(sites(group, "hetang"), ["fake"], today=DAY3)
    assert services.current_findings(group.hetang).get().first_seen == DAY3


def test_an_exception_in_one_site_keeps_its_previous_results_current(group, fake):
    fake.plan = {"hetang": ["h1"], "zhuzhou-fgw": ["f1"]}
    services.inspect(sites(group, "hetang", "zhuzhou-fgw"), ["fake"], today=DAY1)
    fake.plan = {"hetang": ["h2"], "zhuzhou-fgw": RuntimeError("数据库不可用")}
    run = services.inspect(sites(group, "hetang", "zhuzhou-fgw"), ["fake"], today=DAY2)

    assert run.status == RunStatus.FAILED
    assert run.site_count == 1
    assert run.errors == [{"site": "zhuzhou-fgw", "error": "RuntimeError: 数据库不可用"}]
    assert current_keys(group.hetang) == ["h2"]  # the site it finished has its new results
    assert current_keys(group.all["zhuzhou-fgw"]) == ["f1"]  # the other keeps the previous complete ones
    assert not Finding.objects.filter(key="f1", resolved_at__isnull=False).exists()
    assert sorted(services.current_findings().filter(check_name="fake").values_list("key", flat=True)) == ["f1", "h2"]


def test_a_run_killed_half_way_leaves_unfinished_sites_as_they_were(group, fake):
    fake.plan = {"hetang": ["h1"], "zhuzhou-fgw": ["f1"]}
    services.inspect(sites(group, "hetang", "zhuzhou-fgw"), ["fake"], today=DAY1)
    fake.plan = {"hetang": ["h2"], "zhuzhou-fgw": KeyboardInterrupt()}
    with pytest.raises(KeyboardInterrupt):
        services.inspect(sites(group, "hetang", "zhuzhou-fgw"), ["fake"], today=DAY2)

    run = InspectionRun.objects.order_by("-pk").first()
    assert run.status == RunStatus.FAILED
    assert run.finished_at is not None
    assert current_keys(group.hetang) == ["h2"]
    assert current_keys(group.all["zhuzhou-fgw"]) == ["f1"]


def test_current_findings_of_a_site_follow_each_checks_latest_result(group, fake):
    """A later run of another check does not hide this check's findings."""
    fake.plan = {"hetang": ["a"]}
    services.inspect(sites(group, "hetang"), ["fake"], today=DAY1)
    services.inspect(sites(group, "hetang"), ["homepage"], today=DAY2)
    assert current_keys(group.hetang) == ["a"]
    assert set(services.current_findings(group.hetang).values_list("check_name", flat=True)) == {"fake", "homepage"}


def test_a_check_reporting_one_key_twice_fails_that_site_only(group, fake):
    fake.plan = {"hetang": ["a", "a"], "zhuzhou-fgw": ["f"]}
    run = services.inspect(sites(group, "hetang", "zhuzhou-fgw"), ["fake"], today=DAY1)
    assert run.status == RunStatus.FAILED
    assert [e["site"] for e in run.errors] == ["hetang"]
    assert current_keys(group.all["zhuzhou-fgw"]) == ["f"]
    assert current_keys(group.hetang) == []


def test_unknown_check_names_are_refused_before_anything_runs(group):
    with pytest.raises(services.UnknownCheck, match="nosuch"):
        services.inspect(sites(group, "hetang"), ["homepage", "nosuch"], today=DAY1)
    assert not InspectionRun.objects.exists()


def test_a_run_left_running_for_a_day_is_marked_unfinished_by_the_next(group, fake):
    from django.utils import timezone

    killed = InspectionRun.objects.create(today=DAY1, checks=["fake"])
    recent = InspectionRun.objects.create(today=DAY1, checks=["fake"])
    InspectionRun.objects.filter(pk=killed.pk).update(started_at=timezone.now() - datetime.timedelta(hours=25))
    InspectionRun.objects.filter(pk=recent.pk).update(started_at=timezone.now() - datetime.timedelta(hours=23))
    services.inspect(sites(group, "hetang"), ["fake"], today=DAY2)
    killed.refresh_from_db()
    recent.refresh_from_db()
    assert (killed.status, recent.status) == (RunStatus.FAILED, RunStatus.RUNNING)


def test_a_finding_outlives_its_deleted_page(group):
    from demo.factories.home import column_of

    from .content import article, noon

    page = article(column_of(group.hetang, "gzdt"), noon(DAY1 - datetime.timedelta(days=20)))
    services.inspect(sites(group, "hetang"), ["homepage"], today=DAY1)
    finding = services.current_findings(group.hetang).get(check_name="homepage")
    assert finding.page_id == page.pk
    page.delete()
    finding.refresh_from_db()
    assert finding.page_id is None
    assert finding.title == "首页已20天未更新"


def test_many_findings_resolved_at_once_are_all_marked(group, fake, monkeypatch):
    monkeypatch.setattr(services, "RESOLVE_BATCH", 3)
    fake.plan = {"hetang": [f"k{i}" for i in range(8)]}
    services.inspect(sites(group, "hetang"), ["fake"], today=DAY1)
    fake.plan = {"hetang": ["k0"]}
    second = services.inspect(sites(group, "hetang"), ["fake"], today=DAY2)
    assert Finding.objects.resolved_in(second).count() == 7
