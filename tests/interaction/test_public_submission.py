"""The public mailbox form: the submission contract, field errors in Chinese, anti-spam, double submission,
attachments and routing to a department."""

import re
import time

import pytest
from bs4 import BeautifulSoup
from captcha.models import CaptchaStore
from django.conf import settings
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from interaction.antispam import TOKEN_SALT
from interaction.enums import Status
from interaction.models import Question
from tests.conftest import site_client

pytestmark = pytest.mark.django_db
MAILBOX = "/hdjl/zxtsjy/"
LEADER = "/hdjl/szxx/"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def old_token(seconds_ago=60):
    return signing.dumps({"t": time.time() - seconds_ago, "n": f"nonce-{time.time_ns()}"}, salt=TOKEN_SALT)


def valid_data(**overrides):
    data = {
        "form_token": old_token(),
        "website": "",
        "type": "consult",
        "title": "光纤入户什么时候到我们小区",
        "content": "我住在荷塘区月塘街道，小区至今没有光纤入户，请问什么时候能开通？",
        "name": "张三丰",
        "phone": "13800138000",
        "email": "",
        "consent_publish": "on",
    }
    data.update(overrides)
    return data


def errors_of(response) -> dict:
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        div["data-field"]: [p.get_text() for p in div.select(".field-error")]
        for div in soup.select(".form-field.has-error")
    }


def test_the_form_follows_the_published_contract(group):
    response = site_client(group.zhuzhou).get(LEADER)
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]  # one-time token: never from the page cache
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.select_one("form#question-form")
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    names = {field.get("name") for field in form.select("input, select, textarea")}
    assert {"csrfmiddlewaretoken", "form_token", "website", "type", "target", "title", "content", "name"} <= names
    assert {"phone", "email", "consent_publish", "attachments"} <= names
    targets = [option["value"] for option in form.select("select[name=target] option")]
    assert {"hetang", "zhuzhou-fgw", "hetang-yuetang"} <= set(targets)
    assert not {"changde", "zhuzhou", "hetang-daping", "zhuzhou-xiangjiang"} & set(targets)
    assert not site_client(group.all["zhuzhou-fgw"]).get(MAILBOX).context["form"].fields.get("target")


def test_a_valid_message_is_stored_and_the_receipt_shows_code_and_password(group):
    response = site_client(group.zhuzhou).post(LEADER, valid_data(email="zhang@example.com"))
    assert response.status_code == 200
    code = re.search(rb'data-tracking-code="([A-Z0-9]+)"', response.content).group(1).decode()
    password = re.search(rb'data-query-password="([A-Z0-9]+)"', response.content).group(1).decode()
    question = Question.objects.get(tracking_code=code)
    assert question.site == group.zhuzhou and question.channel == "leader" and question.status == Status.RECEIVED
    assert question.consent_publish and question.email == "zhang@example.com" and question.client_ip == "127.0.0.1"
    assert password not in question.query_password


def test_a_double_submitted_form_creates_one_record(group):
    client = site_client(group.zhuzhou)
    data = valid_data()
    first = client.post(MAILBOX, data)
    second = client.post(MAILBOX, data)
    assert Question.objects.filter(title=data["title"]).count() == 1
    code = re.search(rb'data-tracking-code="([A-Z0-9]+)"', first.content).group(1)
    assert code in second.content and "重复提交".encode() in second.content


def test_choosing_a_department_transfers_with_history(group):
    response = site_client(group.zhuzhou).post(LEADER, valid_data(target="zhuzhou-fgw"))
    assert response.status_code == 200
    question = Question.objects.get(title=valid_data()["title"])
    assert question.handler == group.all["zhuzhou-fgw"] and question.status == Status.ASSIGNED
    assert list(question.events.values_list("action", flat=True)) == ["receive", "assign"]


def test_a_site_outside_the_group_cannot_be_chosen(group):
    response = site_client(group.zhuzhou).post(LEADER, valid_data(target="changde"))
    assert response.status_code == 400
    assert errors_of(response)["target"] == ["所选办理单位不在本网站群内。"]
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "请填写标题。"),
        ("title", "短", "标题至少需要4个字。"),
        ("title", "长" * 101, "标题不能超过100个字（当前101个）。"),
        ("content", "太短了", "内容至少需要10个字。"),
        ("content", "字" * 2001, "内容不能超过2000个字（当前2001个）。"),
        ("title", "标题第一行\n第二行", "标题含有不可见的控制字符，请删除后重新提交。"),
        ("phone", "12345", "请填写正确的11位手机号码。"),
        ("phone", "23800138000", "请填写正确的11位手机号码。"),
        ("email", "not-an-email", "电子邮箱格式不正确。"),
        ("type", "praise", "留言类型无效。"),
    ],
)
def test_bad_input_gets_chinese_field_errors_and_stores_nothing(group, field, value, message):
    response = site_client(group.hetang).post(MAILBOX, valid_data(**{field: value}))
    assert response.status_code == 400
    assert errors_of(response)[field] == [message]
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"), [("content", "正常的内容文字\x00\x07还有控制字符"), ("name", "张\u202e三")]
)
def test_control_and_bidi_characters_are_refused_before_the_form(group, field, value):
    response = site_client(group.hetang).post(MAILBOX, valid_data(**{field: value}))
    assert response.status_code == 400
    assert f"“{field}”含有不允许的控制字符" in response.content.decode()
    assert not Question.objects.exists()


