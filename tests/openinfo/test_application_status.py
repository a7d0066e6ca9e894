"""The status query of an application (code + password → timeline without staff names, outcome, deadline; the
applicant masked) and the statistics per organ (page and API) against a fixture."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from core.workdays import load_calendar
from openinfo.applications import intake
from openinfo.applications.enums import EventKind, Outcome, Status
from openinfo.applications.statistics import year_figures
from openinfo.models import ApplicationEvent, InformationApplication
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
QUERY = "/zfxxgk/ysqgk/query/"
STATS = "/zfxxgk/ysqgk/stats/"
PERSON = {
    "applicant_kind": "citizen",
    "name": "赵六合",
    "id_document": "id_card",
    "id_number": "11010519491231002X",
    "phone": "13800731234",
    "email": "zhaoliuhe@example.com",
    "address": "株洲市芦淞区建设南路77号",
    "description": "请提供智慧株洲项目2023年度预算执行情况。",
    "provision_form": "email",
    "delivery": "electronic",
}


def make(site, **fields):
    return intake.receive(site=site, **{**PERSON, **fields})


def close(application, on, outcome=Outcome.DISCLOSED, status=Status.REPLIED, actor=None):
    InformationApplication.objects.filter(pk=application.pk).update(status=status, outcome=outcome, closed_on=on)
    ApplicationEvent.objects.create(
        application=application, kind=EventKind.REPLIED, on=on, actor=actor, note="内部备注：已请示分管领导"
    )
    application.refresh_from_db()
    return application


def test_the_query_shows_the_timeline_outcome_and_masked_applicant(group):
    application, password = make(group.hetang)
    staff = get_user_model().objects.create_user("wangxiaoer", first_name="王小二")
    ApplicationEvent.objects.create(
        application=application, kind=EventKind.NOTE, on=application.received_on, actor=staff, note="申请人情绪激动"
    )
    close(application, application.received_on, actor=staff)
    response = site_client(group.hetang).post(QUERY, {"code": application.tracking_code.lower(), "password": password})
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    steps = [li.get_text(" ", strip=True) for li in soup.select("ol.history li")]
    assert len(steps) == 2 and "提交申请" in steps[0] and "作出答复：予以公开" in steps[1]
    assert soup.select_one('[data-figure="outcome"]').get_text() == "予以公开"
    assert soup.select_one('[data-masked="name"]').get_text() == "赵**"
    assert soup.select_one('[data-masked="id_number"]').get_text() == "11" + "*" * 14 + "2X"
    assert soup.select_one('[data-masked="phone"]').get_text() == "138******34"
    text = response.content.decode()
    for secret in (
        "王小二",
        "wangxiaoer",
        "内部备注",
        "情绪激动",
        PERSON["id_number"],
        PERSON["phone"],
        PERSON["address"],
        PERSON["email"],
        "赵六合",
    ):
        assert secret not in text


def test_an_open_application_shows_its_deadline_and_working_days_left(group):
    application, password = make(group.hetang)
    response = site_client(group.hetang).post(QUERY, {"code": application.tracking_code, "password": password})
    soup = BeautifulSoup(response.content, "html.parser")
    due = soup.select_one('[data-figure="due_on"]').get_text()
    left = load_calendar().working_days_between(datetime.date.today(), application.due_on)
    assert due.startswith(application.due_on.isoformat()) and f"剩余{left}个工作日" in due


def test_a_wrong_password_gets_the_same_answer_as_an_unknown_code(group):
    application, _password = make(group.hetang)
    client = site_client(group.hetang)
    wrong = client.post(QUERY, {"code": application.tracking_code, "password": "ABCDEF"})
    unknown = client.post(QUERY, {"code": "ZZZZZZZZZZ", "password": "ABCDEF"})
    assert wrong.status_code == unknown.status_code == 400

    def message(response):
        return BeautifulSoup(response.content, "html.parser").select_one(".form-errors").get_text(strip=True)

    assert message(wrong) == message(unknown) == "查询码或查询密码不正确。"


def test_another_organs_page_does_not_answer_for_an_application(group):
    application, password = make(group.hetang)
    response = site_client(group.zhuzhou).post(QUERY, {"code": application.tracking_code, "password": password})
    assert response.status_code == 400 and "查询码或查询密码不正确" in response.content.decode()


def test_repeated_failures_are_refused_with_429(group):
    application, password = make(group.hetang)
    client = site_client(group.hetang)
    for _ in range(10):
        assert client.post(QUERY, {"code": application.tracking_code, "password": "WRONG1"}).status_code == 400
    locked = client.post(QUERY, {"code": application.tracking_code, "password": password})
    assert locked.status_code == 429 and "查询失败次数过多" in locked.content.decode()


@pytest.fixture
def history(group):
    """Hetang's applications over 2024–2025 (dates set directly: the figures are the subject)."""
    day = datetime.date
    site = group.hetang
    calendar = load_calendar()

    def app(received, closed=None, outcome=Outcome.DISCLOSED, late=False):
        application, _ = make(site)
        due = calendar.add_working_days(received, 20)
        InformationApplication.objects.filter(pk=application.pk).update(
            received_on=received,
            clock_started_on=received,
            due_on=due,
            status=Status.REPLIED if closed else Status.PROCESSING,
            outcome=outcome if closed else "",
            closed_on=closed,
        )
        return application

    app(day(2024, 12, 2), day(2025, 1, 6), Outcome.PARTIAL)  # carried over, closed in 2025 (22 working days: late)
    app(day(2024, 12, 20))  # carried over, still open
    app(day(2024, 3, 1), day(2024, 3, 20))  # closed in 2024: not in 2025
    app(day(2025, 3, 3), day(2025, 3, 10))  # 5 working days
    app(day(2025, 3, 4), day(2025, 3, 14), Outcome.WITHHELD_THIRD_PARTY)  # 8
    app(day(2025, 6, 2), day(2025, 6, 16), Outcome.UNAVAILABLE_NOT_HELD)  # transfer: 9 (Dragon Boat, 31 May–2 Jun)
    app(day(2025, 12, 29))  # carried on into 2026
    app(day(2026, 1, 5))  # next year: not in 2025
    make(group.zhuzhou)  # another organ: never counted for hetang
    return site


