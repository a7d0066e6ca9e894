"""Demo logins per review step (demo/home/users.py): distinct people per step, created in a constant few queries
(the 2,000-village seed creates them in batches)."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.home.users import DemoUsers, demo_usernames
from sites.permissions import step_groups

pytestmark = pytest.mark.django_db


def test_portal_gets_an_editor_and_one_login_per_step(group):
    DemoUsers("x").ensure_editor(group.hetang)
    users = get_user_model().objects
    steps = step_groups(group.hetang)
    editors = group.hetang.editor_group
    expected = {"reviewer-hetang": "初审", "rechecker-hetang": "复审", "signer-hetang": "终审"}
    for username, step in expected.items():
        assert set(users.get(username=username).groups.all()) == {editors, steps[step]}, username
    assert steps["终审"] == group.hetang.reviewer_group
    assert demo_usernames([group.hetang]) == ["editor-hetang", *expected]


def test_bulk_creation_takes_the_same_few_queries_for_one_site_or_many(group):
    villages_and_more = [group.all[s] for s in ("hetang-daping", "hetang-yuetang", "zhuzhou-fgw", "changde")]
    with CaptureQueriesContext(connection) as one:
        created_one = DemoUsers("x").bulk_create_editors([group.zhuzhou_xiangjiang])
    with CaptureQueriesContext(connection) as many:
        created_many = DemoUsers("x").bulk_create_editors(villages_and_more)
    assert (created_one, created_many) == (1, 1 + 2 + 2 + 3)  # editor-<slug> of these exist (tests/conftest.py)
    assert len(many.captured_queries) == len(one.captured_queries) <= 6
    signer = get_user_model().objects.get(username="signer-hetang-daping")
    assert set(signer.groups.all()) == {group.hetang_daping.editor_group, group.hetang_daping.reviewer_group}
