"""The admin at hundreds of sites: bounded queries, no 500 (issue 11 item 6; timings live in bench/admin_scale.py).

Sites are added in bulk (tests/sites/bulk_sites.py): each with its home page, profile, editor and reviewer groups,
an editor and its own review workflow and task, as create_site builds them.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.forms.collections import BaseGroupCollectionMemberPermissionFormSet
from wagtail.contrib.settings.forms import SitePermissionForm
from wagtail.models import GroupCollectionPermission, GroupSitePermission, Page, TaskState, Workflow

from sites.admin_groups import permission_panel_classes
from sites.admin_pages import SITE_FILTER_LIMIT, OwnedPageFilterSet
from sites.admin_reviews import PANEL_LIMIT, reviewable_task_states
from sites.models import SiteProfile
from tests.conftest import site_client
from tests.sites.bulk_sites import add_bulk_sites

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # ~20 s: hundreds of sites added

MANY = 300


def _submit_for_review(profile, user, count=1):
    """``count`` pages of the site submitted to its review workflow (in-progress task states)."""
    home = profile.site.root_page
    workflow = Workflow.objects.get(workflow_pages__page=home)
    states = []
    for i in range(count):
        page = home.add_child(instance=Page(title=f"待审{profile.slug}{i}", slug=f"review-{i}", live=False))
        page.save_revision(user=user)
        states.append(workflow.start(page, user))
    return states


def _queries(client, url):
    """Queries of the second and third request (caches warm), the fewer of the two: the staff session's idle
    timestamp is saved once a minute (core.accounts), which adds queries to whichever request crosses it."""
    response = client.get(url)
    assert response.status_code == 200, url
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
            assert response.status_code == 200, url
        counts.append(len(ctx.captured_queries))
    return min(counts)


def _admin(django_user_model, group):
    return site_client(group.zhuzhou, django_user_model.objects.get(username="admin"))


def test_reviewable_states_are_wagtails_in_one_query(group, editor, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    for slug in ("hetang", "zhuzhou-fgw", "changde"):
        _submit_for_review(group.all[slug], admin, count=2)
    for user in (admin, editor("hetang"), editor("zhuzhou-fgw"), editor("hetang-daping")):
        wagtails = set(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as ctx:
            ours = set(reviewable_task_states(user).values_list("pk", flat=True))
        assert ours == wagtails, user.username
        assert len(ctx.captured_queries) == 2  # other task types (none), the states; however many sites
    assert len(set(reviewable_task_states(editor("hetang")).values_list("pk", flat=True))) == 2


def test_dashboard_answers_with_1100_review_tasks(group, django_user_model):
    """Wagtail ORed one subquery per site's task: beyond ~1,000 sites the database refused it (500)."""
    add_bulk_sites(1100, group.hetang)
    admin = django_user_model.objects.get(username="admin")
    _submit_for_review(group.changde, admin)
    response = _admin(django_user_model, group).get("/admin/")
    assert response.status_code == 200
    assert "待审changde0" in response.content.decode()


def test_dashboard_review_panel_is_bounded_and_links_to_the_rest(group, editor, django_user_model):
    # Submitted by the site's editor: the admin's own "in moderation" panel stays empty.
    _submit_for_review(group.hetang, editor("hetang"), count=PANEL_LIMIT + 2)
    html = _admin(django_user_model, group).get("/admin/").content.decode()
    assert html.count("待审hetang") == PANEL_LIMIT
    assert "待审hetang21" in html and "待审hetang0<" not in html  # the newest first
    assert "/admin/reports/workflow_tasks/?reviewable=true" in html


