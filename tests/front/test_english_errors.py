"""Refused parameters and refused requests say so in English under the English mirror (issue 15 item 6: no Chinese
under lang="en"), and in Chinese everywhere else — the API keeps its Chinese messages."""

import re

import pytest
from bs4 import BeautifulSoup

from core.params import IntParam
from tests.conftest import site_client

HAN = re.compile(r"[\u4e00-\u9fff]")


def refusals(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [li.get_text(" ", strip=True) for li in soup.select(".form-errors li, .errorlist li, main li")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "x", "page": "abc"}, "Page must be a whole number from 1 to"),
        ({"q": "x", "sort": "zz"}, "Sort order is not valid; choose one of: relevance, date"),
        ({"q": "x", "from": "2024-13-01"}, "Dates are written year-month-day, e.g. 2024-05-01"),
        ({"q": "x", "from": "2024-05-02", "to": "2024-05-01"}, "The end date cannot be earlier than the start date"),
        ({"q": "x", "type": "nonsense"}, "Unknown content type: nonsense"),
    ],
)
def test_english_search_page_refuses_parameters_in_english(group, query, expected):
    response = site_client(group.zhuzhou).get("/en/search/", query)
    assert response.status_code == 400
    html = response.content.decode()
    assert expected in html
    line = next(text for text in refusals(html) if expected in text)
    assert not HAN.search(line), line


@pytest.mark.django_db
def test_chinese_search_page_keeps_chinese_messages(group):
    response = site_client(group.zhuzhou).get("/search/", {"q": "x", "page": "abc"})
    assert response.status_code == 400
    assert "页码应为 1–10000 之间的整数" in response.content.decode()


@pytest.mark.django_db
def test_english_catalogue_refuses_an_unknown_category_in_english(group):
    response = site_client(group.zhuzhou).get("/en/zfxxgk/", {"category": "nope"})
    assert response.status_code == 400
    assert "Unknown information category" in response.content.decode()


@pytest.mark.django_db
def test_control_character_under_the_english_mirror_gets_an_english_error_page(group):
    response = site_client(group.zhuzhou).get("/en/search/", {"q": "a\x00b"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text() == "Bad request"
    assert "contains a control character that is not allowed" in soup.main.get_text()
    assert soup.select_one("main a")["href"] == "/en/"
    assert not HAN.search(soup.main.get_text(" ")), soup.main.get_text(" ")


@pytest.mark.django_db
def test_control_character_elsewhere_keeps_the_chinese_error_page(group):
    response = site_client(group.zhuzhou).get("/search/", {"q": "a\x00b"})
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert response.status_code == 400 and soup.html["lang"] == "zh-hans" and soup.h1.get_text() == "请求有误"
    assert "含有不允许的控制字符" in soup.main.get_text()


def test_the_api_message_of_a_parameter_stays_chinese_whatever_the_language():
    from django.utils import translation

    with translation.override("en"):
        assert IntParam("page", "页码", 1, 10).message == "页码应为 1–10 之间的整数"
