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
