"""The personal-data detector and the masks of the public copy (interaction/redaction.py), on text as citizens
write it. Expected outputs are written out by hand."""

import pytest

from interaction.enums import PersonalDataKind as Kind
from interaction.redaction import find, id_check_character, is_resident_id, redact, segments, summary

# The examples printed in GB 11643-1999 (check characters X and 4), and a Hunan number made for these tests.
STANDARD_IDS = ("11010519491231002X", "440524188001010014", "430102199003071234")


class TestResidentIdNumbers:
    @pytest.mark.parametrize("number", STANDARD_IDS)
    def test_valid_check_characters(self, number):
        assert is_resident_id(number) and id_check_character(number[:17]) == number[17]

    @pytest.mark.parametrize(
        "number",
        [
            "110105194912310021",  # check character should be X
            "440524188001010015",  # should be 4
            "430102199002301234",  # 30 February
            "430102209901011236",  # born in the future
            "43010219900307123",  # 17 digits
        ],
    )
    def test_invalid_numbers_are_not_resident_ids(self, number):
        assert not is_resident_id(number)

    def test_a_valid_number_is_masked_and_an_invalid_one_left_alone(self):
        text = "身份证号11010519491231002X，另一个号码110105194912310021是订单号。"
        assert [(f.kind, f.text) for f in find(text)] == [(Kind.ID_CARD, "11010519491231002X")]
        assert redact(text) == "身份证号110************02X，另一个号码110105194912310021是订单号。"

    def test_lower_case_x_spaces_and_old_fifteen_digit_numbers(self):
        assert redact("身份证：11010519491231002x") == "身份证：110************02x"
        assert redact("身份证 430102 19900307 1234 号") == "身份证 430*** ******** *234 号"
        assert redact("老身份证430102900307123") == "老身份证430*********123"
        assert redact("编号430102901307123") == "编号430102901307123"  # month 13: not an ID


class TestPhoneNumbers:
    @pytest.mark.parametrize(
        ("text", "public"),
        [
            ("手机13800138000", "手机138****8000"),
            ("电话 138 0013 8000。", "电话 138 **** 8000。"),
            ("打138-0013-8000", "打138-****-8000"),
            ("+86 13800138000", "+86 138****8000"),
            ("+8613800138000", "+86138****8000"),
            ("（86）13912345678", "（86）139****5678"),
            ("全角１３８００１３８０００", "全角１３８****８０００"),
        ],
    )
    def test_mobile_numbers(self, text, public):
        assert [f.kind for f in find(text)] == [Kind.MOBILE]
        assert redact(text) == public

    @pytest.mark.parametrize(
        ("text", "public"),
        [
            ("电话0731-28680000", "电话0731-****0000"),
            ("座机（0731）2868 0000", "座机（0731）**** 0000"),
            ("北京010-62345678转123", "北京010-****5678转123"),
            ("073128680000", "0731****0000"),
            ("020-8765432", "020-***5432"),
            ("联系电话：28680000", "联系电话：****0000"),
            ("tel 2868000", "tel ***8000"),
        ],
    )
    def test_landline_numbers(self, text, public):
        assert [f.kind for f in find(text)] == [Kind.LANDLINE]
        assert redact(text) == public

    def test_the_writers_own_number_is_found_whatever_the_separators(self):
        text = "号码是138.1234.5678，也可以打 1 3 8 1 2 3 4 5 6 7 8"
        assert redact(text) == "号码是138.1234.5678，也可以打 1 3 8 1 2 3 4 5 6 7 8"
        assert redact(text, known=["13812345678"]) == "号码是138.****.5678，也可以打 1 3 8 * * * * 5 6 7 8"

    def test_the_sites_own_contact_number_and_email_are_kept(self):
        text = "请致电0731-28680000或发邮件至zxts@zhuzhou.gov.cn，也可拨打13800138000。"
        keep = ["（0731）28680000、12345", "zxts@zhuzhou.gov.cn"]
        assert redact(text, keep=keep) == "请致电0731-28680000或发邮件至zxts@zhuzhou.gov.cn，也可拨打138****8000。"
        assert redact("座机28680000", keep=keep) == "座机28680000"  # the same number without its area code


