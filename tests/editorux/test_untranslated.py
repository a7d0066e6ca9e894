"""issue 14 item 5: a site editor with zh-hans sees no English UI words in the admin screens of their work.

Dashboard, page explorer, the add and edit view of every page type the editor can create, the image and document
choosers, the workflow screens and the reports are fetched as ``editor-hetang``; their visible text (scan.py) may
contain Latin only where it is data (URLs, file names, slugs) or an allowed token.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page

from tests.conftest import site_client

from .scan import untranslated

pytestmark = pytest.mark.django_db

FIXED_URLS = [
    "/admin/",
    "/admin/choose-page/",
    "/admin/images/chooser/",
    "/admin/documents/chooser/",
    "/admin/images/",
    "/admin/documents/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/locked/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/account/",
    "/admin/interaction/questions/",
    "/admin/interaction/reply-templates/",
]


def creatable(user, root):
    """(page type, a parent under ``root`` where ``user`` may add it) for every page type the user can create."""
    found = {}
    for parent in Page.objects.descendant_of(root, inclusive=True).specific().order_by("path"):
        perms = parent.permissions_for_user(user)
        if not perms.can_add_subpage():
            continue
        for model in parent.specific_class.creatable_subpage_models():
            if model not in found and model.can_create_at(parent):
                found[model] = parent
    return found


def admin_urls(user, profile):
    root = profile.site.root_page
    urls = [*FIXED_URLS, f"/admin/pages/{root.pk}/", f"/admin/pages/{root.pk}/edit/"]
    urls.append(f"/admin/settings/sites/sitesettings/{profile.site.pk}/")
    for model, parent in creatable(user, root).items():
        meta = model._meta
        urls.append(reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk]))
        existing = model.objects.descendant_of(root).first()
        if existing is not None:
            urls.append(reverse("wagtailadmin_pages:edit", args=[existing.pk]))
    return urls


def in_review(profile, author):
    """An article of ``author`` submitted to the site's review workflow: the moderation screens have something."""
    from django.contrib.auth import get_user_model

    from demo.factories.home import ArticlePageFactory, column_of

    writer = get_user_model().objects.create_user("writer-hetang")
    writer.groups.add(profile.editor_group)
    page = ArticlePageFactory(parent=column_of(profile, "gzdt"), title="待审核的文章", live=False)
    page.save_revision(user=writer)
    page.get_workflow().start(page, writer)
    return page


def workflow_urls(page):
    state = page.current_workflow_state
    return [
        f"/admin/pages/{page.pk}/edit/",
        f"/admin/pages/{page.pk}/history/",
        f"/admin/pages/{page.pk}/workflow_history/",
        f"/admin/pages/{page.pk}/workflow_history/detail/{state.pk}/",
        f"/admin/pages/workflow/preview/{page.pk}/{state.current_task_state.task_id}/",
        # the approve / request-changes dialogs (a JSON answer with the dialog's HTML)
        f"/admin/pages/workflow/collect_action_data/{page.pk}/approve/{state.current_task_state.pk}/",
        f"/admin/pages/workflow/collect_action_data/{page.pk}/reject/{state.current_task_state.pk}/",
    ]


def test_editor_admin_has_no_english_ui_words(group, editor):
    user = editor("hetang")
    client = site_client(group.hetang, user)
    reviewed = in_review(group.hetang, user)
    # The group's site slugs and the editors' user names are identifiers, not UI words.
    allowed = set(group.all) | {user.username}
    findings = {}  # text → the first URL it was seen on
    for url in [*admin_urls(user, group.hetang), *workflow_urls(reviewed)]:
        response = client.get(url)
        assert response.status_code == 200, url
        if not response["Content-Type"].startswith(("text/html", "application/json")):
            continue
        is_json = response["Content-Type"].startswith("application/json")
        for text in untranslated(response.json()["html"] if is_json else response.content, allowed):
            findings.setdefault(text, url)
    report = "\n".join(f"  {text!r}  ({url})" for text, url in sorted(findings.items()))
    assert not findings, f"{len(findings)} English UI texts in the admin:\n{report}"


@pytest.mark.parametrize("slug", ["zhuzhou", "zhuzhou-fgw", "hetang-daping", "zhuzhou-xiangjiang"])
def test_other_site_kinds_page_forms_have_no_english_ui_words(group, editor, slug):
    """The page types of the other site kinds (portal, department, village, topic) as their own editors see them."""
    user = editor(slug)
    profile = group.all[slug]
    client = site_client(profile, user)
    allowed = set(group.all) | {user.username}
    findings = {}
    urls = [url for url in admin_urls(user, profile) if url.startswith("/admin/pages/")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for text in untranslated(response.content, allowed):
            findings.setdefault(text, url)
    assert not findings, findings
