"""The availability probe against a local server, and the availability check at its thresholds (4.9 % vs 5 %,
3 % vs 3.1 %) over a 7-day window."""

import datetime
import threading

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from werkzeug import Response

from evaluation.availability import probe, targets
from evaluation.checks.availability import window
from evaluation.checks.registry import get
from evaluation.enums import Severity
from evaluation.models import AvailabilityProbe

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 3)


def add_probes(profile, total, failed, *, at=None):
    at = at or window(TODAY)[0] + datetime.timedelta(hours=1)
    AvailabilityProbe.objects.bulk_create(
        AvailabilityProbe(
            profile=profile,
            checked_at=at,
            url="http://x/",
            status=200 if n >= failed else None,
            seconds=0.2,
            ok=n >= failed,
            error="" if n >= failed else "连接超时",
        )
        for n in range(total)
    )


def run_check(profile):
    return list(get("availability").run(profile, TODAY))


@pytest.mark.parametrize(
    ("failed", "severity"),
    [(30, None), (31, Severity.WARNING), (49, Severity.WARNING), (50, Severity.VETO), (1000, Severity.VETO)],
)
def test_thresholds_of_1000_attempts(group, failed, severity):
    add_probes(group.hetang, 1000, failed)
    findings = run_check(group.hetang)
    assert [f.severity for f in findings] == ([severity] if severity else [])
    if severity:
        (finding,) = findings
        assert finding.key == "availability:ratio"
        assert finding.extra == {"attempts": 1000, "failed": failed, "percent": failed / 10, "sampled_enough": True}
        assert finding.url == "http://hetang.localhost/"


def test_only_the_last_seven_days_count(group):
    start, end = window(TODAY)
    add_probes(group.hetang, 100, 100, at=start - datetime.timedelta(seconds=1))  # a bad week before: ignored
    add_probes(group.hetang, 100, 100, at=end)  # tomorrow: ignored
    add_probes(group.hetang, 200, 0, at=start)
    assert run_check(group.hetang) == []


def test_no_probes_is_an_advisory_and_few_probes_are_labelled(group):
    (finding,) = run_check(group.hetang)
    assert (finding.code, finding.severity) == ("no-data", Severity.ADVISORY)
    add_probes(group.hetang, 10, 1)
    (finding,) = run_check(group.hetang)
    assert finding.severity == Severity.VETO and finding.extra["sampled_enough"] is False
    assert "探测次数少于检查要求的每天20次" in finding.detail


def test_latest_failure_below_the_warning_line_is_advisory(group):
    add_probes(group.hetang, 200, 0)
    add_probes(group.hetang, 1, 1, at=window(TODAY)[1] - datetime.timedelta(minutes=1))
    (finding,) = run_check(group.hetang)
    assert (finding.code, finding.severity) == ("latest-failed", Severity.ADVISORY)


def test_probe_records_status_and_seconds_with_the_site_host(group, httpserver):
    httpserver.expect_request("/", headers={"Host": "hetang.localhost"}).respond_with_data("<html>荷塘</html>")
    httpserver.expect_request("/", headers={"Host": "zhuzhou.localhost"}).respond_with_data("", status=503)
    profiles = [group.hetang, group.zhuzhou]
    rows = {row.profile_id: row for row in probe(targets(profiles, httpserver.url_for("/")))}
    ok, down = rows[group.hetang.pk], rows[group.zhuzhou.pk]
    assert (ok.ok, ok.status, ok.error) == (True, 200, "") and 0 < ok.seconds < 5
    assert (down.ok, down.status, down.error) == (False, 503, "HTTP 503（服务不可用）")
    assert AvailabilityProbe.objects.count() == 2


def test_an_attempt_over_the_limit_fails(group, httpserver, settings):
    settings.EVALUATION_PROBE_TIMEOUT = 0.3
    release = threading.Event()
    httpserver.expect_request("/").respond_with_handler(lambda request: release.wait(2) and Response("late"))
    try:
        (row,) = probe(targets([group.hetang], httpserver.url_for("/")))
    finally:
        release.set()
    assert (row.ok, row.status, row.error) == (False, None, "响应超时")
    assert row.seconds < 1.5


def test_public_hostname_is_the_default_target(group, settings):
    settings.EVALUATION_PROBE_SCHEME = ""
    settings.SECURE_SSL_REDIRECT = False
    (target,) = targets([group.hetang])
    assert (target.url, target.host) == ("http://hetang.localhost/", "hetang.localhost")
    settings.SECURE_SSL_REDIRECT = True
    assert targets([group.hetang])[0].url == "https://hetang.localhost/"


def test_command_probes_sites_and_an_unreachable_site_is_recorded_not_a_crash(group, httpserver, capsys):
    httpserver.expect_request("/").respond_with_data("ok")
    call_command("probe_availability", "--site", "hetang", "--site", "changde", "--base-url", httpserver.url_for("/"))
    assert set(AvailabilityProbe.objects.values_list("profile__slug", "ok")) == {("hetang", True), ("changde", True)}
    httpserver.stop()  # the server is gone: connection refused
    try:
        call_command("probe_availability", "--site", "hetang", "--base-url", httpserver.url_for("/"))
    finally:
        httpserver.start()
    failed = AvailabilityProbe.objects.get(profile=group.hetang, ok=False)
    assert failed.error == "无法连接（连接被拒绝）" and failed.status is None
    assert "失败 1" in capsys.readouterr().out


def test_command_refuses_bad_input(group):
    with pytest.raises(CommandError, match="没有这些站点：nowhere"):
        call_command("probe_availability", "--site", "nowhere")
    with pytest.raises(CommandError, match="不是有效的"):
        call_command("probe_availability", "--base-url", "ftp://x")
    assert AvailabilityProbe.objects.count() == 0


def test_command_prunes_old_probes(group, httpserver):
    httpserver.expect_request("/").respond_with_data("ok")
    add_probes(group.hetang, 3, 0, at=timezone.now() - datetime.timedelta(days=40))
    call_command("probe_availability", "--site", "hetang", "--base-url", httpserver.url_for("/"))
    assert AvailabilityProbe.objects.count() == 1
