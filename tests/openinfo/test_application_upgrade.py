"""Sites built before issue 13 get their 依申请公开 page through ``manage.py openinfo_application_pages``."""

import pytest
from django.core.management import call_command

from demo.factories.home import StandardPageFactory
from openinfo.models import ApplicationPage, DisclosureIndexPage
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def test_an_old_placeholder_page_is_replaced_in_place_and_kept_unpublished(group, capsys):
    section = DisclosureIndexPage.objects.descendant_of(group.hetang.site.root_page).get()
    ApplicationPage.objects.child_of(section).get().delete()
    old = StandardPageFactory(
        parent=section, title="依申请公开", slug="ysqgk", body=[("paragraph", "<p>申请表请到二楼窗口领取。</p>")]
    )
    old.move(section.get_children().get(slug="nb"), pos="left")
    order = [p.slug for p in section.get_children()]

    call_command("openinfo_application_pages")
    page = ApplicationPage.objects.child_of(section).get()
    assert page.live and page.slug == "ysqgk" and page.title == "依申请公开"
    assert page.intro == "申请表请到二楼窗口领取。"
    expected = [slug for s in order for slug in (["ysqgk", "ysqgk-old"] if s == "ysqgk" else [s])]
    assert [p.slug for p in section.get_children()] == expected
    old.refresh_from_db()
    assert not old.live and old.slug == "ysqgk-old"
    assert site_client(group.hetang).get("/zfxxgk/ysqgk/").status_code == 200
    assert site_client(group.hetang).get("/zfxxgk/ysqgk-old/").status_code == 404

    call_command("openinfo_application_pages")  # again: nothing to do
    assert ApplicationPage.objects.child_of(section).count() == 1
    assert capsys.readouterr().out.strip().endswith("已升级 0 个依申请公开页面。")
