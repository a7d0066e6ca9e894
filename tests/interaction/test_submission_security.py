"""The audit's findings on the mailboxes, as classes (issue 10 findings 1, 2 and 9):

- a submission token (API Idempotency-Key, form nonce) is bound to the message and the client: no stranger's
  receipt, no password on a replay from another client, a different message under the same token is refused;
- per-client limits count the real client behind the trusted proxy, at each receiving site, replays included;
- the status query takes as long for an unknown code, and locks per code as well as per client.
"""

import json
import uuid

import pytest
from django.test import Client, override_settings

from core import submissions
from interaction import services
from interaction.models import Question
from interaction.services import receive
from tests.conftest import site_client
from tests.interaction.test_public_submission import MAILBOX, old_token, valid_data

API = "/api/v1/interaction/questions/"
pytestmark = pytest.mark.django_db


def message(**overrides):
    data = {
        "site": "zhuzhou",
        "type": "complaint",
        "title": "小区噪音扰民投诉",
        "content": "我家楼下的工地每天夜里施工到凌晨，严重影响休息，请尽快处理。",
        "name": "钱七",
        "phone": "13600136000",
        "consent_publish": False,
    }
    return {**data, **overrides}


def post_api(data, key, *, host="zhuzhou.localhost", forwarded=None):
    headers = {"HTTP_IDEMPOTENCY_KEY": key, "HTTP_HOST": host}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client().post(API, json.dumps(data), content_type="application/json", **headers)


class TestIdempotencyKey:
    def test_a_stranger_reusing_the_key_gets_no_receipt_whatever_the_body(self, group):
        key = str(uuid.uuid4())
        first = post_api(message(), key)
        assert first.status_code == 201
        secret = first.json()["query_password"]
        for hostile in ({"site": "x"}, message(site="changde"), message(title="另一份留言的标题")):
            answer = post_api(hostile, key, host="changde.localhost")
            assert answer.status_code in (400, 422)
            text = answer.content.decode()
            assert first.json()["tracking_code"] not in text and secret not in text
        assert Question.objects.count() == 1

    def test_a_different_message_under_the_same_key_is_422_in_chinese(self, group):
        key = str(uuid.uuid4())
        assert post_api(message(), key).status_code == 201
        answer = post_api(message(content="换了内容的另一份留言，请有关部门核实处理。谢谢。"), key)
        assert answer.status_code == 422
        body = answer.json()
        assert set(body) >= {"message", "errors"} and "已用于另一份不同的留言" in body["errors"]["Idempotency-Key"]
        assert Question.objects.count() == 1

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_the_password_comes_back_only_to_the_same_client(self, group):
        key = str(uuid.uuid4())
        first = post_api(message(), key, forwarded="198.51.100.7")
        same_client = post_api(message(), key, forwarded="198.51.100.7")
        other_client = post_api(message(), key, forwarded="203.0.113.9")
        assert first.status_code == 201 and same_client.status_code == other_client.status_code == 200
        assert same_client.json()["query_password"] == first.json()["query_password"]
        assert other_client.json()["query_password"] is None and other_client.json()["duplicate"] is True
        assert Question.objects.count() == 1

    @pytest.mark.parametrize("key", ["retry-123", "a" * 40, "0123456789" * 2, "x" * 65, "ab" * 12])
    def test_the_key_must_be_long_and_random(self, group, key):
        answer = post_api(message(), key)
        assert answer.status_code == 400
        problem = answer.json()["errors"]["Idempotency-Key"]
        assert problem.startswith("Idempotency-Key 应为随机生成的值") or problem == "不能超过64个字符"
        assert not Question.objects.exists()

    @override_settings(INTERACTION_MAX_PER_IP_HOUR=3, INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=100)
    def test_replays_count_toward_the_rate_limit(self, group):
        key = str(uuid.uuid4())
        statuses = [post_api(message(), key).status_code for _ in range(4)]
        assert statuses == [201, 200, 200, 429]
        assert Question.objects.count() == 1

    def test_invalid_bodies_are_refused_before_any_lookup(self, group):
        key = str(uuid.uuid4())
        post_api(message(), key)
        answer = post_api(message(phone="110"), key)
        assert answer.status_code == 400 and answer.json()["errors"] == {"phone": "请填写正确的11位手机号码。"}


class TestFormNonce:
    def test_the_same_form_sent_twice_shows_the_first_receipt_with_its_password(self, group):
        client = site_client(group.hetang)
        data = valid_data()
        first, again = client.post(MAILBOX, data), client.post(MAILBOX, data)
        assert first.status_code == again.status_code == 200
        question = Question.objects.get()
        assert question.tracking_code in again.content.decode()
        password = _password_in(first.content.decode())
        assert password and password in again.content.decode()

    def test_another_message_under_a_used_nonce_is_refused_and_a_fresh_form_offered(self, group):
        client = site_client(group.hetang)
        token = old_token()
        assert client.post(MAILBOX, valid_data(form_token=token)).status_code == 200
        other = client.post(MAILBOX, valid_data(form_token=token, title="另一份留言的标题文字"))
        text = other.content.decode()
        assert other.status_code == 422 and "已用于另一份不同的留言" in text
        assert Question.objects.get().tracking_code not in text
        assert 'name="form_token"' in text and token not in text  # a new token to send the new message with
        assert Question.objects.count() == 1

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_a_replay_from_another_client_gets_no_password(self, group):
        data = valid_data()
        first = site_client(group.hetang).post(MAILBOX, data, HTTP_X_FORWARDED_FOR="198.51.100.7")
        replay = site_client(group.hetang).post(MAILBOX, data, HTTP_X_FORWARDED_FOR="203.0.113.9")
        password = _password_in(first.content.decode())
        assert password and password not in replay.content.decode()
        assert Question.objects.count() == 1


