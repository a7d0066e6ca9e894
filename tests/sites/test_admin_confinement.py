"""Site staff see only what their site owns, everywhere in the admin (issue 10, finding 6).

The walker below visits the admin as ``editor-hetang`` (staff of 荷塘区 only) with the ids of the objects of
another site (市发改委): a detail or action URL naming one must answer 404 — not 403, not a redirect — and a
listing must not show its names. The same URLs with 荷塘区's own ids must not answer 404, and the platform
administrator must still reach and see the other site's objects. To cover a new admin URL, add a row to
OBJECT_URLS or LISTINGS; test_admin_gate_coverage.py fails when an admin URL takes an object argument that
sites/admin_gate.py does not check.
"""

import json
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Comment, Page, Workflow

from demo.factories.home import ArticlePageFactory, column_of
from openinfo.models import OpenInfoAnnualReport
from tests.conftest import site_client

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # ~18 s: every object URL of the admin, two roles

# Names of 市发改委's objects and staff: none may appear in any admin response to 荷塘区's staff.
OTHER_NAMES = (
    "OTHERLIVE文章",
    "OTHERREV修订",
    "OTHERDRAFT草稿",
    "OTHERLOCK锁定",
    "OTHERIMG照片",
    "OTHERDOC文件",
    "othertag",
    "editor-zhuzhou-fgw",
    "株洲市发展和改革委员会",
    "zhuzhou-fgw",
)


def _site_objects(profile, user, prefix, tag):
    """A live page with two revisions, a draft in review, a locked page, media, a redirect — all of one site."""
    column = column_of(profile, "gzdt")
    page = ArticlePageFactory(parent=column, title=f"{prefix}LIVE文章")
    # Listed on the first page of the aging-pages report (oldest first; the sections the site factory publishes
    # carry their creation time).
    Page.objects.filter(pk=page.pk).update(last_published_at=timezone.now() - timezone.timedelta(days=3650))
    rev_a = page.save_revision(user=user, log_action=True)
    page.title = f"{prefix}REV修订"
    rev_b = page.save_revision(user=user, log_action=True)
    draft = ArticlePageFactory(parent=column, title=f"{prefix}DRAFT草稿", live=False)
    draft.save_revision(user=user, log_action=True)
    locked = ArticlePageFactory(parent=column, title=f"{prefix}LOCK锁定")
    Page.objects.filter(pk=locked.pk).update(locked=True, locked_by=user, locked_at=timezone.now())
    workflow = Workflow.objects.get(workflow_pages__page=profile.site.root_page)
    workflow_state = workflow.start(draft, user)
    Comment.objects.create(page=page, user=user, text=f"{prefix}COMMENT", contentpath="title")
    image = wagtail_factories.ImageFactory(title=f"{prefix}IMG照片", collection=profile.collection)
    image.tags.add(tag)
    document = wagtail_factories.DocumentFactory(title=f"{prefix}DOC文件", collection=profile.collection)
    document.tags.add(tag)
    redirect = Redirect.objects.create(old_path=f"/old-{profile.slug}", site=profile.site, redirect_link="/")
    annual_report = OpenInfoAnnualReport.objects.create(site=profile, year=2025)  # 政府信息公开工作年度报告
    return SimpleNamespace(
        home=profile.site.root_page_id,
        column=column.pk,
        page=page.pk,
        draft=draft.pk,
        locked=locked.pk,
        rev_a=rev_a.pk,
        rev_b=rev_b.pk,
        workflow=workflow.pk,
        wstate=workflow_state.pk,
        tstate=workflow_state.current_task_state.pk,
        task=workflow_state.current_task_state.task_id,
        image=image.pk,
        document=document.pk,
        collection=profile.collection_id,
        user=user.pk,
        group=profile.editor_group_id,
        site=profile.site_id,
        profile=profile.pk,
        redirect=redirect.pk,
        annual_report=annual_report.pk,
        root=Page.get_first_root_node().pk,
    )


@pytest.fixture
def world(group, editor):
    own = _site_objects(group.hetang, editor("hetang"), "OWN", "owntag")
    other = _site_objects(group.all["zhuzhou-fgw"], editor("zhuzhou-fgw"), "OTHER", "othertag")
    return SimpleNamespace(own=own, other=other)


@pytest.fixture
def staff(group, editor):
    return site_client(group.hetang, editor("hetang"))


