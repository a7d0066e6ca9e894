"""The public 依申请公开 form (openinfo.ApplicationPage, issue 13 items 1 and 7): the receipt, Chinese field errors,
anti-spam, idempotency bound to the application, rate limits."""

import time

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from core.workdays import load_calendar
from openinfo.applications.enums import EventKind, Status
from openinfo.applications.intake import TOKEN_SALT
from openinfo.models import ApplicationPage, InformationApplication
from tests.conftest import site_client
from tests.interaction.upload_samples import clean_pdf, png_with_metadata

pytestmark = pytest.mark.django_db
FORM = "/zfxxgk/ysqgk/"
ID_CARD = "11010519491231002X"  # GB 11643 sample number, check character X
CREDIT_CODE = "91110000600037341L"


def old_token(seconds_ago=60, nonce=None):
    return signing.dumps({"t": time.time() - seconds_ago, "n": nonce or f"n-{time.time_ns()}"}, salt=TOKEN_SALT)


def valid_data(**overrides):
    data = {
        "form_token": old_token(),
        "website": "",
        "applicant_kind": "citizen",
        "organisation_type": "",
        "name": "李四光",
        "id_document": "id_card",
        "id_number": ID_CARD,
        "phone": "13907330001",
        "email": "lisiguang@example.com",
        "address": "株洲市荷塘区月塘街道红旗路88号",
        "postcode": "412000",
        "description": "请提供2024年株洲市城区光网改造工程的实施方案及其批复文件。",
        "document_title": "株洲市城区光网改造实施方案",
        "document_number": "株政办发〔2024〕12号",
        "purpose": "了解小区光纤入户计划",
        "provision_form": "paper",
        "delivery": "post",
    }
    data.update(overrides)
    return data


def errors_of(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        div["data-field"]: " ".join(p.get_text() for p in div.select(".field-error"))
        for div in soup.select(".form-field.has-error")
    }


def receipt_of(response) -> tuple[str, str | None]:
    soup = BeautifulSoup(response.content, "html.parser")
    code = soup.select_one("[data-tracking-code]")["data-tracking-code"]
    password = soup.select_one("[data-query-password]")
    return code, password["data-query-password"] if password else None


def test_every_disclosing_site_has_the_page_from_its_blueprint(group):
    for profile in (group.zhuzhou, group.hetang):
        page = ApplicationPage.objects.descendant_of(profile.site.root_page).get()
        assert page.slug == "ysqgk" and page.get_parent().slug == "zfxxgk"


def test_the_form_page_explains_the_rules_and_is_never_cached(group):
    response = site_client(group.hetang).get(FORM)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    text = response.content.decode()
    for article in ("第二十九条", "第三十条", "第三十三条", "第四十二条", "第五十一条"):
        assert article in text
    soup = BeautifulSoup(response.content, "html.parser")
    names = {field["name"] for field in soup.select("form#application-form [name]")}
    assert {"applicant_kind", "organisation_type", "id_document", "id_number", "description", "attachments"} <= names


def test_a_valid_application_is_stored_with_its_deadline_and_a_receipt(group):
    pdf = SimpleUploadedFile("身份证复印件.pdf", clean_pdf(), content_type="application/pdf")
    response = site_client(group.hetang).post(FORM, {**valid_data(), "attachments": [pdf]})
    assert response.status_code == 200
    code, password = receipt_of(response)
    assert password and len(password) == 6
    application = InformationApplication.objects.get(tracking_code=code)
    assert application.site == group.hetang and application.status == Status.RECEIVED
    assert application.id_number == ID_CARD and application.phone == "13907330001"
    assert application.channel == "online" and application.clock_started_on == application.received_on
    assert application.due_on == load_calendar().add_working_days(application.received_on, 20)
    assert list(application.events.values_list("kind", flat=True)) == [EventKind.SUBMITTED]
    assert [a.name for a in application.attachments.all()] == ["身份证复印件.pdf"]
    assert application.query_password != password  # only the hash is kept
    text = response.content.decode()
    assert ID_CARD not in text and "13907330001" not in text


