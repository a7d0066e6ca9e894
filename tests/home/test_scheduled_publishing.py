"""Scheduled publishing: `manage.py publish_scheduled` (Wagtail's, run every minute by
deploy/systemd/govsites-publish-scheduled.timer or deploy/crontab) publishes a page whose go-live time has passed,
and the page reaches the search index through the task enqueued on commit."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from home.factories import ArticlePageFactory, column_of
from search.documents import page_key
from search.models import SearchDocument
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def scheduled_article(profile, title, go_live_at):
    page = ArticlePageFactory(parent=column_of(profile, "tzgg"), title=title, live=False)
    page.go_live_at = go_live_at
    page.save_revision().publish()  # a future go-live time: approved, not yet live
    page.refresh_from_db()
    return page


def test_a_page_whose_go_live_time_passed_is_published(group, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(hours=1)
    due = scheduled_article(group.hetang, "到点发布的通知", soon)
    later = scheduled_article(group.hetang, "明天发布的通知", soon + datetime.timedelta(days=1))
    assert not due.live and due.has_unpublished_changes
    # An hour passes for the first one.
    Revision.objects.filter(object_id=str(due.pk)).update(approved_go_live_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        call_command("publish_scheduled", verbosity=0)
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.live and not later.live
    assert page_key(due.pk) in set(SearchDocument.objects.values_list("key", flat=True))
    assert page_key(later.pk) not in set(SearchDocument.objects.values_list("key", flat=True))
    visitor = site_client(group.hetang)
    assert visitor.get(due.get_url(current_site=group.hetang.site)).status_code == 200
    assert visitor.get(later.get_url(current_site=group.hetang.site)).status_code == 404
