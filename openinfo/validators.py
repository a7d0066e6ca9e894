"""Field rules for disclosure metadata; messages are shown to editors in Chinese."""

import re

from django.core.exceptions import ValidationError

from .catalogue import category_map, subjects

# 文号: issuing-organ abbreviation + year in 六角括号 + serial + 号, e.g. 株政发〔2024〕3号, 常政办函〔2016〕12号.
# Square brackets and ordinary parentheses are common typing mistakes; the standard form uses 〔〕.
DOCUMENT_NUMBER_RE = re.compile(r"^[\u4e00-\u9fff]{1,20}〔(19|20)\d{2}〕\d{1,5}号$")


def validate_document_number(value: str) -> None:
    if value and not DOCUMENT_NUMBER_RE.match(value):
        raise ValidationError(
            "文号格式应为“发文机关代字〔年份〕序号号”，如 株政发〔2024〕3号（年份用六角括号〔〕）。",
            code="document_number",
        )


def validate_category(value: str) -> None:
    if value not in category_map():
        raise ValidationError("未知的信息类别。", code="category")


def validate_subject(value: str) -> None:
    if value not in subjects():
        raise ValidationError("未知的主题分类，请从国务院公文主题分类的22个一级类目中选择。", code="subject")


# Phones and faxes as offices write them: digits, area-code hyphen, several numbers separated by “、”, 转 for an
# extension (the same form as 办事指南 phones in home/models.py, which this app may not import).
PHONE_RE = re.compile(r"^[0-9()（）+\-－—、，, /转]{5,60}$")
POSTCODE_RE = re.compile(r"^\d{6}$")


def validate_phone(value: str) -> None:
    if value and not PHONE_RE.match(value):
        raise ValidationError("请填写电话号码：数字、区号连字符“-”，多个号码用“、”分隔，分机用“转”。", code="phone")


def validate_postcode(value: str) -> None:
    if value and not POSTCODE_RE.match(value):
        raise ValidationError("邮政编码应为6位数字。", code="postcode")