def _password_in(html: str) -> str:
    from bs4 import BeautifulSoup

    found = BeautifulSoup(html, "html.parser").select_one("[data-query-password]")
    return found.get_text(strip=True) if found else ""


class TestLimitsBehindTheProxy:
    @override_settings(TRUSTED_PROXIES=["127.0.0.1"], INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=3)
    def test_citizens_behind_nginx_are_counted_one_by_one(self, group):
        client = site_client(group.hetang)
        for n in range(6):  # six citizens, one message each: nobody gets a captcha
            data = valid_data(phone=f"1380013800{n}")
            assert client.post(MAILBOX, data, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code == 200
        assert Question.objects.count() == 6

    @override_settings(
        TRUSTED_PROXIES=["127.0.0.1"], INTERACTION_MAX_PER_IP_HOUR=2, INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=100
    )
    def test_limits_count_per_receiving_site(self, group):
        hetang, zhuzhou = site_client(group.hetang), site_client(group.zhuzhou)
        one = {"HTTP_X_FORWARDED_FOR": "198.51.100.1"}
        for n in range(2):
            assert hetang.post(MAILBOX, valid_data(phone=f"1390013900{n}"), **one).status_code == 200
        assert hetang.post(MAILBOX, valid_data(phone="13900139009"), **one).status_code == 429
        # The same office network may still write to the city's mailbox.
        leader = "/hdjl/szxx/"
        assert zhuzhou.post(leader, valid_data(phone="13900139008"), **one).status_code == 200

    @override_settings(
        TRUSTED_PROXIES=["127.0.0.1"], INTERACTION_MAX_PER_IP_HOUR=2, INTERACTION_CAPTCHA_AFTER_PER_IP_HOUR=100
    )
    def test_a_direct_client_cannot_escape_the_limit_by_rotating_the_header(self, group):
        client = Client(HTTP_HOST=group.hetang.site.hostname, REMOTE_ADDR="203.0.113.50")
        statuses = [
            client.post(MAILBOX, valid_data(phone=f"1370013700{n}"), HTTP_X_FORWARDED_FOR=f"10.9.9.{n}").status_code
            for n in range(4)
        ]
        assert statuses == [200, 200, 429, 429]
        assert set(Question.objects.values_list("client_ip", flat=True)) == {"203.0.113.50"}

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"], INTERACTION_MAX_PER_IP_HOUR=2)
    def test_an_ipv6_client_is_one_client_across_its_64(self, group):
        client = Client(HTTP_HOST=group.hetang.site.hostname, REMOTE_ADDR="127.0.0.1")
        addresses = ["2001:db8:5:6::1", "2001:db8:5:6::2", "2001:db8:5:6:ffff::3"]
        statuses = [
            client.post(MAILBOX, valid_data(phone=f"1350013500{n}"), HTTP_X_FORWARDED_FOR=ip).status_code
            for n, ip in enumerate(addresses)
        ]
        assert statuses[-1] == 429


class TestStatusQuery:
    def make(self, site):
        return receive(
            site=site,
            type="consult",
            title="公积金提取咨询",
            content="想咨询公积金提取需要哪些材料。",
            name="孙八",
            phone="13512345678",
        )

    def test_an_unknown_code_costs_a_password_check_like_a_known_one(self, group, monkeypatch):
        question, password = self.make(group.zhuzhou)
        checked = []
        real_check = submissions.check_password
        monkeypatch.setattr(
            submissions, "check_password", lambda raw, encoded: checked.append(encoded) or real_check(raw, encoded)
        )
        assert services.find_by_code("NOSUCHCODE", "ABCDEF") is None
        assert services.find_by_code(question.tracking_code, "WRONG1") is None
        assert services.find_by_code(question.tracking_code, password) == question
        assert len(checked) == 3 and checked[0] != question.query_password and checked[1] == question.query_password

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_one_client_failing_does_not_lock_others_out(self, group):
        question, password = self.make(group.zhuzhou)
        client = site_client(group.zhuzhou)
        for n in range(10):  # one client tries ten made-up codes
            wrong = {"code": f"ZZZZZZZZ{n:02d}", "password": "WRONG1"}
            assert client.post("/hdjl/query/", wrong, HTTP_X_FORWARDED_FOR="198.51.100.66").status_code == 400
        locked = client.post(
            "/hdjl/query/", {"code": "ZZZZZZZZ99", "password": "x"}, HTTP_X_FORWARDED_FOR="198.51.100.66"
        )
        assert locked.status_code == 429
        mine = {"code": question.tracking_code, "password": password}
        assert client.post("/hdjl/query/", mine, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 200

    @override_settings(TRUSTED_PROXIES=["127.0.0.1"])
    def test_many_clients_guessing_one_code_lock_that_code(self, group):
        question, password = self.make(group.zhuzhou)
        client = site_client(group.zhuzhou)
        for n in range(10):  # a botnet: every guess from another address
            guess = {"code": question.tracking_code, "password": f"GUESS{n}"}
            assert client.post("/hdjl/query/", guess, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code == 400
        mine = {"code": question.tracking_code, "password": password}
        assert client.post("/hdjl/query/", mine, HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429
        other, other_password = self.make(group.zhuzhou)
        theirs = {"code": other.tracking_code, "password": other_password}
        assert client.post("/hdjl/query/", theirs, HTTP_X_FORWARDED_FOR="203.0.113.1").status_code == 200
