"""Nothing accepted before a migration is lost or altered by it (issue 10, "Done when")."""

import importlib

import pytest
from django.apps import apps

from interaction.models import Question
from interaction.services import find_by_code, receive

pytestmark = pytest.mark.django_db


def test_submission_binding_keeps_codes_and_passwords_and_fills_the_client_network(group):
    fill = importlib.import_module("interaction.migrations.0003_submission_binding").fill_client_network
    stored = []
    for ip in ("198.51.100.7", "2001:db8:7:8::1", "::ffff:203.0.113.9", None):
        question, password = receive(
            site=group.hetang,
            type="consult",
            title="迁移前的留言",
            content="迁移前提交的留言内容。",
            name="周九",
            phone="13312345678",
            client_ip=ip,
        )
        stored.append((question, password))
    Question.objects.update(client_network="")  # as the rows were before migration 0003
    before = list(Question.objects.order_by("pk").values_list("tracking_code", "query_password", "content"))
    fill(apps, None)
    after = Question.objects.order_by("pk")
    assert list(after.values_list("tracking_code", "query_password", "content")) == before
    assert list(after.values_list("client_network", flat=True)) == [
        "198.51.100.7",
        "2001:db8:7:8::/64",
        "203.0.113.9",
        "",
    ]
    for question, password in stored:  # every citizen can still look their message up
        assert find_by_code(question.tracking_code, password) == question
