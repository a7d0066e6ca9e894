"""``manage.py inspect_sites``: scope, progress, clear errors, and the nightly task."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from evaluation.enums import RunStatus
from evaluation.models import CheckResult, InspectionRun

pytestmark = pytest.mark.django_db


def run_command(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("inspect_sites", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_inspects_the_given_sites_with_one_progress_line_each(group):
    out, err = run_command("--site", "hetang", "--site", "zhuzhou-fgw", "--check", "homepage", "--today", "2026-11-02")
    run = InspectionRun.objects.get()
    assert run.status == RunStatus.COMPLETE
    assert run.today == datetime.date(2026, 11, 2)
    assert (run.site_slugs, run.checks, run.site_count) == (["hetang", "zhuzhou-fgw"], ["homepage"], 2)
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("[1/2] hetang 荷塘区人民政府：")
    assert lines[1].startswith("[2/2] zhuzhou-fgw 株洲市发展和改革委员会：")
    assert f"检查批次 {run.pk}（已完成）：2/2 个网站" in out
    assert set(CheckResult.objects.values_list("site__slug", "check_name")) == {
        ("hetang", "homepage"),
        ("zhuzhou-fgw", "homepage"),
    }


def test_without_site_the_whole_group_is_inspected(group):
    run_command("--check", "homepage")
    run = InspectionRun.objects.get()
    assert run.site_slugs == []
    assert run.site_count == len(group.all)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--site", "hetang", "--site", "nosuch"), "没有这个网站：nosuch"),
        (("--check", "homepage", "--check", "bogus"), "没有这个检查项：bogus"),
        (("--today", "2026-13-01"), "日期格式不正确：'2026-13-01'，应为 YYYY-MM-DD"),
    ],
)
def test_bad_arguments_are_one_clear_error_and_nothing_runs(group, args, message):
    with pytest.raises(CommandError) as raised:
        run_command(*args)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
    assert not InspectionRun.objects.exists()


def test_enqueue_runs_the_inspection_in_the_task_worker(group, db_worker):
    out, _ = run_command("--enqueue", "--site", "hetang", "--check", "homepage", "--today", "2026-11-02")
    assert "已安排后台检查（2026-11-02）" in out
    assert not InspectionRun.objects.exists()  # nothing ran in the command's own process
    db_worker()
    run = InspectionRun.objects.get()
    assert (run.status, run.site_slugs, run.today) == (RunStatus.COMPLETE, ["hetang"], datetime.date(2026, 11, 2))


def test_a_site_that_fails_is_reported_and_the_exit_status_is_an_error(group, monkeypatch):
    from evaluation.checks import registry
    from evaluation.checks.base import Check

    class Broken(Check):
        name = "broken"

        def run(self, site, today):
            if site.slug == "hetang":
                raise RuntimeError("页面树损坏")
            return []

    monkeypatch.setitem(registry._checks, "broken", Broken)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"^1 个网站检查出错：hetang$"):
        call_command(
            "inspect_sites", "--site", "hetang", "--site", "zhuzhou-fgw", "--check", "broken", stdout=out, stderr=err
        )
    assert err.getvalue().splitlines() == [
        "[1/2] hetang 荷塘区人民政府：出错",
        "[2/2] zhuzhou-fgw 株洲市发展和改革委员会：0 个问题",
    ]
    assert InspectionRun.objects.get().status == RunStatus.FAILED
