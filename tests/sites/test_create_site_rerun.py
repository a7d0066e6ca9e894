"""Re-running create_site (issue 11): the same spec is idempotent; an existing slug with another name, kind,
parent or hostname is refused with one line and nothing changes (it used to print "已是最新：<new name>" and
exit 0 without applying anything)."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sites.models import SiteProfile
from tests.sites.test_create_site import ARGS, counts

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("create_site", *args, stdout=out)
    return out.getvalue()


def with_changes(**changes) -> list[str]:
    args = list(ARGS)
    for flag, value in changes.items():
        args[args.index(flag) + 1] = value
    return args


def test_the_same_spec_again_reports_up_to_date_and_changes_nothing():
    run(*ARGS)
    before = counts()
    output = run(*ARGS)
    assert output.splitlines()[-1] == "已是最新：芦淞区人民政府（lusong） http://lusong.localhost/"
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "difference"),
    [
        ({"--name": "芦淞区政府"}, "机构名称现为 芦淞区人民政府，参数为 芦淞区政府"),
        ({"--kind": "township"}, "类型现为 district，参数为 township"),
        ({"--parent": "changde"}, "上级网站现为 zhuzhou，参数为 changde"),
        ({"--hostname": "ls.localhost"}, "主机名现为 lusong.localhost:80，参数为 ls.localhost:80"),
    ],
)
def test_an_existing_slug_with_a_different_spec_is_refused_with_one_line(group, changes, difference):
    run(*ARGS)
    before, profile = counts(), SiteProfile.objects.select_related("site").get(slug="lusong")
    with pytest.raises(CommandError) as refused:
        run(*with_changes(**changes))
    assert str(refused.value) == (
        f"站点标识 lusong 已被另一站点使用（{difference}），未做任何修改；修改现有站点请在管理后台的站点档案中进行"
    )
    assert counts() == before
    after = SiteProfile.objects.select_related("site").get(slug="lusong")
    assert (after.org_name, after.kind, after.parent_id, after.site.hostname) == (
        profile.org_name,
        profile.kind,
        profile.parent_id,
        profile.site.hostname,
    )


def test_every_difference_is_named_in_the_one_line(group):
    run(*ARGS)
    with pytest.raises(CommandError) as refused:
        run(*with_changes(**{"--name": "芦淞区政府", "--hostname": "ls.localhost"}))
    assert (
        "机构名称现为 芦淞区人民政府，参数为 芦淞区政府；主机名现为 lusong.localhost:80，参数为 ls.localhost:80"
        in str(refused.value)
    )
    assert "\n" not in str(refused.value)