def test_editor_dashboard_shows_only_own_reviews(group, editor, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    _submit_for_review(group.hetang, admin)
    _submit_for_review(group.zhuzhou_fgw, admin)
    html = site_client(group.hetang, editor("hetang")).get("/admin/").content.decode()
    assert "待审hetang0" in html and "待审zhuzhou-fgw0" not in html


def test_workflow_reports_reviewable_filter(group, editor, django_user_model):
    admin = django_user_model.objects.get(username="admin")
    _submit_for_review(group.hetang, admin)
    _submit_for_review(group.zhuzhou_fgw, admin)
    client = site_client(group.hetang, editor("hetang"))
    for url in ("/admin/reports/workflow/?reviewable=true", "/admin/reports/workflow_tasks/?reviewable=true"):
        html = client.get(url).content.decode()
        assert "待审hetang0" in html and "待审zhuzhou-fgw0" not in html, url


ADMIN_URLS = [
    "/admin/",
    "/admin/pages/{root}/",
    "/admin/pages/search/?q=村",
    "/admin/site_profiles/",
    "/admin/site_profiles/?kind=village",
    "/admin/site_profiles/edit/{hetang}/",
    "/admin/sites/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow/?reviewable=true",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/workflow_tasks/?reviewable=true",
    "/admin/reports/page-types-usage/",
    "/admin/settings/sites/sitesettings/{site}/",
    "/admin/groups/edit/{editors}/",
    "/admin/images/",
    "/admin/workflows/list/",
    "/admin/workflows/tasks/index/",
    "/admin/workflows/task_chooser/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/choose-page/{root}/",
    "/admin/interaction/questions/",
    "/admin/interaction/reply-templates/new/",
]
EDITOR_URLS = [
    "/admin/",
    "/admin/pages/{home}/",
    "/admin/reports/workflow_tasks/?reviewable=true",
    "/admin/choose-page/",
    "/admin/interaction/questions/",
]


def test_admin_queries_do_not_grow_with_the_number_of_sites(group, editor, django_user_model):
    """The same rows on the screen cost the same queries whether the group has 70 sites or 370.

    Both counts run with more than one page of sites, workflows and tasks, and the same pages in review on ten
    sites, so that only the number of sites differs.
    """
    admin = django_user_model.objects.get(username="admin")
    ids = {
        "root": Page.get_first_root_node().pk,
        "hetang": group.hetang.pk,
        "home": group.hetang.site.root_page_id,
        "site": group.hetang.site_id,
        "editors": group.hetang.editor_group_id,
    }
    admin_client = _admin(django_user_model, group)
    editor_client = site_client(group.hetang, editor("hetang"))
    for profile in add_bulk_sites(60, group.hetang, prefix="first")[:10]:
        _submit_for_review(SiteProfile.objects.select_related("site").get(pk=profile.pk), admin)
    _submit_for_review(group.hetang, admin)

    def counts():
        return {
            **{u: _queries(admin_client, u.format(**ids)) for u in ADMIN_URLS},
            **{f"editor {u}": _queries(editor_client, u.format(**ids)) for u in EDITOR_URLS},
        }

    before = counts()
    add_bulk_sites(MANY, group.hetang)
    after = counts()
    grown = {url: (before[url], after[url]) for url in before if after[url] > before[url]}
    assert not grown, "\n".join(f"{url}: {b} → {a}" for url, (b, a) in grown.items())
    assert max(before.values()) <= 100, before  # Wagtail's page chooser: ~3 queries a row, 25 rows


def test_explorer_drops_the_site_filter_beyond_fifty_sites(group, django_user_model, rf):
    request = rf.get("/admin/pages/")
    request.user = django_user_model.objects.get(username="admin")

    def filters():
        return OwnedPageFilterSet(request=request, queryset=Page.objects.all()).filters

    assert "site" in filters()  # 7 sites: Wagtail's checkboxes
    add_bulk_sites(SITE_FILTER_LIMIT, group.hetang)
    assert "site" not in filters()


def test_site_profile_form_offers_parents_and_free_sites_only(group, django_user_model):
    village = add_bulk_sites(3, group.hetang)[0]
    html = _admin(django_user_model, group).get(f"/admin/site_profiles/edit/{group.hetang_daping.pk}/")
    page = html.content.decode()
    parents = page[page.index('name="parent"') : page.index("</select>", page.index('name="parent"'))]
    assert f'value="{group.hetang_yuetang.pk}"' in parents and f'value="{village.pk}"' not in parents
    sites = page[page.index('name="site"') : page.index("</select>", page.index('name="site"'))]
    assert f'value="{group.hetang_daping.site_id}" selected' in sites
    assert f'value="{group.hetang.site_id}"' not in sites


def _panels(client, group_id):
    response = client.get(f"/admin/groups/edit/{group_id}/")
    assert response.status_code == 200
    panels = response.context["permission_panels"]
    sites = {p.settings_model: set(p.fields["sites"].queryset) for p in panels if "sites" in getattr(p, "fields", {})}
    formsets = [p for p in panels if isinstance(p, BaseGroupCollectionMemberPermissionFormSet)]
    collections = [set(p.empty_form.fields["collection"].queryset) for p in formsets]
    return response, sites, collections


def test_group_page_offers_plausible_sites_and_collections(group, django_user_model):
    """Not every village: the group's own site and collection, what it already holds, and the non-village ones."""
    first, own, other = (
        SiteProfile.objects.select_related("site", "collection").get(pk=p.pk) for p in add_bulk_sites(3, group.hetang)
    )
    staff = own.editor_group
    change = Permission.objects.get(content_type__app_label="sites", codename="change_sitesettings")
    GroupSitePermission.objects.create(group=staff, site=other.site, permission=change)
    add_image = Permission.objects.get(content_type__app_label="wagtailimages", codename="add_image")
    GroupCollectionPermission.objects.create(group=staff, collection=other.collection, permission=add_image)

    response, sites, collections = _panels(_admin(django_user_model, group), staff.pk)
    assert sites and len(collections) == 3  # image, document and collection permissions
    for offered in sites.values():
        assert {own.site, other.site, group.hetang.site, group.zhuzhou.site} <= offered
        assert first.site not in offered and group.hetang_daping.site not in offered
    for offered in collections:
        assert {own.collection, other.collection, group.hetang.collection} <= offered
        assert first.collection not in offered and group.hetang_daping.collection not in offered
    html = response.content.decode()
    held = [
        tag
        for tag in re.findall(r"<input[^>]*>", html)
        if f'value="{other.site_id}"' in tag and 'name="sites_sitesettings_site_permissions-sites"' in tag
    ]
    assert len(held) == 1 and "checked" in held[0]  # what the group holds stays ticked: saving the page keeps it


def test_group_page_refuses_a_site_it_does_not_offer(group):
    first, own = add_bulk_sites(2, group.hetang)
    panel = next(p for p in permission_panel_classes() if issubclass(p, SitePermissionForm))
    prefix = panel(instance=own.editor_group).prefix
    refused = panel({f"{prefix}-sites": [first.site_id]}, instance=own.editor_group)
    assert not refused.is_valid() and "sites" in refused.errors
    accepted = panel({f"{prefix}-sites": [own.site_id, group.hetang.site_id]}, instance=own.editor_group)
    assert accepted.is_valid(), accepted.errors


def test_long_choice_lists_do_not_grow_with_the_number_of_sites(group, django_user_model):
    """The group page lists as many sites and collections at 370 sites as at 70 (its own are villages too)."""
    admin_client = _admin(django_user_model, group)
    staff = group.hetang_daping.editor_group_id
    add_bulk_sites(60, group.hetang, prefix="first")

    def choices():
        html = admin_client.get(f"/admin/groups/edit/{staff}/").content.decode()
        return html.count("<option"), html.count('type="checkbox"')

    before = choices()
    add_bulk_sites(MANY, group.hetang)
    assert choices() == before


def test_page_chooser_rows_cost_one_query_each_not_three(group, editor, django_user_model):
    """Status tags (in review, scheduled, draft) come from one annotation and one prefetch, not two queries a row;
    what is left per row is Wagtail's parent lookup for the title link's ``data-parent-id``."""
    admin_client = _admin(django_user_model, group)
    home = group.hetang.site.root_page
    url = f"/admin/choose-page/{home.pk}/"
    in_review = _submit_for_review(group.hetang, editor("hetang"))[0].content_object
    few = _queries(admin_client, url)
    added = 5  # the listing stays on its first page (25 rows)
    for i in range(added):
        home.add_child(instance=Page(title=f"草稿{i}", slug=f"draft-{i}", live=False))
    assert few < _queries(admin_client, url) <= few + added
    html = admin_client.get(url).json()["html"]  # a modal step
    row = html[html.index("待审hetang0") :]
    expected = str(Page.objects.get(pk=in_review.pk).specific.status_string)  # asked the slow way
    assert expected in row[: row.index("</tr>")]


def test_workflow_report_reads_task_statuses_once_per_page_with_wagtails_values(group, django_user_model):
    from wagtail.models import WorkflowState

    from sites.admin_reviews import attach_tasks_with_status

    admin = django_user_model.objects.get(username="admin")
    states = _submit_for_review(group.hetang, admin, count=3) + _submit_for_review(group.zhuzhou_fgw, admin)
    states[0].current_task_state.approve(user=admin)
    states[1].current_task_state.reject(user=admin)

    def shown(state):
        return [(t.pk, t.name, t.status, str(t.status_display)) for t in state.all_tasks_with_status()]

    expected = {s.pk: shown(WorkflowState.objects.get(pk=s.pk)) for s in states}
    assert {row[2] for rows in expected.values() for row in rows} >= {"approved", "rejected", "in_progress"}
    rows = list(WorkflowState.objects.filter(pk__in=expected))
    with CaptureQueriesContext(connection) as ctx:
        attach_tasks_with_status(rows)
        got = {s.pk: shown(s) for s in rows}
    assert got == expected
    assert len(ctx.captured_queries) == 2

    client = _admin(django_user_model, group)
    few = _queries(client, "/admin/reports/workflow/")
    _submit_for_review(group.zhuzhou, admin, count=4)
    assert _queries(client, "/admin/reports/workflow/") <= few + 1  # rows, not queries, grow
