"""The demo's 政府信息公开申请 (issue 13 item 8): every path a city portal can show, dates that follow the handling
rules on the real calendar, one outcome per closed application, transfers continued by the department, valid-looking
identity numbers — and nothing about them depends on which day the seed runs."""

import datetime
import random

import pytest
from django.contrib.auth.hashers import check_password
from stdnum.cn import ric, uscc

from core.calendar_seed import seed_calendar
from core.workdays import load_calendar
from demo.openinfo.applications import planning
from demo.openinfo.applications.builder import DEMO_QUERY_PASSWORD, seed_site_applications, site_facts
from openinfo.applications import deadlines, fees
from openinfo.applications.enums import CLOSED_STATUSES, OPEN_STATUSES, EventKind, IdentityDocument, Outcome, Status
from openinfo.models import InformationApplication

TODAY = datetime.date(2026, 12, 4)
CITY = planning.SiteFacts(slug="zhuzhou", kind="city", org="株洲市人民政府", short="株洲市", group="zhuzhou")


@pytest.fixture
def calendar(db):
    seed_calendar(2025, 2026)
    return load_calendar()


def test_a_city_portal_shows_every_path(calendar):
    plans = planning.plan_site(CITY, random.Random(1), TODAY, calendar)
    paths = {p.path for p in plans}
    # A portal with no department seeded yet cannot transfer: "not_held" becomes "needs_creation".
    assert paths == set(planning.PATHS) - {"not_held"}
    assert plans == planning.plan_site(CITY, random.Random(1), TODAY, calendar)  # deterministic


def test_every_plan_follows_the_handling_rules(calendar):
    for seed in range(5):
        for plan in planning.plan_site(CITY, random.Random(seed), TODAY, calendar):
            days = [e.on for e in plan.events]
            assert days == sorted(days) and days[-1] <= TODAY and days[0] == plan.received_on, plan.path
            if plan.status in OPEN_STATUSES:
                assert not plan.outcome and plan.closed_on is None, plan.path
            else:
                assert plan.status in CLOSED_STATUSES and plan.outcome in Outcome.values, plan.path
                assert plan.received_on <= plan.closed_on <= TODAY, plan.path
            notices = [e for e in plan.events if e.kind == EventKind.SUPPLEMENT_REQUESTED]
            assert len(notices) <= 1
            for notice in notices:  # Art. 30: once, within 7 working days of receipt
                assert notice.on <= deadlines.supplement_notice_until(calendar, plan.received_on)
            assert 0 <= plan.extension_days <= deadlines.MAX_EXTENSION_WORKING_DAYS
            if plan.fee:
                assert plan.fee["amount"] == fees.page_fee(plan.fee["quantity"]) > 0


def test_paths_end_as_their_names_say(calendar):
    by_path = {p.path: p for p in planning.plan_site(CITY, random.Random(3), TODAY, calendar)}
    assert by_path["abandoned"].outcome == Outcome.OTHER_NO_SUPPLEMENT
    assert by_path["fee_unpaid"].outcome == Outcome.OTHER_FEE_UNPAID
    assert by_path["partial"].outcome == Outcome.PARTIAL
    assert by_path["carry_over"].received_on.year == TODAY.year - 1 == by_path["carry_over"].closed_on.year - 1
    assert by_path["remedy"].remedies
    schedule = deadlines.schedule(calendar, by_path["overdue"].received_on, by_path["overdue"].events, 0, "", TODAY)
    assert schedule.working_days_left < 0
    for path in ("processing", "consulting", "awaiting_supplement", "awaiting_fee"):
        plan = by_path[path]
        left = deadlines.schedule(calendar, plan.received_on, plan.events, 0, plan.status, TODAY).working_days_left
        assert left >= 0, path


def test_seeded_applications_and_the_portals_transfers(group, calendar):
    portal, department = group.zhuzhou, group.all["zhuzhou-fgw"]
    assert seed_site_applications(portal, random.Random(1), created=True, today=TODAY) > 0
    seed_site_applications(department, random.Random(1), created=True, today=TODAY)
    # Seeding again writes nothing.
    before = InformationApplication.objects.count()
    assert seed_site_applications(portal, random.Random(1), created=False, today=TODAY) == 0
    assert InformationApplication.objects.count() == before
    applications = list(InformationApplication.objects.filter(site__in=[portal, department]))
    for application in applications:
        if application.id_document == IdentityDocument.ID_CARD:
            assert ric.is_valid(application.id_number)
        else:
            assert uscc.is_valid(application.id_number)
        assert (application.outcome == "") == (application.status in OPEN_STATUSES)
        assert check_password(DEMO_QUERY_PASSWORD, application.query_password)
    transferred = [a for a in applications if a.status == Status.TRANSFERRED]
    assert site_facts(department).unit == "fgw" and transferred  # applications.toml has 发改委 subjects
    for original in transferred:
        assert original.site == portal and original.transferred_to == department
        assert original.outcome == Outcome.UNAVAILABLE_NOT_HELD and original.responsible_organ == department.org_name
        (continuation,) = original.transfers.all()
        assert continuation.site == department and continuation.received_on == original.closed_on
