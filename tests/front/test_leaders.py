"""Issue 15 item 4: 领导信息 as structured data (name, post, duties, photo, CV), every blueprint's 领导信息 section
of that type, older sites converted by create_site, demo values fictional and marked only in the admin."""

import pytest
from wagtail.models import Page

from demo.home.content import DEMO_LEADER_NOTE, fill_leader_pages
from demo.home.data import group_of
from home.models import Leader, LeaderIndexPage, StandardPage
from sites.services import provision_site
from tests.conftest import BASE_GROUP, site_client

pytestmark = pytest.mark.django_db


def leader_page(profile) -> LeaderIndexPage:
    return LeaderIndexPage.objects.descendant_of(profile.site.root_page).get(slug="ldxx")


def test_every_portal_and_department_has_a_structured_leader_page(group):
    for slug in ("zhuzhou", "hetang", "zhuzhou-fgw", "changde"):
        page = leader_page(group.all[slug])
        assert page.live and page.title == "领导信息"
        assert not StandardPage.objects.descendant_of(group.all[slug].site.root_page).filter(slug="ldxx").exists()


def test_leaders_render_in_order_with_a_placeholder_photo_and_without_the_internal_note(group):
    page = leader_page(group.hetang)
    page.leaders.add(
        Leader(
            name="李某某",
            post="副区长",
            duties="分管教育、卫生健康",
            cv="<p>历任科员、科长。</p>",
            note="内部核对",
            sort_order=1,
        )
    )
    page.leaders.add(
        Leader(name="张某某", post="区长", duties="主持区人民政府全面工作", note=DEMO_LEADER_NOTE, sort_order=0)
    )
    page.save_revision().publish()

    response = site_client(group.hetang).get("/ldxx/")

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("张某某") < html.index("李某某")  # editors' order, not alphabetical or by pk
    assert "分管教育、卫生健康" in html and "历任科员、科长。" in html
    assert html.count('src="/static/img/leader-placeholder.svg"') == 2  # no photo → placeholder, never a broken image
    assert "内部核对" not in html and "演示数据" not in html


def test_empty_leader_page_says_so(group):
    response = site_client(group.zhuzhou_fgw).get("/ldxx/")
    assert response.status_code == 200
    assert "内容正在完善中。" in response.content.decode()


def test_create_site_converts_an_old_plain_leader_page_and_keeps_its_text_as_a_draft(group):
    spec = next(s for s in BASE_GROUP if s.slug == "changde")
    home = group.changde.site.root_page
    leader_page(group.changde).delete()
    old = StandardPage(title="领导信息", slug="ldxx", body=[("paragraph", "<p>市长：某某</p>")])
    home.add_child(instance=old)

    result = provision_site(spec)

    assert any("以新页面类型替换 领导信息" in line for line in result.actions)
    new = leader_page(group.changde)
    assert new.live
    old = StandardPage.objects.get(pk=old.pk)
    assert (old.slug, old.live) == ("ldxx-old", False)  # kept, unpublished: nothing an editor wrote is lost
    assert "市长：某某" in str(old.body)
    assert Page.objects.get(pk=new.pk).get_next_sibling().pk == old.pk  # takes the old page's place
    assert site_client(group.changde).get("/ldxx/").status_code == 200
    assert site_client(group.changde).get("/ldxx-old/").status_code == 404
    # Re-running changes nothing.
    assert not any("替换" in line for line in provision_site(spec).actions)


def test_demo_leaders_are_fictional_and_marked_only_in_the_admin(group):
    city = group_of("zhuzhou")
    entry = next(site for site in city.sites if site.slug == "zhuzhou")
    assert fill_leader_pages(group.zhuzhou.site.root_page.specific, entry, city) == 1
    leaders = list(leader_page(group.zhuzhou).leaders.all())
    assert leaders and all(leader.name.endswith("某某") and leader.note == DEMO_LEADER_NOTE for leader in leaders)
    page = leader_page(group.zhuzhou)
    page.save_revision().publish()
    html = site_client(group.zhuzhou).get("/ldxx/").content.decode()
    assert leaders[0].name in html and "演示" not in html


def test_a_photo_shows_and_a_missing_photo_file_falls_back_to_the_placeholder(group):
    import wagtail_factories
    from django.core.files.storage import default_storage

    page = leader_page(group.zhuzhou_fgw)
    photo = wagtail_factories.ImageFactory(title="照片", collection=group.zhuzhou_fgw.collection)
    lost = wagtail_factories.ImageFactory(title="丢失的照片", collection=group.zhuzhou_fgw.collection)
    default_storage.delete(lost.file.name)
    page.leaders.add(Leader(name="王某某", post="主任", photo=photo, sort_order=0))
    page.leaders.add(Leader(name="赵某某", post="副主任", sort_order=1))
    page.leaders.add(Leader(name="刘某某", post="副主任", photo=lost, sort_order=2))
    page.save_revision().publish()

    html = site_client(group.zhuzhou_fgw).get("/ldxx/").content.decode()

    assert html.count('src="/media/images/') == 1
    assert html.count("leader-placeholder.svg") == 2  # the row after a photo is not given that photo
    assert "not-found" not in html


def test_site_staff_edit_their_own_leader_page_only(group, editor):
    from django.test import Client

    own, other = leader_page(group.hetang), leader_page(group.zhuzhou)
    client = Client()
    client.force_login(editor("hetang"))
    response = client.get(f"/admin/pages/{own.pk}/edit/")
    assert response.status_code == 200
    assert "领导名单" in response.content.decode() and "内部备注" in response.content.decode()
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code == 404  # another site's page: not even seen


def test_the_leader_page_is_found_by_a_leaders_name_and_portfolio(group, django_capture_on_commit_callbacks):
    from search.models import SearchDocument

    page = leader_page(group.hetang)
    cv = "<p>历任街道办事处主任。</p>"
    page.leaders.add(Leader(name="周某某", post="副区长", duties="分管城市管理和交通", cv=cv))
    with django_capture_on_commit_callbacks(execute=True):  # indexing is enqueued on commit
        page.save_revision().publish()

    document = SearchDocument.objects.get(key=f"page:{page.pk}")
    assert "周某某" in document.body and "分管城市管理和交通" in document.body and "街道办事处主任" in document.body
    assert "<p>" not in document.body
