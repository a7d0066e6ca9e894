"""Shared set-up of the 依申请公开 handling tests: the 2026 calendar, a fixed "today" and ready-made staff."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.calendar_seed import seed_calendar
from core.workdays import load_calendar
from demo.factories.openinfo import InformationApplicationFactory

D = datetime.date
TODAY = D(2026, 6, 30)  # every step of these tests lies in the 2026 calendar, before this day


@pytest.fixture(name="calendar")
def calendar_fixture(db):
    seed_calendar(2026, 2026)
    return load_calendar()


@pytest.fixture(name="today")
def today_fixture(monkeypatch):
    """Freeze the local date the services read (``timezone.localdate()``); returns a setter."""
    state = {"day": TODAY}
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: state["day"])

    def set_today(day):
        state["day"] = day

    return set_today


def application(site, received_on=None, **kwargs):
    """An application received by ``site`` (on Mon 2 Mar 2026 unless told)."""
    return InformationApplicationFactory(site=site, received_on=received_on or D(2026, 3, 2), **kwargs)


def reviewer_of(profile, username="office-head"):
    """A user in the site's reviewer group only (the disclosure office head, Art. 33)."""
    user = get_user_model().objects.create_user(username, password="x", first_name="王主任")
    user.groups.add(profile.reviewer_group)
    return user


def handler_of(profile, username="handler"):
    user = get_user_model().objects.create_user(username, password="x")
    user.groups.add(profile.editor_group)
    return user
