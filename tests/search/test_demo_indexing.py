"""``seed_demo`` writes demo messages with bulk_create (no post_save): the search app indexes the published ones when
a demo site is seeded, so 互动问答 is searchable right after ``make run``."""

import random

import pytest
from django.utils import timezone

from core.calendar_seed import seed_calendar
from demo.signals import demo_site_seeded
from interaction.enums import Status
from interaction.models import Question
from search.documents import question_key
from search.models import SearchDocument

from .conftest import committed

pytestmark = pytest.mark.django_db


def test_published_demo_messages_are_indexed_when_a_demo_site_is_seeded(group, settings):
    today = timezone.localdate()
    seed_calendar(today.year - 1, today.year)
    with committed():
        demo_site_seeded.send(sender=None, profile=group.zhuzhou, rng=random.Random("1:zhuzhou"), created=True)
    published = set(Question.objects.filter(site=group.zhuzhou, status=Status.PUBLISHED).values_list("pk", flat=True))
    assert published  # the demo publishes some replies on a portal
    indexed = set(SearchDocument.objects.filter(doc_type="qa").values_list("key", flat=True))
    assert indexed == {question_key(pk) for pk in published}  # unpublished messages stay out


def test_a_departments_demo_indexes_the_portal_messages_transferred_to_it(group, settings):
    today = timezone.localdate()
    seed_calendar(today.year - 1, today.year)
    fgw = group.all["zhuzhou-fgw"]
    settings.SEARCH_AUTO_INDEX = False  # the portal's messages are written, not indexed …
    demo_site_seeded.send(sender=None, profile=group.zhuzhou, rng=random.Random("1:zhuzhou"), created=True)
    transferred = Question.objects.filter(site=group.zhuzhou, status=Status.PUBLISHED).first()
    Question.objects.filter(pk=transferred.pk).update(handler=fgw)  # … one of them handled by the department
    settings.SEARCH_AUTO_INDEX = True
    with committed():
        demo_site_seeded.send(sender=None, profile=fgw, rng=random.Random("1:zhuzhou-fgw"), created=True)
    indexed = set(SearchDocument.objects.filter(doc_type="qa").values_list("key", flat=True))
    assert question_key(transferred.pk) in indexed


def test_nothing_is_indexed_with_auto_indexing_off(group, settings):
    settings.SEARCH_AUTO_INDEX = False
    seed_calendar(timezone.localdate().year - 1, timezone.localdate().year)
    demo_site_seeded.send(sender=None, profile=group.zhuzhou, rng=random.Random("1:zhuzhou"), created=True)
    assert Question.objects.filter(site=group.zhuzhou, status=Status.PUBLISHED).exists()
    assert not SearchDocument.objects.filter(doc_type="qa").exists()
