"""Scheduled publishing: `manage.py publish_scheduled` (Wagtail's, run every minute by
deploy/systemd/govsites-publish-scheduled.timer or deploy/crontab) publishes a page whose go-live time has passed,
and the page reaches the search index through the task enqueued on commit."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from demo.factories.home import ArticlePageFactory, column_of
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


def time_passes(page, moment):
    """As if ``moment`` (the approved go-live time) were now past: the revision's own go-live time too, which
    Wagtail checks again when it publishes."""
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = moment.isoformat()
    revision.approved_go_live_at = moment
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_a_page_whose_go_live_time_passed_is_published(group, django_capture_on_commit_callbacks):
    soon = timezone.now() + datetime.timedelta(hours=1)
    due = scheduled_article(group.hetang, "到点发布的通知", soon)
    later = scheduled_article(group.hetang, "明天发布的通知", soon + datetime.timedelta(days=1))
    assert not due.live and due.has_unpublished_changes
    time_passes(due, timezone.now() - datetime.timedelta(minutes=1))

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
