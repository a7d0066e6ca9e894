import pytest
from django.core.exceptions import ValidationError

from sites.validators import make_credit_code, validate_credit_code, validate_hex_colour, validate_site_code

# The worked example commonly cited for GB 32100-2015, whose check character is 3.
REAL_CODES = ["91350100M000100Y43"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_pass(code):
    validate_credit_code(code)


def test_generated_code_passes_and_each_wrong_check_char_fails():
    code = make_credit_code("11430200000000001")
    validate_credit_code(code)
    for wrong in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if wrong != code[-1]:
            with pytest.raises(ValidationError, match="校验位"):
                validate_credit_code(code[:-1] + wrong)


@pytest.mark.parametrize(
    "code", ["", "123", "11430200000000001", "1143020000000000I1", "11430200000000000000", "1143020000000000o1"]
)
def test_malformed_credit_codes_fail_with_chinese_message(code):
    with pytest.raises(ValidationError, match="统一社会信用代码"):
        validate_credit_code(code)


@pytest.mark.parametrize("code", ["4302000001", "bm07000001"])
def test_site_codes_pass(code):
    validate_site_code(code)


@pytest.mark.parametrize("code", ["430200001", "43020000012", "bm0700001", "BM07000001", "43020000a1"])
def test_bad_site_codes_fail(code):
    with pytest.raises(ValidationError, match="网站标识码"):
        validate_site_code(code)


def test_colour():
    validate_hex_colour("#b5121b")
    with pytest.raises(ValidationError):
        validate_hex_colour("red")
