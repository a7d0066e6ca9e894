"""The editor's primary button matches the user's rights: 提交审核 for those who must go through review, 发布 for
those who may publish, 审核通过 for a reviewer of the page's current step."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.action_menu import PageActionMenu

from sites.enums import ReviewScope
from tests.conftest import site_client

from .conftest import draft_article, submit
from .test_separation import AUTHOR

pytestmark = pytest.mark.django_db


def menu(page, user):
    request = RequestFactory().get("/")
    request.user = type(user).objects.get(pk=user.pk)  # a fresh user object, as each request has

    class Messages(list):
        def add(self, level, message, extra_tags=""):
            self.append(message)

    request._messages = Messages()  # the hook may add a warning; kept, not rendered
    action_menu = PageActionMenu(request, view="edit", page=page, lock=None, locked_for_user=False)
    return action_menu, [action_menu.default_item.name] + [item.name for item in action_menu.menu_items]


def test_who_must_go_through_review_gets_submit_first(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    for user in (people.author, people.signer):  # the signer too: review is required for every page type
        names = menu(page, user)[1]
        assert names[0] == "action-submit", user.username
        assert "action-save-draft" in names[1:] and "action-publish" not in names
    html = site_client(group.zhuzhou, people.author).get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert "提交审核" in html.content.decode()


def test_who_may_publish_gets_publish_first(group, staff, require_review):
    require_review(ReviewScope.NONE)
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    assert menu(page, people.signer)[1][0] == "action-publish"
    assert menu(page, people.author)[1][0] == "action-submit"  # no publish_page: still through review


def test_reviewer_of_the_current_step_gets_approve_first_and_others_do_not(group, staff, require_review):
    people = staff(group.zhuzhou)
    page = draft_article(group.zhuzhou, people.author)
    submit(page, people.author)
    page.refresh_from_db()
    action_menu, names = menu(page, people.steps["初审"])
    assert names[0] == "approve" and "reject" in names
    labels = [action_menu.default_item.label] + [item.label for item in action_menu.menu_items]
    assert "审核通过" in labels[0] and "退回修改" in labels
    assert "approve" not in menu(page, people.steps["复审"])[1]  # not their step yet


def test_the_author_in_the_steps_group_is_told_why_there_is_no_approve(group, staff, require_review):
    people = staff(group.zhuzhou)
    first_group = people.steps["初审"].groups.exclude(pk=group.zhuzhou.editor_group_id).get()
    people.author.groups.add(first_group)
    page = draft_article(group.zhuzhou, people.author)
    submit(page, people.author)
    page.refresh_from_db()
    action_menu, names = menu(page, people.author)
    assert "approve" not in names and "reject" not in names
    assert list(action_menu.request._messages) == [AUTHOR]
    html = site_client(group.zhuzhou, people.author).get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert "不能审核自己撰写的稿件" in html.content.decode()