def test_what_people_really_type_is_accepted(group):
    content = "\ufeff家里👨\u200d👩\u200d👧三口人❤\ufe0f，小区\u200b路灯坏了一个月，请尽快维修。"
    response = site_client(group.hetang).post(MAILBOX, valid_data(content=content))
    assert response.status_code == 200
    assert Question.objects.get().content == "家里👨\u200d👩\u200d👧三口人❤\ufe0f，小区路灯坏了一个月，请尽快维修。"


def test_phone_numbers_are_normalised(group):
    site_client(group.hetang).post(MAILBOX, valid_data(phone="+86 138-0013-8000"))
    assert Question.objects.get().phone == "13800138000"


def test_script_payloads_are_stored_inertly_and_rendered_escaped(group):
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    data = valid_data(title=f"标题{payload}", content=f"正文内容正文内容{payload}", name="李<b>四</b>")
    response = site_client(group.hetang).post(MAILBOX, data)
    assert response.status_code == 200
    question = Question.objects.get()
    assert payload in question.content  # stored as typed
    from interaction.services import transition

    transition(question, "answer", answer=f"答复{payload}", answered_by="荷塘区人民政府")
    transition(question, "publish")
    page = site_client(group.hetang).get(f"/hdjl/{question.pk}/")
    assert b"<script>alert" not in page.content and b"<img src=x" not in page.content
    assert b"&lt;script&gt;" in page.content
    assert "李*".encode() in page.content and b"<b>" not in page.content  # the masked name hides the markup too


class TestAttachments:
    def test_images_and_pdfs_are_kept_in_private_storage(self, group):
        files = [SimpleUploadedFile("现场.png", PNG, "image/png"), SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", "x/y")]
        response = site_client(group.hetang).post(MAILBOX, {**valid_data(), "attachments": files})
        assert response.status_code == 200
        attachments = list(Question.objects.get().attachments.all())
        assert [(a.name, a.content_type) for a in attachments] == [
            ("现场.png", "image/png"),
            ("a.pdf", "application/pdf"),
        ]
        for attachment in attachments:  # outside MEDIA_ROOT: no public URL reaches them
            assert attachment.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
            assert not attachment.file.path.startswith(str(settings.MEDIA_ROOT))
        assert attachments[0].file.read() == PNG

    @pytest.mark.parametrize(
        ("name", "content", "message"),
        [
            ("virus.exe", b"MZ\x90\x00", "附件“virus.exe”的类型不允许，只接受 JPG、PNG 图片和 PDF 文件。"),
            ("fake.png", b"<html>not an image</html>", "附件“fake.png”的内容与文件类型不符。"),
        ],
    )
    def test_wrong_types_are_refused(self, group, name, content, message):
        upload = SimpleUploadedFile(name, content)
        response = site_client(group.hetang).post(MAILBOX, {**valid_data(), "attachments": [upload]})
        assert response.status_code == 400 and errors_of(response)["attachments"] == [message]

    def test_too_many_or_too_big(self, group):
        files = [SimpleUploadedFile(f"{n}.png", PNG) for n in range(4)]
        response = site_client(group.hetang).post(MAILBOX, {**valid_data(), "attachments": files})
        assert errors_of(response)["attachments"] == ["附件最多3个。"]
        big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))
        response = site_client(group.hetang).post(MAILBOX, {**valid_data(), "attachments": [big]})
        assert errors_of(response)["attachments"] == ["附件“big.pdf”超过5MB。"]


