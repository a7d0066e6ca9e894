"""Scheduled publishing runs through ``manage.py publish_scheduled`` (the timer in deploy/ calls it every minute):
a go-live time in the past publishes, an expiry time in the past unpublishes, a future go-live stays a draft."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from demo.factories.home import ArticlePageFactory, column_of
from tests.conftest import site_client

pytestmark = pytest.mark.django_db


def approve_for(page, go_live_at):
    """An approved revision whose go-live time is ``go_live_at`` (Wagtail refuses to schedule a past time, so a
    past one is written onto the revision afterwards, as if the time had passed)."""
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    revision = Revision.objects.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    revision.content["go_live_at"] = go_live_at.isoformat()
    revision.approved_go_live_at = go_live_at
    revision.save(update_fields=["content", "approved_go_live_at"])


def test_go_live_past_publishes_future_stays_draft_expiry_unpublishes(group):
    column = column_of(group.hetang, "tzgg")
    now = timezone.now()
    due = ArticlePageFactory(parent=column, title="已到上线时间的通知", live=False)
    approve_for(due, now - datetime.timedelta(minutes=1))
    later = ArticlePageFactory(parent=column, title="下周上线的通知", live=False)
    approve_for(later, now + datetime.timedelta(days=7))
    expired = ArticlePageFactory(
        parent=column, title="已到下线时间的通知", expire_at=now - datetime.timedelta(minutes=1)
    )

    call_command("publish_scheduled", verbosity=0)

    for page in (due, later, expired):
        page.refresh_from_db()
    assert due.live and not later.live and not expired.live and expired.expired
    visitor = site_client(group.hetang)
    assert visitor.get(due.url).status_code == 200
    assert visitor.get(later.url).status_code == 404
    assert visitor.get(expired.url).status_code == 404


def test_the_timer_runs_the_command_every_minute():
    deploy = Path(settings.BASE_DIR) / "deploy"
    timer = (deploy / "systemd" / "govsites-publish-scheduled.timer").read_text()
    service = (deploy / "systemd" / "govsites-publish-scheduled.service").read_text()
    assert "OnCalendar=*-*-* *:*:00" in timer and "manage.py publish_scheduled" in service
    crontab = (deploy / "crontab").read_text()
    assert any(line.startswith("* * * * * ") and "manage.py publish_scheduled" in line for line in crontab.splitlines())