@pytest.fixture
def platform_admin(group):
    return site_client(group.zhuzhou, get_user_model().objects.get(username="admin"))


def body(response) -> str:
    """The response's text; JSON (choosers, the admin API) with its strings unescaped."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


# -- Detail and action URLs ----------------------------------------------------------------------------------


# Each template is formatted with the ids of one site's objects (``{page}``) and 荷塘区's own (``{own.page}``).
# ``staff_reach``/``admin_reach``: the URL answers something other than 404 to the site's own staff with its own
# ids / to platform administrators (False where Wagtail itself answers 404: converting a page that is no alias, a
# preview that only POST renders, deleting a collection without the right to).
@dataclass(frozen=True)
class ObjectURL:
    template: str
    staff_reach: bool = True
    admin_reach: bool = True


NOWHERE = {"staff_reach": False, "admin_reach": False}


OBJECT_URLS = [
    # Page explorer, editing, preview, history, revisions, moderation
    ObjectURL("/admin/pages/{column}/"),
    ObjectURL("/admin/pages/{column}/results/"),
    ObjectURL("/admin/pages/{page}/edit/"),
    ObjectURL("/admin/pages/{draft}/edit/"),
    ObjectURL("/admin/pages/{page}/edit/preview/"),
    ObjectURL("/admin/pages/{page}/view_draft/"),
    ObjectURL("/admin/pages/{draft}/view_draft/"),
    ObjectURL("/admin/pages/{page}/edit/copy_translation_content/", **NOWHERE),
    ObjectURL("/admin/pages/{page}/usage/"),
    ObjectURL("/admin/pages/{page}/delete/"),
    ObjectURL("/admin/pages/{page}/unpublish/"),
    ObjectURL("/admin/pages/{page}/copy/"),
    ObjectURL("/admin/pages/{page}/move/"),
    ObjectURL("/admin/pages/{page}/move/{column}/confirm/"),
    ObjectURL("/admin/pages/{page}/set_position/"),
    ObjectURL("/admin/pages/{page}/privacy/"),
    ObjectURL("/admin/pages/{page}/lock/"),
    ObjectURL("/admin/pages/{locked}/unlock/"),
    ObjectURL("/admin/pages/{page}/convert_alias/", **NOWHERE),
    ObjectURL("/admin/pages/{column}/add_subpage/"),
    ObjectURL("/admin/pages/add/home/articlepage/{column}/"),
    ObjectURL("/admin/pages/add/home/articlepage/{column}/preview/"),
    ObjectURL("/admin/pages/{page}/revisions/"),
    ObjectURL("/admin/pages/{page}/revisions/{rev_a}/view/"),
    ObjectURL("/admin/pages/{page}/revisions/{rev_a}/revert/"),
    ObjectURL("/admin/pages/{page}/revisions/{rev_a}/unschedule/"),
    ObjectURL("/admin/pages/{page}/revisions/compare/{rev_a}...{rev_b}/"),
    ObjectURL("/admin/pages/{page}/revisions/compare/earliest...latest/"),
    ObjectURL("/admin/pages/{page}/history/"),
    ObjectURL("/admin/pages/{page}/history/results/"),
    ObjectURL("/admin/pages/{draft}/workflow_history/"),
    ObjectURL("/admin/pages/{draft}/workflow_history/detail/{wstate}/"),
    ObjectURL("/admin/pages/workflow/preview/{draft}/{task}/"),
    ObjectURL("/admin/pages/workflow/action/{draft}/approve/{tstate}/"),
    ObjectURL("/admin/pages/workflow/collect_action_data/{draft}/approve/{tstate}/"),
    ObjectURL("/admin/pages/workflow/confirm_cancellation/{draft}/"),
    # Another site's sub-object under one's own page (Wagtail does not check that they belong together)
    ObjectURL("/admin/pages/workflow/action/{own.draft}/approve/{tstate}/"),
    ObjectURL("/admin/pages/workflow/preview/{own.draft}/{task}/"),
    ObjectURL("/admin/pages/{own.draft}/workflow_history/detail/{wstate}/"),
    ObjectURL("/admin/pages/{own.page}/revisions/{rev_a}/view/"),
    # Page chooser and the admin API
    ObjectURL("/admin/choose-page/{column}/"),
    ObjectURL("/admin/choose-page/chosen-multiple/?id={page}&id={draft}"),
    ObjectURL("/admin/api/main/pages/{page}/"),
    ObjectURL("/admin/api/main/pages/find/?id={page}"),
    ObjectURL("/admin/api/main/pages/{page}/action/publish/"),
    ObjectURL("/admin/editing-sessions/ping/wagtailcore/page/{page}/0/"),
    # Images and documents: edit, delete, usage, renditions, choosers, the admin API
    ObjectURL("/admin/images/{image}/"),
    ObjectURL("/admin/images/{image}/delete/"),
    ObjectURL("/admin/images/{image}/generate_url/", **NOWHERE),
    ObjectURL("/admin/images/{image}/preview/original/"),
    ObjectURL("/admin/images/{image}/preview/fill-100x100/"),
    ObjectURL("/admin/images/usage/{image}/"),
    ObjectURL("/admin/images/multiple/{image}/"),
    ObjectURL("/admin/images/multiple/{image}/delete/"),
    ObjectURL("/admin/images/chooser/chosen/{image}/"),
    ObjectURL("/admin/images/chooser/{image}/select_format/"),
    ObjectURL("/admin/images/chooser/chosen-multiple/?id={image}"),
    ObjectURL("/admin/api/main/images/{image}/"),
    ObjectURL("/admin/api/main/images/find/?id={image}"),
    ObjectURL("/admin/editing-sessions/ping/wagtailimages/image/{image}/0/"),
    ObjectURL("/admin/documents/edit/{document}/"),
    ObjectURL("/admin/documents/delete/{document}/"),
    ObjectURL("/admin/documents/usage/{document}/"),
    ObjectURL("/admin/documents/multiple/{document}/"),
    ObjectURL("/admin/documents/multiple/{document}/delete/"),
    ObjectURL("/admin/documents/chooser/chosen/{document}/"),
    ObjectURL("/admin/documents/chooser/chosen-multiple/?id={document}"),
    ObjectURL("/admin/api/main/documents/{document}/"),
    ObjectURL("/admin/api/main/documents/find/?id={document}"),
    # Bulk actions: the confirmation page (GET) and the action (POST) alike
    ObjectURL("/admin/bulk/wagtailcore/page/delete/?id={page}&id={draft}"),
    ObjectURL("/admin/bulk/wagtailcore/page/publish/?id={draft}"),
    ObjectURL("/admin/bulk/wagtailcore/page/unpublish/?id={page}"),
    ObjectURL("/admin/bulk/wagtailcore/page/move/?id={page}"),
    ObjectURL("/admin/bulk/wagtailcore/page/delete/?id=all&childOf={column}"),
    ObjectURL("/admin/bulk/wagtailcore/page/delete/?id={own.page}&id={page}"),
    ObjectURL("/admin/bulk/wagtailimages/image/delete/?id={image}"),
    ObjectURL("/admin/bulk/wagtailimages/image/add_tags/?id={image}"),
    ObjectURL("/admin/bulk/wagtailimages/image/add_to_collection/?id={image}"),
    ObjectURL("/admin/bulk/wagtailimages/image/delete/?id=all&childOf={collection}"),
    ObjectURL("/admin/bulk/wagtaildocs/document/delete/?id={document}"),
    ObjectURL("/admin/bulk/wagtaildocs/document/add_tags/?id={document}"),
    ObjectURL("/admin/bulk/wagtaildocs/document/add_to_collection/?id={document}"),
    ObjectURL("/admin/bulk/auth/user/delete/?id={user}"),
    ObjectURL("/admin/bulk/auth/user/set_active_state/?id={user}"),
    ObjectURL("/admin/bulk/auth/user/assign_role/?id={user}"),
    # Users, groups, sites, settings, profiles, collections, workflows, tasks, redirects
    ObjectURL("/admin/users/edit/{user}/"),
    ObjectURL("/admin/users/delete/{user}/"),
    ObjectURL("/admin/users/history/{user}/"),
    ObjectURL("/admin/users/history-results/{user}/"),
    ObjectURL("/admin/users/usage/{user}/"),
    ObjectURL("/admin/groups/edit/{group}/"),
    ObjectURL("/admin/groups/delete/{group}/"),
    ObjectURL("/admin/groups/history/{group}/"),
    ObjectURL("/admin/groups/usage/{group}/"),
    ObjectURL("/admin/sites/edit/{site}/"),
    ObjectURL("/admin/sites/delete/{site}/"),
    ObjectURL("/admin/sites/history/{site}/"),
    ObjectURL("/admin/sites/usage/{site}/"),
    ObjectURL("/admin/settings/sites/sitesettings/{site}/"),
    ObjectURL("/admin/settings/sites/sitesettings/{site}/preview/", **NOWHERE),
    ObjectURL("/admin/settings/interaction/mailboxsettings/{site}/"),
    ObjectURL("/admin/site_profiles/edit/{profile}/"),
    ObjectURL("/admin/site_profiles/inspect/{profile}/"),
    ObjectURL("/admin/site_profiles/delete/{profile}/"),
    ObjectURL("/admin/site_profiles/history/{profile}/"),
    ObjectURL("/admin/site_profiles/usage/{profile}/"),
    ObjectURL("/admin/collections/{collection}/"),
    ObjectURL("/admin/collections/{collection}/delete/", staff_reach=False),
    ObjectURL("/admin/collections/{collection}/privacy/"),
    ObjectURL("/admin/workflows/edit/{workflow}/"),
    ObjectURL("/admin/workflows/disable/{workflow}/"),
    ObjectURL("/admin/workflows/usage/{workflow}/"),
    ObjectURL("/admin/workflows/remove/{home}/{workflow}/"),
    ObjectURL("/admin/workflows/tasks/edit/{task}/"),
    ObjectURL("/admin/workflows/tasks/disable/{task}/"),
    ObjectURL("/admin/workflows/task_chooser/{task}/"),
    ObjectURL("/admin/redirects/{redirect}/"),
    ObjectURL("/admin/redirects/{redirect}/delete/"),
    # 政府信息公开工作年度报告 (openinfo/annual/viewsets.py)
    *[
        ObjectURL(f"/admin/openinfo/annual-reports/{action}/{{annual_report}}/")
        for action in ("edit", "delete", "preview", "publish", "correct", "xlsx", "docx")
    ],
]


def url_for(row, target, own):
    return row.template.format(**vars(target), own=own)


def test_other_sites_objects_answer_404_to_site_staff(world, staff):
    wrong = []
    for row in OBJECT_URLS:
        url = url_for(row, world.other, world.own)
        response = staff.get(url)
        if response.status_code != 404 or any(name in body(response) for name in OTHER_NAMES):
            wrong.append((url, response.status_code, response.get("Location")))
    assert wrong == []


def test_own_objects_stay_reachable_for_site_staff(world, staff):
    """The 404s above are about ownership: the same URLs with the site's own ids reach Wagtail's views."""
    wrong = []
    for row in OBJECT_URLS:
        if row.staff_reach and "{own." not in row.template:
            url = url_for(row, world.own, world.own)
            if (status := staff.get(url).status_code) == 404:
                wrong.append((url, status))
    assert wrong == []


def test_platform_admin_reaches_every_sites_objects(world, platform_admin):
    wrong = []
    for row in OBJECT_URLS:
        if row.admin_reach and "{own." not in row.template:
            url = url_for(row, world.other, world.own)
            if (status := platform_admin.get(url).status_code) == 404:
                wrong.append((url, status))
    assert wrong == []


def test_posts_naming_other_sites_objects_answer_404_and_change_nothing(world, staff):
    other = world.other
    posts = [
        (f"/admin/bulk/wagtailcore/page/delete/?id={other.page}", {}),
        (f"/admin/bulk/wagtailcore/page/unpublish/?id={other.page}", {}),
        (f"/admin/bulk/wagtailimages/image/delete/?id={other.image}", {}),
        (f"/admin/bulk/wagtaildocs/document/delete/?id={other.document}", {}),
        (f"/admin/bulk/auth/user/set_active_state/?id={other.user}", {"mark_as_active": ""}),
        (f"/admin/pages/{other.page}/lock/", {}),
        (f"/admin/pages/{other.locked}/unlock/", {}),
        (f"/admin/pages/workflow/action/{other.draft}/approve/{other.tstate}/", {}),
        (f"/admin/images/{other.image}/delete/", {}),
        (f"/admin/documents/delete/{other.document}/", {}),
        (f"/admin/api/main/pages/{other.page}/action/unpublish/", {}),
        (f"/admin/editing-sessions/ping/wagtailcore/page/{other.page}/0/", {}),
    ]
    assert [(url, staff.post(url, data).status_code) for url, data in posts] == [(url, 404) for url, _ in posts]
    page = Page.objects.get(pk=other.page)
    assert page.live and not page.locked and Page.objects.get(pk=other.locked).locked
    assert Page.objects.get(pk=other.draft).current_workflow_state is not None  # still in review
    assert get_user_model().objects.get(pk=other.user).is_active
    assert wagtail_factories.ImageFactory._meta.model.objects.filter(pk=other.image).exists()
    assert wagtail_factories.DocumentFactory._meta.model.objects.filter(pk=other.document).exists()


@pytest.mark.parametrize("bad_id", ["abc", "99999999999999999999", "-1", ""])
def test_malformed_ids_name_nothing_the_user_owns(world, staff, bad_id):
    for url in (
        f"/admin/bulk/wagtailcore/page/delete/?id={bad_id}",
        f"/admin/bulk/wagtailimages/image/delete/?id={bad_id}",
        f"/admin/choose-page/chosen-multiple/?id={bad_id}",
        f"/admin/bulk/wagtailcore/page/delete/?id=all&childOf={bad_id}",
    ):
        assert staff.get(url).status_code == 404, url


# -- Listings, reports, choosers, filters ------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    template: str
    shows_own: tuple = ()  # names 荷塘区's staff must see there (the listing works)
    admin_sees: tuple = ()  # names of the other site a platform administrator sees there
    status: int = 200  # what site staff get


LISTINGS = [
    Listing("/admin/", ("OWNDRAFT草稿",)),  # 荷塘区's draft in review, in "your pages in moderation"
    Listing("/admin/api/main/pages/?search=OTHERLIVE"),
    Listing("/admin/api/main/pages/?child_of=root", ("荷塘区人民政府",), ("株洲市发展和改革委员会",)),
    Listing("/admin/api/main/images/", ("OWNIMG照片",), ("OTHERIMG照片",)),
    Listing("/admin/api/main/documents/", ("OWNDOC文件",), ("OTHERDOC文件",)),
    Listing("/admin/pages/{own.home}/", ("荷塘区人民政府",), ("editor-zhuzhou-fgw", "株洲市发展和改革委员会")),
    Listing("/admin/pages/{own.column}/", ("OWNREV修订",), ("editor-zhuzhou-fgw",)),
    Listing("/admin/pages/search/?q=OTHERLIVE", admin_sees=("OTHERREV修订",)),
    Listing("/admin/pages/usage/home/articlepage/", ("OWNREV修订",), ("OTHERREV修订", "editor-zhuzhou-fgw")),
    Listing("/admin/pages/usage/home/articlepage/results/", ("OWNREV修订",), ("OTHERREV修订",)),
    Listing("/admin/choose-page/", ("荷塘区人民政府",), ("株洲市发展和改革委员会",)),
    Listing("/admin/choose-page/search/?q=OTHERLIVE", admin_sees=("OTHERLIVE文章",)),
    Listing("/admin/images/", ("OWNIMG照片", "owntag"), ("OTHERIMG照片", "othertag")),
    Listing("/admin/images/results/", ("OWNIMG照片",), ("OTHERIMG照片",)),
    Listing("/admin/images/chooser/", ("OWNIMG照片", "owntag"), ("OTHERIMG照片", "othertag")),
    Listing("/admin/images/chooser/results/", ("OWNIMG照片",), ("OTHERIMG照片",)),
    Listing("/admin/documents/", ("OWNDOC文件", "owntag"), ("OTHERDOC文件", "othertag")),
    Listing("/admin/documents/chooser/", ("OWNDOC文件",), ("OTHERDOC文件",)),
    Listing("/admin/tag-autocomplete/?term=o", ("owntag",), ("othertag",)),
    Listing("/admin/tag-autocomplete/taggit/tag/?term=o"),  # a tag model by name: no site's tags to offer
    Listing("/admin/reports/locked/", ("OWNLOCK锁定", "editor-hetang"), ("OTHERLOCK锁定", "editor-zhuzhou-fgw")),
    Listing("/admin/reports/locked/?export=csv", ("OWNLOCK锁定",), ("OTHERLOCK锁定",)),
    Listing("/admin/reports/workflow/", ("OWNDRAFT草稿", "editor-hetang"), ("OTHERDRAFT草稿", "editor-zhuzhou-fgw")),
    Listing("/admin/reports/workflow/results/", ("OWNDRAFT草稿",), ("OTHERDRAFT草稿",)),
    Listing("/admin/reports/workflow_tasks/", ("OWNDRAFT草稿",), ("OTHERDRAFT草稿", "株洲市发展和改革委员会")),
    Listing("/admin/reports/site-history/", ("OWNREV修订", "editor-hetang"), ("OTHERREV修订", "editor-zhuzhou-fgw")),
    Listing("/admin/reports/site-history/?export=csv", ("OWNREV修订",), ("OTHERREV修订",)),
    Listing("/admin/reports/aging-pages/", ("OWNREV修订",), ("OTHERREV修订",)),
    # 采编操作审计 (sites/admin_audit.py, issue 14)
    Listing("/admin/audit/editorial/", ("OWNREV修订", "editor-hetang"), ("OTHERREV修订", "editor-zhuzhou-fgw")),
    Listing("/admin/audit/editorial/results/", ("OWNREV修订",), ("OTHERREV修订",)),
    Listing("/admin/audit/editorial/?export=csv", ("OWNREV修订",), ("OTHERREV修订",)),
    Listing("/admin/reports/page-types-usage/", ("OWNDRAFT草稿",), ("OTHERDRAFT草稿", "株洲市发展和改革委员会")),
    Listing("/admin/reports/page-types-usage/results/", ("OWNDRAFT草稿",), ("OTHERDRAFT草稿",)),
    Listing("/admin/openinfo/annual-reports/", ("/admin/openinfo/annual-reports/edit/{own.annual_report}/",)),
    Listing("/admin/workflows/task_chooser/", ("荷塘区人民政府",), ("株洲市发展和改革委员会",)),
    Listing("/admin/workflows/task_chooser/results/", ("荷塘区人民政府",), ("株洲市发展和改革委员会",)),
    Listing(
        "/admin/bulk/wagtailcore/page/delete/?id=all&childOf={own.root}",
        ("荷塘区人民政府",),
        ("株洲市发展和改革委员会",),
    ),
    # "Select all" over a search: nothing of the other site is left to act on, so there is nothing to confirm.
    Listing("/admin/bulk/wagtailcore/page/delete/?id=all&q=OTHERLIVE", admin_sees=("OTHERREV修订",), status=404),
]


def test_listings_show_site_staff_only_their_own(world, staff):
    wrong = []
    for row in LISTINGS:
        url = row.template.format(own=world.own)
        response = staff.get(url)
        html = body(response)
        leaked = [name for name in OTHER_NAMES if name in html]
        missing = [name for name in row.shows_own if name.format(own=world.own) not in html]
        if response.status_code != row.status or leaked or missing:
            wrong.append((url, response.status_code, leaked, missing))
    assert wrong == []


def test_platform_admin_listings_show_every_site(world, platform_admin):
    wrong = []
    for row in LISTINGS:
        url = row.template.format(own=world.own)
        response = platform_admin.get(url)
        html = body(response)
        missing = [name for name in row.admin_sees if name not in html]
        if response.status_code != 200 or missing:
            wrong.append((url, response.status_code, missing))
    assert wrong == []


def test_user_admin_is_closed_to_site_staff_and_confined_if_opened(world, staff, group, editor):
    """Site groups hold no user rights, so Wagtail refuses the user admin; a group given them sees only its staff."""
    response = staff.get("/admin/users/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    from django.contrib.auth.models import Permission

    group.hetang.reviewer_group.permissions.add(Permission.objects.get(codename="change_user"))
    colleague = get_user_model().objects.create_user("hetang-colleague", password="x")
    colleague.groups.add(group.hetang.editor_group)
    client = site_client(group.hetang, editor("hetang"))
    html = body(client.get("/admin/users/"))
    assert "hetang-colleague" in html and "editor-hetang" in html
    assert "editor-zhuzhou-fgw" not in html and "editor-changde" not in html and ">admin<" not in html
    assert client.get(f"/admin/users/edit/{colleague.pk}/").status_code == 200
    assert client.get(f"/admin/users/edit/{world.other.user}/").status_code == 404
    admin_id = get_user_model().objects.get(username="admin").pk
    assert client.get(f"/admin/users/edit/{admin_id}/").status_code == 404