def test_year_figures_balance_and_match_the_fixture(history):
    figures = year_figures(history, 2025, today=datetime.date(2026, 3, 1))
    calendar = load_calendar()
    assert (figures.received, figures.carried_over, figures.closed, figures.carried_on) == (4, 2, 4, 2)
    assert figures.balanced
    assert figures.outcomes == {
        "disclosed": 1,
        "partial": 1,
        "withheld": 1,
        "unavailable": 1,
        "not_processed": 0,
        "other": 0,
    }
    spans = sorted(
        calendar.working_days_between(a, b)
        for a, b in [
            ((2024, 12, 2), (2025, 1, 6)),
            ((2025, 3, 3), (2025, 3, 10)),
            ((2025, 3, 4), (2025, 3, 14)),
            ((2025, 6, 2), (2025, 6, 16)),
        ]
        for a, b in [(datetime.date(*a), datetime.date(*b))]
    )
    assert figures.median_working_days == (spans[1] + spans[2]) / 2
    late = calendar.add_working_days(datetime.date(2024, 12, 2), 20) < datetime.date(2025, 1, 6)
    assert figures.on_time == 4 - late and figures.on_time_rate == round((4 - late) / 4, 4)
    assert [m["received"] for m in figures.months] == [0, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 1]
    assert [m["closed"] for m in figures.months] == [1, 0, 2, 0, 0, 1, 0, 0, 0, 0, 0, 0]


def test_the_statistics_page_prints_the_figures(history):
    response = site_client(history).get(STATS, {"year": 2025})
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    soup = BeautifulSoup(response.content, "html.parser")
    figure = {dd["data-figure"]: dd.get_text() for dd in soup.select("[data-figure]")}
    assert (figure["received"], figure["carried_over"], figure["closed"], figure["carried_on"]) == ("4", "2", "4", "2")
    rows = {tr.th.get_text(): tr.td.get_text() for tr in soup.select("#stats-table-outcomes tbody tr")}
    assert rows["（三）不予公开"] == "1" and rows["（五）不予处理"] == "0"
    years = {
        tr["data-year"]: [td.get_text() for td in tr.select("td")]
        for tr in soup.select("#stats-table-years tr[data-year]")
    }
    assert years["2024"] == ["3", "1"] and years["2025"] == ["4", "4"]
    assert soup.select_one('script[src$="vendor/echarts/echarts.min.js"]') is not None
    assert site_client(history).get(STATS, {"year": "abc"}).status_code == 400


def test_the_statistics_api(history, client):
    response = client.get("/api/v1/openinfo/applications/stats/", {"site": "hetang", "year": 2025})
    assert response.status_code == 200
    body = response.json()
    (row,) = body["sites"]
    assert (row["received"], row["carried_over"], row["closed"], row["carried_on"]) == (4, 2, 4, 2)
    assert row["outcomes"]["withheld"] == 1 and len(row["months"]) == 12
    assert client.get("/api/v1/openinfo/applications/stats/", {"site": "nosuch"}).json()["errors"] == {
        "site": "未知的站点"
    }
    bad = client.get("/api/v1/openinfo/applications/stats/", {"year": "20x5"})
    assert bad.status_code == 400 and "year" in bad.json()["errors"]
    future = client.get("/api/v1/openinfo/applications/stats/", {"year": 2099})
    assert future.status_code == 400 and "不能晚于" in future.json()["errors"]["year"]
    everyone = client.get("/api/v1/openinfo/applications/stats/", {"year": 2025}).json()
    assert {r["slug"] for r in everyone["sites"]} >= {"hetang", "zhuzhou"}
