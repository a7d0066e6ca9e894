"""政府信息公开指南 (政府信息公开条例, 2019 revision, Art. 12): what the guide must say, and where each element comes
from when the organ has not written it.

Art. 12 (gov-standards.md §1.2, wording unverified): the guide covers the classification and arrangement of the
information, how to obtain it, and the disclosure office's name, address, office hours, phone, fax and internet
contact. The page also states what the statute fixes for every organ — the reply periods (Art. 33), fees (Art. 42,
国办函〔2020〕109号) and remedies (Art. 51) — so those texts default to the statute and stay editable.

Fallbacks, in order: the page's own field, then the site's data (SiteSettings: 承办单位, 联系地址, 邮政编码, 联系电话,
电子邮箱; SiteProfile: 机构名称 and the parent organ), then nothing — an element with no value is left out.
"""

from dataclasses import dataclass

from .applications.deadlines import MAX_EXTENSION_WORKING_DAYS, REPLY_WORKING_DAYS
from .applications.fees import FREE_ITEMS

# Default texts of the statutory sections. {org} is the organ, {office} its disclosure office, {superior} the
# organ one level up (or the generic words when the site has no parent organ).
DEFAULT_TEXTS = {
    "classification": (
        "{org}主动公开的政府信息按《条例》第二十条、第二十一条列明的法定主动公开内容分类编排，"
        "每条信息标明索引号、信息名称、发布机构、成文日期、发布日期和内容概述，可按信息类别、主题分类、年份和关键词检索、查阅、下载。"
        "属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内予以公开（《条例》第二十六条）。"
    ),
    "application": (
        "公民、法人或者其他组织可以向{org}申请获取政府信息（《条例》第二十七条）。"
        "申请应当采用包括信件、数据电文在内的书面形式，可以通过本网站在线提交，也可以以信函、传真或者当面递交的方式提交；"
        "采用书面形式确有困难的，可以口头提出，由{office}代为填写申请。"
        "申请内容包括申请人的姓名或者名称、身份证明、联系方式，申请公开的政府信息的名称、文号或者便于查询的其他特征性描述，"
        "以及获取信息的方式、途径（《条例》第二十九条）。"
    ),
    "periods": (
        "能够当场答复的，当场予以答复；不能当场答复的，自收到申请之日起{reply}个工作日内予以答复；"
        "需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过{extension}个工作日"
        "（《条例》第三十三条）。征求第三方和其他机关意见所需时间不计算在前述期限内。"
        "申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正，答复期限自收到补正的申请之日起计算（《条例》第三十条）。"
    ),
    "fees": (
        "依申请提供政府信息，不收取费用；申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费"
        "（《条例》第四十二条）。信息处理费按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）按件或者按量计收，"
        "同一申请只采用一种方式：按件计收的，同一申请人一个自然月内累计申请{free_items}件以下（含）不收费；"
        "按量计收的，30页以下（含）不收费。"
    ),
    "remedies": (
        "公民、法人或者其他组织认为{org}在政府信息公开工作中侵犯其合法权益的，可以向{superior}投诉、举报，"
        "也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。"
    ),
}

SECTION_HEADINGS = {
    "classification": "主动公开的信息分类与编排",
    "application": "依申请公开",
    "periods": "办理期限",
    "fees": "收费",
    "remedies": "监督和救济",
}


@dataclass(frozen=True)
class Contact:
    label: str
    value: str
    kind: str = "text"  # "text", "phone", "email"


def default_texts(org: str, office: str, superior: str) -> dict[str, str]:
    values = {
        "org": org,
        "office": office,
        "superior": superior,
        "reply": REPLY_WORKING_DAYS,
        "extension": MAX_EXTENSION_WORKING_DAYS,
        "free_items": FREE_ITEMS,
    }
    return {key: text.format(**values) for key, text in DEFAULT_TEXTS.items()}


def superior_of(profile) -> str:
    """Where Art. 51 complaints go: the organ one level up (the parent site's organisation) and the disclosure
    authority; a site without a parent names them generically."""
    parent = getattr(profile, "parent", None)
    if parent is not None:
        return f"{parent.org_name}或者政府信息公开工作主管部门"
    return "上一级行政机关或者政府信息公开工作主管部门"


def first(*values) -> str:
    """The first non-blank value, stripped ("" when none)."""
    for value in values:
        if value and str(value).strip():
            return str(value).strip()
    return ""


DEFAULT_INTRO = (
    "为便于公民、法人和其他组织获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条，"
    "{org}编制本指南，并根据情况变化及时更新。"
)
