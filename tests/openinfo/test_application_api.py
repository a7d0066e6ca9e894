"""POST /api/v1/openinfo/applications/: the form's validation, Idempotency-Key bound to the application and the
client, rate limits; the OpenAPI schema lists both endpoints."""

import uuid

import pytest
from django.test import override_settings

from openinfo.models import InformationApplication

pytestmark = pytest.mark.django_db
URL = "/api/v1/openinfo/applications/"
PAYLOAD = {
    "site": "hetang",
    "applicant_kind": "citizen",
    "name": "钱七",
    "id_document": "id_card",
    "id_number": "11010519491231002X",
    "phone": "13607330002",
    "address": "株洲市荷塘区新华路1号",
    "description": "请提供荷塘区2024年出租车运营管理系统采购合同。",
    "provision_form": "paper",
    "delivery": "post",
}


def post(client, payload=None, key=None, **extra):
    headers = {"HTTP_IDEMPOTENCY_KEY": key} if key else {}
    return client.post(URL, payload or PAYLOAD, content_type="application/json", **headers, **extra)


def test_a_valid_application_gets_a_receipt_without_personal_data(client):
    response = post(client)
    assert response.status_code == 201
    body = response.json()
    application = InformationApplication.objects.get(tracking_code=body["tracking_code"])
    assert application.site.slug == "hetang" and len(body["query_password"]) == 6
    assert body["due_on"] == application.due_on.isoformat() and body["query_url"] == "/zfxxgk/ysqgk/query/"
    assert PAYLOAD["id_number"] not in response.content.decode() and PAYLOAD["phone"] not in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码校验位不正确"),
        (
            {
                "applicant_kind": "organisation",
                "organisation_type": "business",
                "id_document": "credit_code",
                "id_number": "91110000600037341M",
            },
            "id_number",
            "统一社会信用代码校验位不正确",
        ),
        ({"description": ""}, "description", "请填写所需信息的内容描述"),
        ({"description": "长" * 2001}, "description", "不能超过2000个字"),
        ({"description": "长" * 4001}, "description", "不能超过4000个字符"),
        ({"provision_form": "fax"}, "provision_form", "取值无效"),
        ({"site": "nosuch"}, "site", "未开设依申请公开"),
        ({"fee_waiver_requested": "yes"}, "fee_waiver_requested", "应为 true 或 false"),
    ],
)
def test_bad_fields_get_chinese_field_errors(client, changes, field, message):
    response = post(client, {**PAYLOAD, **changes})
    assert response.status_code == 400
    assert message in response.json()["errors"][field]
    assert not InformationApplication.objects.exists()


def test_an_idempotency_key_is_bound_to_the_application_and_the_client(client):
    key = str(uuid.uuid4())
    first = post(client, key=key).json()
    again = post(client, key=key)
    assert again.status_code == 200
    assert again.json()["duplicate"] and again.json()["tracking_code"] == first["tracking_code"]
    assert again.json()["query_password"] == first["query_password"]
    with override_settings(TRUSTED_PROXIES=["127.0.0.1"]):
        stranger = post(client, key=key, HTTP_X_FORWARDED_FOR="203.0.113.50")
    assert stranger.status_code == 200 and stranger.json()["query_password"] is None
    other = post(client, {**PAYLOAD, "description": "请提供4G基站选址规划及环评批复文件。"}, key=key)
    assert other.status_code == 422 and "Idempotency-Key" in other.json()["errors"]
    assert InformationApplication.objects.count() == 1
    assert post(client, key="aaaaaaaaaaaaaaaaaaaaaaaaaaaa").status_code == 400


@override_settings(OPENINFO_APPLICATION_MAX_PER_IP_HOUR=2, OPENINFO_APPLICATION_CAPTCHA_AFTER_PER_IP_HOUR=100)
def test_replays_count_toward_the_rate_limit(client):
    key = str(uuid.uuid4())
    assert post(client, key=key).status_code == 201
    assert post(client, key=key).status_code == 200  # a replay: nothing stored, one attempt counted
    refused = post(client, {**PAYLOAD, "phone": "13607330003"})
    assert refused.status_code == 429 and refused.json()["message"] == "提交过于频繁，请一小时后再试。"


@override_settings(OPENINFO_APPLICATION_CAPTCHA_AFTER_PER_IP_HOUR=1)
def test_a_busy_client_gets_a_captcha_challenge(client):
    assert post(client).status_code == 201
    challenged = post(client, {**PAYLOAD, "phone": "13607330004"})
    assert challenged.status_code == 400
    assert challenged.json()["captcha"]["key"] and challenged.json()["captcha"]["image_url"].startswith("/captcha/")


def test_the_schema_lists_both_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "201" in schema["paths"][URL]["post"]["responses"]
    stats = schema["paths"][URL + "stats/"]["get"]
    assert {p["name"] for p in stats["parameters"]} == {"site", "year"}
