"""Validators for the identifiers a government website carries.

- 统一社会信用代码: GB 32100-2015, 18 characters, the last one a mod-31 check character.
- 网站标识码: 10 characters issued by 全国政府网站信息报送系统 — a 6-digit administrative-division code plus
  4 digits for local sites, ``bm`` plus 8 digits for central departments (政府网站发展指引, 国办发〔2017〕47号).
"""

import re

from django.core.exceptions import ValidationError

# GB 32100-2015 character set: digits and capitals without I, O, S, V, Z.
CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_RE = re.compile(rf"^[{CREDIT_CODE_CHARS}]{{18}}$")
SITE_CODE_RE = re.compile(r"^(\d{10}|bm\d{8})$")


def credit_code_check_char(first17: str) -> str:
    total = sum(CREDIT_CODE_CHARS.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    if not CREDIT_CODE_RE.match(value or ""):
        raise ValidationError(
            "统一社会信用代码应为18位，由数字和大写字母组成（不含I、O、S、V、Z）。", code="credit_code_format"
        )
    if credit_code_check_char(value[:17]) != value[17]:
        raise ValidationError("统一社会信用代码校验位不正确，请核对。", code="credit_code_check")


def make_credit_code(first17: str) -> str:
    """Complete 17 characters with their check character (used by the demo and tests)."""
    return first17 + credit_code_check_char(first17)


def validate_site_code(value: str) -> None:
    if not SITE_CODE_RE.match(value or ""):
        raise ValidationError(
            "网站标识码应为10位：6位行政区划代码加4位数字，或 bm 加8位数字。", code="site_code_format"
        )


HEX_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")


def validate_hex_colour(value: str) -> None:
    if not HEX_COLOUR_RE.match(value or ""):
        raise ValidationError("颜色应为 #RRGGBB 格式，例如 #b5121b。", code="colour_format")