class TestAntiSpam:
    def solve_captcha(self, response) -> dict:
        soup = BeautifulSoup(response.content, "html.parser")
        key = soup.select_one("input[name=captcha_0]")["value"]
        return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}

    @pytest.mark.parametrize(
        "tweak",
        [{"website": "http://spam.example"}, {"form_token": "forged"}, {"form_token": None}],
        ids=["honeypot", "forged-token", "fresh-token"],
    )
    def test_a_suspicious_client_must_answer_a_captcha_then_gets_through(self, group, tweak):
        client = site_client(group.hetang)
        data = valid_data(**tweak)
        if "form_token" in tweak and tweak["form_token"] is None:
            data["form_token"] = old_token(seconds_ago=0)  # sent back at once: faster than a person types
        response = client.post(MAILBOX, data)
        assert response.status_code == 400 and not Question.objects.exists()
        assert "请填写验证码".encode() in response.content
        soup = BeautifulSoup(response.content, "html.parser")
        assert soup.select_one("input[name=title]")["value"] == data["title"]  # nothing typed is lost
        wrong = client.post(
            MAILBOX, {**data, "captcha_0": soup.select_one("input[name=captcha_0]")["value"], "captcha_1": "x"}
        )
        assert errors_of(wrong)["captcha"] == ["验证码不正确，请重新计算。"] and not Question.objects.exists()
        response = client.post(MAILBOX, {**data, **self.solve_captcha(wrong)})
        assert response.status_code == 200 and Question.objects.count() == 1

    def test_a_normal_visitor_sees_no_captcha(self, group):
        response = site_client(group.hetang).get(MAILBOX)
        assert b"captcha" not in response.content

    @override_settings(INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=2, INTERACTION_MAX_PER_IP_HOUR=3)
    def test_per_ip_limits_captcha_then_refuse(self, group):
        client = site_client(group.hetang)
        for n in range(2):
            assert client.post(MAILBOX, valid_data(phone=f"1380013800{n}")).status_code == 200
        third = client.post(MAILBOX, valid_data(phone="13800138002"))
        assert third.status_code == 400 and b"captcha_0" in third.content
        assert client.post(MAILBOX, {**valid_data(phone="13800138002"), **self.solve_captcha(third)}).status_code == 200
        refused = client.post(MAILBOX, valid_data(phone="13800138003"))
        assert refused.status_code == 429 and "提交过于频繁".encode() in refused.content
        assert Question.objects.count() == 3

    @override_settings(
        INTERACTION_MAX_PER_PHONE_DAY=2, INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=100, TRUSTED_PROXIES=["127.0.0.1"]
    )
    def test_per_phone_limit_across_addresses(self, group):
        client = site_client(group.hetang)
        for n in range(2):
            response = client.post(MAILBOX, valid_data(), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
            assert response.status_code == 200
        refused = client.post(MAILBOX, valid_data(), HTTP_X_FORWARDED_FOR="10.0.0.9")
        assert refused.status_code == 429 and "该手机号今日留言次数已达上限".encode() in refused.content
        assert set(Question.objects.values_list("client_ip", flat=True)) == {"10.0.0.0", "10.0.0.1"}

    def test_sensitive_words_flag_but_never_drop(self, group):
        response = site_client(group.hetang).post(
            MAILBOX, valid_data(content="小区附近有人搞网络赌博，还有人发代开发票广告")
        )
        assert response.status_code == 200
        question = Question.objects.get()
        assert question.flagged_words == "代开发票、网络赌博"
        from interaction.services import TransitionError, transition

        transition(question, "answer", answer="已转公安机关调查。", answered_by="荷塘区人民政府")
        with pytest.raises(TransitionError, match="须经审核后才能公开"):
            transition(question, "publish")
        transition(question, "review")
        assert transition(question, "publish").status == Status.PUBLISHED


def test_a_racing_copy_of_the_same_submission_reads_the_winners_record(group, monkeypatch):
    """Two workers handle the same form at once: both miss the early lookup, the unique token decides."""
    from interaction import services

    bound = {"token": "race-nonce", "submitted": "digest-of-the-message", "client": "127.0.0.1"}
    first = services.submit(site=group.hetang, **bound, **_fields())
    real_lookup = services.find_receipt
    calls = []

    def lookup_missing_once(token, submitted, client):
        calls.append(token)
        return None if len(calls) == 1 else real_lookup(token, submitted, client)

    monkeypatch.setattr(services, "find_receipt", lookup_missing_once)
    second = services.submit(site=group.hetang, **bound, **_fields())
    assert len(calls) == 2  # the early lookup missed, the IntegrityError path found the winner
    assert second.duplicate and second.question.pk == first.question.pk and second.password == first.password
    assert Question.objects.filter(submission_token="race-nonce").count() == 1


def _fields():
    return {
        "type": "consult",
        "title": "公共自行车站点",
        "content": "希望在月塘街道增设公共自行车站点。",
        "name": "刘一",
        "phone": "13800138111",
    }