def test_an_organisation_with_its_credit_code(group):
    data = valid_data(
        applicant_kind="organisation",
        organisation_type="legal",
        name="湖南某某律师事务所",
        id_document="credit_code",
        id_number=CREDIT_CODE.lower(),
        legal_representative="王五",
    )
    response = site_client(group.hetang).post(FORM, data)
    assert response.status_code == 200, errors_of(response)
    application = InformationApplication.objects.get(tracking_code=receipt_of(response)[0])
    assert application.id_number == CREDIT_CODE and application.report_column == "legal"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"id_number": "110105194912310021"}, "id_number", "居民身份证号码校验位不正确"),
        ({"id_number": "11010519491231002"}, "id_number", "居民身份证号码应为18位"),
        ({"id_number": "110105194913310021"}, "id_number", "出生日期或地区代码无效"),
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
        (
            {"applicant_kind": "organisation", "id_document": "credit_code", "id_number": CREDIT_CODE},
            "organisation_type",
            "请选择组织类别",
        ),
        ({"applicant_kind": "organisation", "organisation_type": "other"}, "id_document", "统一社会信用代码"),
        ({"id_document": "credit_code", "id_number": CREDIT_CODE}, "id_document", "公民请选择身份证件"),
        ({"id_document": "passport", "id_number": "E1"}, "id_number", "5—40位字母或数字"),
        ({"description": ""}, "description", "请填写所需信息的内容描述"),
        ({"description": "光网"}, "description", "至少需要10个字"),
        ({"description": "长" * 2001}, "description", "不能超过2000个字（当前2001个）"),
        ({"document_title": "长" * 201}, "document_title", "所需信息的名称不能超过200个字"),
        ({"name": ""}, "name", "请填写申请人姓名或名称"),
        ({"phone": "0731-1234"}, "phone", "请填写正确的11位手机号码"),
        ({"email": "not-an-email"}, "email", "电子邮箱格式不正确"),
        ({"email": "", "delivery": "electronic"}, "email", "请填写电子邮箱"),
        ({"address": ""}, "address", "邮寄获取信息时，请填写通信地址"),
        ({"postcode": "41200"}, "postcode", "邮政编码应为6位数字"),
        ({"fee_waiver_requested": "on"}, "fee_waiver_reason", "申请减免信息处理费时请说明理由"),
        ({"provision_form": "fax"}, "provision_form", "获取信息的方式无效"),
        ({"applicant_kind": ""}, "applicant_kind", "请选择申请人类型"),
    ],
)
def test_bad_fields_get_chinese_errors_and_store_nothing(group, overrides, field, message):
    response = site_client(group.hetang).post(FORM, valid_data(**overrides))
    assert response.status_code == 400
    errors = errors_of(response)
    assert message in errors.get(field, ""), errors
    assert not InformationApplication.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("申请.docx", b"PK\x03\x04", content_type="application/msword"), "类型不允许"),
        (SimpleUploadedFile("证件.pdf", b"\x89PNG\r\n\x1a\n", content_type="application/pdf"), "内容与文件类型不符"),
        (
            SimpleUploadedFile("大.pdf", b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024), content_type="application/pdf"),
            "超过5MB",
        ),
    ],
)
def test_bad_attachments_get_a_field_error(group, upload, message):
    response = site_client(group.hetang).post(FORM, {**valid_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert message in errors_of(response)["attachments"]
    assert not InformationApplication.objects.exists()


def test_images_are_stored_re_encoded(group):
    png = png_with_metadata(trailer=b"<script>")
    upload = SimpleUploadedFile("证件.png", png, content_type="image/png")
    response = site_client(group.hetang).post(FORM, {**valid_data(), "attachments": [upload]})
    assert response.status_code == 200, errors_of(response)
    stored = InformationApplication.objects.get().attachments.get()
    with stored.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"\x89PNG") and b"<script>" not in data and data != png


def test_a_double_submitted_form_is_stored_once_and_the_same_client_sees_its_password(group):
    client = site_client(group.hetang)
    data = valid_data()
    first = client.post(FORM, data)
    again = client.post(FORM, data)
    assert again.status_code == 200
    assert receipt_of(again) == receipt_of(first)
    assert "重复提交未再次保存" in again.content.decode()
    assert InformationApplication.objects.count() == 1


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_a_replayed_token_from_another_client_gets_no_password(group):
    data = valid_data()
    first = site_client(group.hetang).post(FORM, data, HTTP_X_FORWARDED_FOR="198.51.100.1")
    other = site_client(group.hetang).post(FORM, data, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert receipt_of(other) == (receipt_of(first)[0], None)


def test_a_token_is_bound_to_its_application(group):
    token = old_token()
    client = site_client(group.hetang)
    assert client.post(FORM, valid_data(form_token=token)).status_code == 200
    other = client.post(FORM, valid_data(form_token=token, description="请提供出租车运营管理系统采购合同的全文。"))
    assert other.status_code == 422
    assert "已用于另一份不同的申请" in other.content.decode()
    assert InformationApplication.objects.count() == 1


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], OPENINFO_APPLICATION_CAPTCHA_AFTER_PER_IP_HOUR=100)
def test_per_client_limit_refuses_with_429_behind_the_proxy(group, settings):
    settings.OPENINFO_APPLICATION_MAX_PER_IP_HOUR = 2
    client = site_client(group.hetang)
    for n in range(2):
        phone = f"1390733000{n}"
        response = client.post(FORM, valid_data(phone=phone), HTTP_X_FORWARDED_FOR="198.51.100.7")
        assert response.status_code == 200
    refused = client.post(FORM, valid_data(phone="13907330009"), HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert refused.status_code == 429 and "提交过于频繁" in refused.content.decode()
    # another citizen behind the same proxy is not locked out
    other = client.post(FORM, valid_data(phone="13907330008"), HTTP_X_FORWARDED_FOR="198.51.100.8")
    assert other.status_code == 200
    assert InformationApplication.objects.count() == 3


@override_settings(OPENINFO_APPLICATION_MAX_PER_PHONE_DAY=1)
def test_per_phone_limit(group):
    client = site_client(group.hetang)
    assert client.post(FORM, valid_data()).status_code == 200
    refused = client.post(FORM, valid_data(description="请提供4G基站选址规划及其环境影响评价文件。"))
    assert refused.status_code == 429 and "该手机号今日提交的申请已达上限" in refused.content.decode()


def test_a_scripted_submission_must_answer_a_captcha(group):
    response = site_client(group.hetang).post(FORM, valid_data(form_token=old_token(seconds_ago=0)))
    assert response.status_code == 400
    text = response.content.decode()
    assert "请填写验证码后再次提交" in text and 'name="captcha_1"' in text
    assert not InformationApplication.objects.exists()
    honeypot = site_client(group.hetang).post(FORM, valid_data(website="http://spam.example"))
    assert honeypot.status_code == 400 and not InformationApplication.objects.exists()
