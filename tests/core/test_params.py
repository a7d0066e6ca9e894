"""core.params: one parser for integer and choice parameters, on pages and in the API schema."""

import pytest
from django.http import QueryDict
from ninja import Schema
from pydantic import ValidationError

from core.params import ChoiceParam, IntParam, single_values

PAGE = IntParam("page", "页码", 1, 10_000, default=1)
SORT = ChoiceParam("sort", "排序", {"relevance": "相关度", "date": "时间"}, default="relevance")


@pytest.mark.parametrize(
    "raw",
    ["0", "-1", "10001", "9223372036854775807", "1" * 4000, "1.5", "1e3", "²", "١٢", "1_000", "abc", "0x10"],
)
def test_out_of_bounds_and_non_numbers_fall_back_with_a_chinese_message(raw):
    errors = {}
    assert PAGE.parse(raw, errors) == PAGE.default
    assert errors == {"page": "页码应为 1–10000 之间的整数"}


def test_valid_values_and_absence():
    errors = {}
    assert PAGE.parse("42", errors) == 42 and PAGE.parse(" 7 ", errors) == 7 and PAGE.parse(None, errors) == 1
    assert PAGE.parse("", errors) == 1 and errors == {}
    assert SORT.parse("date", errors) == "date" and SORT.parse("", errors) == "relevance" and errors == {}


def test_a_repeated_parameter_is_refused():
    errors = {}
    assert PAGE.from_query(QueryDict("page=2&page=3"), errors) == 1
    assert errors == {"page": "页码只能给出一个值"}
    errors = {}
    assert single_values(QueryDict("q=a&q=b&year=2024"), ["q", "year"], errors) == {"q": "", "year": "2024"}
    assert errors == {"q": "只能给出一个值"}


def test_unknown_choice_lists_the_options():
    errors = {}
    assert SORT.parse("<script>", errors) == "relevance"
    assert errors == {"sort": "排序的取值无效，可选：relevance（相关度）、date（时间）"}


class Params(Schema):
    page: PAGE.annotation() = None
    sort: SORT.annotation() = None


def test_the_api_schema_carries_the_same_bounds_and_choices():
    properties = Params.model_json_schema()["properties"]
    assert {"type": "integer", "minimum": 1, "maximum": 10_000} in properties["page"]["anyOf"]
    assert {"type": "string", "enum": ["relevance", "date"]} in properties["sort"]["anyOf"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"page": "0"}, "页码应为 1–10000 之间的整数"),
        ({"page": "9223372036854775807"}, "页码应为 1–10000 之间的整数"),
        ({"page": ["1", "2"]}, "页码只能给出一个值"),
        ({"page": True}, "页码取值类型不正确"),
        ({"sort": "x"}, "排序的取值无效，可选：relevance（相关度）、date（时间）"),
    ],
)
def test_the_api_refuses_what_the_page_refuses_with_the_same_message(data, message):
    with pytest.raises(ValidationError) as caught:
        Params.model_validate(data)
    assert [e["msg"] for e in caught.value.errors()] == [message]


def test_the_api_accepts_valid_values():
    assert Params.model_validate({"page": "3", "sort": "date"}).model_dump() == {"page": 3, "sort": "date"}
    assert Params.model_validate({"page": 3}).page == 3


def test_command_date_is_today_when_absent_and_refuses_bad_dates_in_chinese():
    import datetime

    from django.core.management.base import CommandError

    from core.params import command_date

    today = datetime.date(2026, 12, 3)
    assert command_date(None, today) == command_date("", today) == today
    assert command_date("2026-03-02", today) == datetime.date(2026, 3, 2)
    for bad in ("2026-13-01", "2026-02-30", "2026-03-02x", "明天"):
        with pytest.raises(CommandError, match="日期格式不正确"):
            command_date(bad, today)
