"""core.middleware.InputGuardMiddleware: NUL, control and bidi characters and invalid UTF-8 are refused with a
Chinese 400 before any view runs (PostgreSQL raises on NUL: a 500 that SQLite hid); the admin cleans its forms."""

import json

import pytest
from django.urls import reverse

from core.text import forbidden_character, normalize_input
from interaction.models import Question, ReplyTemplate
from tests.conftest import site_client

HOSTILE = ["a\x00b", "a\x07b", "a\x1bb", "a\x85b", "a\u202eb", "a\u2066b"]


@pytest.mark.parametrize("value", HOSTILE)
def test_query_strings_with_refused_characters_get_a_chinese_400(group, value):
    response = site_client(group.zhuzhou).get("/search/", {"q": value})
    assert response.status_code == 400
    assert "不允许的控制字符" in response.content.decode()


@pytest.mark.parametrize("path", ["/hdjl/?q=a%00b", "/zfxxgk/?q=a%00b", "/a%00b/", "/search/?q%00=1"])
def test_nul_in_any_part_of_a_page_request(group, path):
    response = site_client(group.zhuzhou).get(path)
    assert response.status_code == 400 and "请求有误" in response.content.decode()


@pytest.mark.parametrize("path", ["/hdjl/zxtsjy/", "/api/v1/interaction/questions/", "/admin/login/"])
def test_a_broken_multipart_body_is_a_400(group, path):
    response = site_client(group.zhuzhou).post(path, b"--x\r\n", content_type="multipart/form-data")  # no boundary
    assert response.status_code == 400 and "multipart" in response.content.decode()


def test_invalid_utf8_in_the_query_string(group):
    response = site_client(group.zhuzhou).get("/search/?q=%ff%fe")
    assert response.status_code == 400 and "UTF-8" in response.content.decode()


@pytest.mark.parametrize("body", [{"site": "zhu\u0000zhou"}, {"title": ["x\u0007"]}, {"a\u0000": 1}, {"t": "\ud800"}])
def test_api_json_bodies_are_walked_and_refused_in_the_api_error_shape(group, body):
    response = site_client(group.zhuzhou).post(
        "/api/v1/interaction/questions/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    data = response.json()
    assert set(data) == {"message", "errors"} and "控制字符" in data["message"]
    assert Question.objects.count() == 0


def test_api_query_parameters(group):
    response = site_client(group.zhuzhou).get("/api/v1/openinfo/documents/", {"q": "a\x00b"})
    assert response.status_code == 400 and response.json()["errors"] == {"q": response.json()["message"]}


def test_form_posts_are_refused_and_nothing_is_stored(group):
    response = site_client(group.hetang).post("/hdjl/zxtsjy/", {"title": "问题\x00标题", "content": "x" * 20})
    assert response.status_code == 400 and "“title”含有不允许的控制字符" in response.content.decode()
    assert Question.objects.count() == 0


def test_the_admin_cleans_its_forms_instead_of_refusing(group, editor):
    client = site_client(group.hetang, editor("hetang"))
    assert client.get("/admin/pages/search/?q=a%00b").status_code == 400  # query strings are still refused
    response = client.post(
        reverse("interaction_reply_templates:add"),
        {"site": group.hetang.pk, "title": "模板\x00一", "body": "您好\x0b：已转交办理。", "sort_order": 0},
    )
    assert response.status_code == 302
    template = ReplyTemplate.objects.get(site=group.hetang)
    assert (template.title, template.body) == ("模板一", "您好：已转交办理。")


def test_text_rules():
    assert forbidden_character("家人👨\u200d👩\u200d👧 ❤\ufe0f 🏴\U000e0067\U000e0062\U000e007f") is None
    assert forbidden_character("第一行\n第二行\t") is None
    assert forbidden_character("第一行\n", allow_lines=False) == "\n"
    assert normalize_input("\ufeff你\u200b好") == "你好"
    assert normalize_input("a\ufeffb") == "a\ufeffb"  # only a leading BOM is one
