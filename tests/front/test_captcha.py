"""Issue 15 item 2: the captcha is large, refreshable and has an alternative a screen reader can answer (文字题)."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from captcha.models import CaptchaStore
from django.core.cache import cache
from PIL import Image

from core.captcha import TEXT_QUESTIONS_PER_CLIENT_HOUR, chinese_number, text_challenge
from interaction.models import Question
from tests.conftest import site_client
from tests.interaction.test_public_submission import MAILBOX, errors_of, valid_data

pytestmark = pytest.mark.django_db

WORDS = {chinese_number(n): n for n in range(0, 21)}


@pytest.mark.parametrize(("value", "words"), [(0, "零"), (7, "七"), (10, "十"), (13, "十三"), (20, "二十")])
def test_numbers_in_words(value, words):
    assert chinese_number(value) == words


def answer_of(question: str) -> int:
    """Solve a 文字题 the way a listener would: two numbers in words and 加/减."""
    match = re.match(r"(.+?)(加上|加|减去|减)(.+?)(等于几|是多少)？请用阿拉伯数字作答。$", question)
    assert match, question
    a, op, b = WORDS[match.group(1)], match.group(2), WORDS[match.group(3)]
    return a + b if op.startswith("加") else a - b


def test_text_questions_are_answerable_and_never_negative():
    for _ in range(200):
        question, answer = text_challenge()
        assert answer_of(question) == int(answer) >= 0


def captcha_form(client):
    """The mailbox form as a suspicious client sees it (a forged token asks for the captcha)."""
    response = client.post(MAILBOX, valid_data(form_token="forged"))
    assert response.status_code == 400
    return BeautifulSoup(response.content, "html.parser")


def test_the_captcha_picture_is_large_labelled_in_chinese_and_has_both_alternatives(group):
    soup = captcha_form(site_client(group.hetang))
    image = soup.select_one("img.captcha-image")
    assert (image["width"], image["height"]) == ("200", "70")
    assert image["alt"].startswith("验证码图片：") and "captcha" not in image["alt"]
    box = soup.select_one("[data-captcha]")
    assert box.select_one("[data-captcha-refresh]").get_text(strip=True) == "换一张"
    assert "文字题" in box.select_one("[data-captcha-text]").get_text()
    answer = soup.select_one("input[name=captcha_1]")
    label = soup.select_one(f"label[for={answer['id']}]")
    assert label is not None and label.get_text(strip=True).startswith("验证码")


def test_the_picture_itself_is_served_at_the_configured_size(group):
    soup = captcha_form(site_client(group.hetang))
    response = site_client(group.hetang).get(soup.select_one("img.captcha-image")["src"])
    assert response.status_code == 200
    assert Image.open(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).size == (200, 70)


def test_a_visitor_answers_the_text_question_instead_of_the_picture(group):
    client = site_client(group.hetang)
    captcha_form(client)
    response = client.get("/captcha/text/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("max-age=0")
    data = response.json()
    assert set(data) == {"key", "question"}
    data_with_answer = {
        **valid_data(form_token="forged"),
        "captcha_0": data["key"],
        "captcha_1": str(answer_of(data["question"])),
    }
    wrong = client.post(MAILBOX, {**data_with_answer, "captcha_1": "999"})
    assert errors_of(wrong)["captcha"] == ["验证码不正确，请重新计算。"] and not Question.objects.exists()
    # A key is used once: ask again, then answer right.
    data = client.get("/captcha/text/").json()
    response = client.post(
        MAILBOX,
        {**valid_data(form_token="forged"), "captcha_0": data["key"], "captcha_1": str(answer_of(data["question"]))},
    )
    assert response.status_code == 200 and Question.objects.count() == 1


def test_refresh_gives_a_new_picture(group):
    client = site_client(group.hetang)
    response = client.get("/captcha/refresh/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200
    key = response.json()["key"]
    assert CaptchaStore.objects.filter(hashkey=key).exists()
    assert response.json()["image_url"].endswith(f"/captcha/image/{key}/")


def test_text_questions_are_limited_per_client(group):
    cache.clear()
    client = site_client(group.hetang)
    for _ in range(TEXT_QUESTIONS_PER_CLIENT_HOUR):
        assert client.get("/captcha/text/").status_code == 200
    response = client.get("/captcha/text/")
    assert response.status_code == 429
    assert response.json() == {"error": "请求过于频繁，请稍后再试。"}
    assert client.post("/captcha/text/").status_code == 405