class TestOtherKinds:
    def test_email_qq_wechat_and_bank_card(self):
        text = "邮箱zhang.san@163.com，QQ：123456789，微信号：zhangsan_1990，工资卡6222 0212 3456 7890 128。"
        assert [f.kind for f in find(text)] == [Kind.EMAIL, Kind.ACCOUNT, Kind.ACCOUNT, Kind.BANK_CARD]
        assert redact(text) == "邮箱z***@163.com，QQ：1***，微信号：z***，工资卡6222 **** **** ***0 128。"

    def test_a_bank_card_must_pass_the_luhn_check(self):
        assert redact("卡号6222021234567890128") == "卡号6222***********0128"
        assert redact("单号6222021234567890127") == "单号6222021234567890127"

    @pytest.mark.parametrize(
        ("text", "public", "found"),
        [
            ("我家住在建设路12号", "我家住在建设路**号", "建设路12号"),
            ("住址：建设北路12号3栋2单元501室", "住址：建设北路**号**栋**单元**室", "建设北路12号3栋2单元501室"),
            ("幸福小区5幢302有噪音", "幸福小区**幢**有噪音", "5幢302"),
            ("书香名苑3号楼2单元", "书香名苑**号楼**单元", "3号楼2单元"),
            ("神农大道88号院", "神农大道**号院", "神农大道88号院"),
            ("人民路二段18号", "人民路二段**号", "人民路二段18号"),
            ("我住1201室", "我住**室", "1201室"),
            ("李家村5组", "李家村**组", "李家村5组"),
            ("十里冲村三组的村民", "十里冲村**组的村民", "十里冲村三组"),
            ("建设路１２号", "建设路**号", "建设路１２号"),
        ],
    )
    def test_addresses(self, text, public, found):
        assert [(f.kind, f.text) for f in find(text)] == [(Kind.ADDRESS, found)]
        assert redact(text) == public

    def test_the_writers_name_is_masked_wherever_it_is_repeated_also_inside_an_address(self):
        text = "我叫张三丰。张三丰家在张三丰路12号"
        assert redact(text, names=["张三丰"]) == "我叫张**。张**家在张**路**号"
        assert redact("王五反映", names=["王"]) == "王五反映"  # one-character names are not looked for


@pytest.mark.parametrize(
    "text",
    [
        "请拨打12345热线或12333社保咨询电话，报警110。",
        "根据株政发〔2024〕12号文件和国办秘函〔2019〕19号的要求。",
        "2024-03-15、2024年3月15日、20240315、2024/03/15 10:30 均已受理。",
        "补贴金额13800元，合计1,380,000.00元，面积138平方米。",
        "小区有7栋、8栋两栋楼，房子是3室2厅，在3号线地铁站旁，坐12路公交。",
        "我知道3号要停水，报道说5号恢复，渠道2号也一样。",
        "统一社会信用代码91430200MA4L0XXXX1，项目编号ZZ2024-0015，邮编412000。",
        "受理编号 110105194912310021 查询",  # 18 digits with a wrong check character
        "订单号 12800138000 和 10086",  # 11 digits not starting 13–19
    ],
)
def test_numbers_that_are_not_personal_are_kept(text):
    assert find(text) == [] and redact(text) == text


def test_segments_and_summary_for_highlighting():
    text = "电话13800138000，住建设路12号。"
    found = find(text)
    assert [(part, f.kind if f else None) for part, f in segments(text, found)] == [
        ("电话", None),
        ("13800138000", Kind.MOBILE),
        ("，住", None),
        ("建设路12号", Kind.ADDRESS),
        ("。", None),
    ]
    assert summary(found) == "手机号码 1 处、住址 1 处"
    assert redact("") == "" and find("") == []
