"""Review workflow fixtures: the 发布审核要求 switched on, and distinct people per review step of a site."""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import TaskState

from demo.factories.home import ArticlePageFactory, column_of
from sites.enums import ReviewScope
from sites.models import ReviewPolicy
from sites.permissions import step_groups
from tests.conftest import site_client


@pytest.fixture
def require_review(db):
    """The product default (every page type needs review); the base group runs with it off (tests/conftest.py)."""

    def switch(scope=ReviewScope.ALL, page_types=()):
        policy = ReviewPolicy.load()
        policy.scope, policy.page_types = scope, list(page_types)
        policy.save()
        return policy

    switch()
    return switch


@pytest.fixture
def staff(db):
    """``staff(profile)`` → author (编辑组 only) and one new user per review step (that step's group + 编辑组),
    e.g. ``.author``, ``.steps["初审"]``, ``.signer`` (the last step's)."""

    def make(profile):
        users = get_user_model().objects
        author = users.create_user(f"w-author-{profile.slug}", password="x")
        author.groups.add(profile.editor_group)
        steps = {}
        for index, (step, group) in enumerate(step_groups(profile).items()):
            user = users.create_user(f"w-step{index}-{profile.slug}", password="x")
            user.groups.add(profile.editor_group, group)
            steps[step] = user
        return SimpleNamespace(author=author, steps=steps, signer=list(steps.values())[-1], profile=profile)

    return make


def draft_article(profile, author, column="tzgg", **fields):
    """A never-published article written by ``author`` (its latest revision is theirs)."""
    page = ArticlePageFactory(parent=column_of(profile, column), live=False, **fields)
    page.save_revision(user=author)
    return page


def submit(page, user):
    """Submit ``page`` to its site's workflow as ``user`` (what 提交审核 does)."""
    return page.get_workflow().start(page, user)


def act(profile, user, page, action="approve"):
    """POST a workflow action through Wagtail's admin view, as ``user``; the response."""
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
    return site_client(profile, user).post(url, {"comment": ""})


def task_statuses(workflow_state):
    return [
        (s.task.specific.step, s.status, s.finished_by.username if s.finished_by else None)
        for s in TaskState.objects.filter(workflow_state=workflow_state).order_by("started_at", "pk")
    ]


def assert_refused_by_wagtail(response):
    """A workflow action the task does not offer the user: Wagtail's admin answers with its refusal and the admin
    home (the reason itself is shown in the editor, see test_action_menu.py, and raised by the task's on_action)."""
    from django.contrib.messages import get_messages
    from django.utils.translation import gettext

    assert response.status_code == 302 and response.url == "/admin/"
    shown = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert shown == [gettext("Sorry, you do not have permission to access this area.")]
