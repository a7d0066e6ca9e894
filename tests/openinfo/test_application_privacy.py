"""Personal data of an applicant never appears on a public page, an API answer or the search (issue 13, "Done
when": masking on every public page and API). The walk covers every public URL of the feature after a real
submission through the form and the API, in every state the pages show."""

import uuid

import pytest
from bs4 import BeautifulSoup

from openinfo.applications.enums import EventKind, Outcome, Status
from openinfo.models import ApplicationEvent, InformationApplication
from tests.conftest import site_client
from tests.openinfo.test_application_form import FORM, receipt_of, valid_data

pytestmark = pytest.mark.django_db
SECRETS = {
    "name": "欧阳明远",
    "id_number": "430204198706152317",
    "phone": "13973312345",
    "email": "ouyang.mingyuan@example.com",
    "address": "株洲市石峰区响石岭街道清水塘路66号",
    "legal_representative": "",
}


def assert_private(response, where, searched=""):
    """None of the applicant's data in the answer; a search page echoes its own query, which is left out."""
    text = response.content.decode("utf-8", "replace")
    if searched:
        assert not BeautifulSoup(text, "html.parser").select(".search-hit"), where
        text = text.replace(searched, "")
    for field, value in SECRETS.items():
        if value:
            assert value not in text, (where, field)
            assert value.lower() not in text.lower(), (where, field)


def test_no_personal_data_on_any_public_url_of_the_feature(group, client):
    site = site_client(group.hetang)
    personal = {k: v for k, v in SECRETS.items() if v}
    submitted = site.post(FORM, valid_data(**personal))
    assert submitted.status_code == 200
    assert_private(submitted, "receipt")
    code, password = receipt_of(submitted)
    api = client.post(
        "/api/v1/openinfo/applications/",
        {
            "site": "hetang",
            "applicant_kind": "citizen",
            "id_document": "id_card",
            "description": "请提供石峰区2024年4G基站选址规划。",
            "provision_form": "email",
            "delivery": "electronic",
            **personal,
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert api.status_code == 201
    assert_private(api, "api receipt")
    application = InformationApplication.objects.get(tracking_code=code)
    # A closed application shows its outcome and the responsible organ: still nothing of the applicant.
    InformationApplication.objects.filter(pk=application.pk).update(
        status=Status.REPLIED,
        outcome=Outcome.UNAVAILABLE_NOT_HELD,
        closed_on=application.received_on,
        responsible_organ="株洲市自然资源和规划局",
        reply_text=f"申请人{SECRETS['name']}（{SECRETS['id_number']}）：经查，本机关不掌握该信息。",
    )
    ApplicationEvent.objects.create(
        application=application, kind=EventKind.REPLIED, on=application.received_on, note=SECRETS["phone"]
    )
    queried = site.post(f"{FORM}query/", {"code": code, "password": password})
    assert queried.status_code == 200 and "本机关不掌握相关政府信息" in queried.content.decode()
    year = application.received_on.year
    walked = {
        "form": site.get(FORM),
        "query form": site.get(f"{FORM}query/", {"code": code}),
        "query result": queried,
        "query wrong": site.post(f"{FORM}query/", {"code": code, "password": "WRONG1"}),
        "stats": site.get(f"{FORM}stats/", {"year": year}),
        "portal form": site_client(group.zhuzhou).get(FORM),
        "section": site.get("/zfxxgk/"),
        "home": site.get("/"),
        "sitemap": site.get("/sitemap.xml"),
        "api stats": client.get("/api/v1/openinfo/applications/stats/", {"year": year}),
        "api stats site": client.get("/api/v1/openinfo/applications/stats/", {"site": "hetang", "year": year}),
        "api documents": client.get("/api/v1/openinfo/documents/", {"q": SECRETS["name"]}),
        "openapi": client.get("/api/v1/openapi.json"),
    }
    for where, response in walked.items():
        assert response.status_code < 500, where
        assert_private(response, where)
    for field in ("id_number", "name", "phone", "address"):
        searched = SECRETS[field]
        assert_private(site.get("/search/", {"q": searched}), f"search {field}", searched=searched)
    # The page shows the applicant masked, not absent: the walk would pass trivially on an empty page.
    soup = BeautifulSoup(queried.content, "html.parser")
    assert soup.select_one('[data-masked="name"]').get_text() == "欧***"
    assert walked["api stats site"].json()["sites"][0]["received"] == 2
