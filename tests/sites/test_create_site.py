"""The site factory builds a complete, confined site in one transaction, and refuses bad input cleanly."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    WorkflowPage,
)

from demo.factories.sites import credit_code_for
from home.models import ColumnPage, HomePage, StandardPage
from sites.blueprint import load_blueprint
from sites.models import SiteProfile, SiteSettings

pytestmark = pytest.mark.django_db

ARGS = [
    "--kind",
    "district",
    "--name",
    "芦淞区人民政府",
    "--slug",
    "lusong",
    "--parent",
    "zhuzhou",
    "--hostname",
    "lusong.localhost",
    "--site-code",
    "4302030001",
    "--org-code",
    credit_code_for(2030001, "430203"),
]


def counts():
    return {
        "sites": Site.objects.count(),
        "profiles": SiteProfile.objects.count(),
        "pages": Page.objects.count(),
        "groups": Group.objects.count(),
        "collections": Collection.objects.count(),
        "page_perms": GroupPagePermission.objects.count(),
        "collection_perms": GroupCollectionPermission.objects.count(),
        "site_perms": GroupSitePermission.objects.count(),
        "settings": SiteSettings.objects.count(),
    }


def run(*args):
    call_command("create_site", *args, stdout=io.StringIO())


def test_create_site_builds_everything():
    run(*ARGS)
    profile = SiteProfile.objects.select_related("site", "parent").get(slug="lusong")
    site = profile.site
    assert (site.hostname, site.port, site.site_name) == ("lusong.localhost", 80, "芦淞区人民政府")
    assert profile.kind == "district" and profile.parent.slug == "zhuzhou" and profile.site_code == "4302030001"

    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.depth == 2 and home.live
    blueprint = load_blueprint("district")
    children = {p.slug: p.specific for p in home.get_children()}
    assert set(children) == {spec.slug for spec in blueprint.pages}
    assert children["tzgg"].column_type == "notice" and isinstance(children["tzgg"], ColumnPage)
    assert isinstance(children["qqgk"], StandardPage)

    editors, reviewers = profile.editor_group, profile.reviewer_group
    assert {p.permission.codename for p in GroupPagePermission.objects.filter(group=editors)} == {
        "add_page",
        "change_page",
    }
    assert "publish_page" in {p.permission.codename for p in GroupPagePermission.objects.filter(group=reviewers)}
    assert set(GroupPagePermission.objects.filter(group__in=[editors, reviewers]).values_list("page", flat=True)) == {
        home.pk
    }
    assert set(GroupCollectionPermission.objects.filter(group=editors).values_list("collection", flat=True)) == {
        profile.collection_id
    }
    assert GroupCollectionPermission.objects.filter(group=editors).count() == 6  # add/change/choose × images/docs
    assert GroupSitePermission.objects.filter(group=editors, site=site).exists()
    assert editors.permissions.filter(codename="access_admin").exists()
    assert SiteSettings.objects.filter(site=site).exists()
    workflow = WorkflowPage.objects.get(page=home).workflow
    steps = [task.specific for task in workflow.tasks.order_by("workflow_tasks__sort_order")]
    assert [t.step for t in steps] == ["初审", "复审", "终审"]  # district: sites/blueprints/district.toml
    assert list(steps[-1].groups.all()) == [reviewers]  # the last step (签发) is the site's 审核组


def test_create_site_is_idempotent():
    run(*ARGS)
    before = counts()
    run(*ARGS)
    assert counts() == before


def test_rerun_adds_blueprint_entries_missing_on_an_existing_site(group):
    home = group.hetang.site.root_page
    home.get_children().get(slug="rsxx").delete()
    run(
        "--kind",
        "district",
        "--name",
        "荷塘区人民政府",
        "--slug",
        "hetang",
        "--parent",
        "zhuzhou",
        "--hostname",
        "hetang.localhost",
    )
    assert home.get_children().filter(slug="rsxx").exists()


def test_dry_run_writes_nothing():
    before = counts()
    run(*ARGS, "--dry-run")
    assert counts() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"--slug": "hetang"}, "站点标识 hetang 已被另一站点使用"),
        ({"--hostname": "hetang.localhost"}, "主机名 hetang.localhost:80 已被其他站点使用"),
        ({"--org-code": "11430203000000001X"}, "统一社会信用代码校验位不正确"),
        ({"--org-code": "123"}, "统一社会信用代码应为18位"),
        ({"--site-code": "43020"}, "网站标识码应为10位"),
        ({"--parent": "nowhere"}, "上级网站 'nowhere' 不存在"),
        ({"--parent": "zhuzhou-fgw"}, "区县门户的上级网站只能是：市级门户"),
        ({"--hostname": "bad host!"}, "不是有效的域名"),
        ({"--slug": "Bad_Slug"}, "只能包含小写字母"),
    ],
)
def test_bad_input_is_refused_with_one_line_and_nothing_half_created(changes, message):
    args = list(ARGS)
    for flag, value in changes.items():
        args[args.index(flag) + 1] = value
    before = counts()
    with pytest.raises(CommandError) as excinfo:
        run(*args)
    assert message in str(excinfo.value)
    assert "\n" not in str(excinfo.value)
    assert counts() == before
