"""Personal data in a citizen's message and its reply: found before publication and masked in the public copy.

个人信息保护法 Art. 28 counts ID numbers, bank accounts and whereabouts as sensitive personal data, and a reply
published on a government site must not disclose a person's data (政府信息公开条例 Art. 15; GB/T 35273 去标识化).
The detector works on plain Chinese text as citizens write it; full-width digits and letters (１３８…, ＠) are
read as their ASCII forms. What it finds, and how the public copy shows it:

- 身份证号码: 18 digits (or 17 + X) with a real birth date and the right check character (GB 11643-1999,
  ISO 7064 MOD 11-2); old 15-digit numbers with a real 19xx date; one space may separate the groups.
  Shown ``430************123`` (3 + 3 kept).
- 银行卡号: 16–19 digits starting 62 (UnionPay), 4 or 51–55 that pass the Luhn check; groups of four may be
  separated. Shown ``6222********1234``.
- 手机号码: ``1[3-9]`` + 9 digits, also with ``+86``/``0086``/``(86)`` in front and spaces or dashes between
  3-4-4; the writer's own number also with any separators. Shown ``138****8000``.
- 固定电话: area code ``010``/``02x``/``0xxx`` (brackets allowed) and a 7–8 digit number starting 2–8, with
  an extension (``-``, 转, 分机, ext); or a 7–8 digit number right after 电话/座机/固话/联系方式/tel.
  Shown ``0731-****0000`` (the area code names a city, not a person).
- 电子邮箱: ``local@domain.tld``. Shown ``z***@example.com``.
- QQ/微信号: the number or ID right after QQ/微信/微信号/vx. Shown ``1***``.
- 住址: a house number on a road (…路/街/巷/弄/道/大道/大街/胡同 + number + 号, and the 栋/幢/号楼/单元/
  楼/层/室 after it); a building with its unit, floor or room (3栋2单元501室, 5幢302); a room number of 3–4
  digits + 室; a village group (…村3组, …村民小组). Every number in it shown ``**``: ``建设路**号**栋**单元**室``.
- 姓名: the writer's own name (two characters or more) wherever it is repeated. Shown ``张**``.

Deliberately left alone, because they are not personal and the public needs them: hotline and service numbers
of 3–6 digits (12345, 12333, 110), dates (2024-03-15, 20240315), amounts, 文号 (株政发〔2024〕12号), an
18-digit number whose check character is wrong, 11-digit numbers that do not start 13–19, a lone building
number (7栋、8栋一带) and, through ``keep``, the site's own published contact numbers and e-mail address.

Limits (staff see every finding highlighted and correct the public copy before or after publication):
other people's names, licence plates, 统一社会信用代码 of a one-person business, and addresses written without
a house number (建设路口, 幸福小区) are not found; a number in an unusual grouping (138.0013.8000) is found only
when it is the writer's own; a road-like word before a number (“知道3号”) is excluded for the common verbs, but
another such phrase may be masked where it was harmless. A highlighted address may start a few characters
before the road's name; only the numbers in it are masked.
"""

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from core.text import mask_name

from .enums import PersonalDataKind as Kind

# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space read as ASCII: one character for one, so spans found
# in the translated text are spans of the original.
HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
BEFORE = r"(?<![0-9A-Za-z])"  # not inside a longer number or code
AFTER = r"(?![0-9A-Za-z])"
CN_NUMERAL = "[零〇一二两三四五六七八九十百]"
NUMBER = rf"(?:[0-9]+(?:-[0-9]+)?|{CN_NUMERAL}+)"
BUILDING_NUMBER = rf"(?:{NUMBER}|[A-Za-z])"
# “道” ends a road name (柳叶大道, 金盆岭道) but also words followed by a day: 知道3号, 报道, 渠道, 街道 …
ROAD = r"[\u4e00-\u9fff]{1,4}(?:大道|大街|胡同|路|街|巷|弄|(?<![知报渠频难味轨通赛车跑管隧行港坑索栈水街])道)"
SECTION = "(?:[东南西北中一二三四五六七八九十]?段)?"  # 人民路二段
ADDRESS_PART = rf"{BUILDING_NUMBER} ?(?:号楼|栋|幢|座|单元|楼|层|室|号|户|房)"
ROOM = r"[0-9]{2,5} ?(?:室|房|号|户)?"

MONTH_DAY = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
LOCAL_NUMBER = r"[2-8][0-9]{2,3}[ -]?[0-9]{4}"  # 7–8 digits, maybe split 3-4 or 4-4
AREA_CODE = r"(?:\(0(?:10|2[0-9]|[3-9][0-9]{2})\)|0(?:10|2[0-9]|[3-9][0-9]{2}))"
AREA_CODE_RE = re.compile(AREA_CODE)


@dataclass(frozen=True)
class Pattern:
    kind: Kind
    regex: re.Pattern
    # True when a keyword leads to the value (QQ：…, 电话：…): the finding is the value alone.
    value_only: bool = False


def _p(kind: Kind, regex: str, value_only: bool = False) -> Pattern:
    return Pattern(kind, re.compile(regex), value_only)


# In order of precedence: a span taken by one is not looked at by the next.
PATTERNS = [
    _p(
        Kind.ID_CARD,
        rf"{BEFORE}[1-8][0-9]{{5}} ?(?:18|19|20)[0-9]{{2}}{MONTH_DAY} ?[0-9]{{3}}[0-9Xx]{AFTER}",
    ),
    _p(Kind.ID_CARD, rf"{BEFORE}[1-8][0-9]{{7}}{MONTH_DAY}[0-9]{{3}}{AFTER}"),
    _p(Kind.BANK_CARD, rf"{BEFORE}(?:62|4[0-9]|5[1-5])[0-9]{{2}}(?:[ -]?[0-9]{{4}}){{3}}(?:[ -]?[0-9]{{1,3}})?{AFTER}"),
    _p(
        Kind.MOBILE, rf"{BEFORE}(?:(?:\+|00)?86[ -]?|\(\+?86\) ?)?(?P<value>1[3-9][0-9](?:[ -]?[0-9]{{4}}){{2}}){AFTER}"
    ),
    _p(
        Kind.LANDLINE,
        rf"{BEFORE}(?P<value>{AREA_CODE} ?-? ?{LOCAL_NUMBER})(?: ?(?:-|转|分机|ext\.?|x) ?[0-9]{{1,6}})?{AFTER}",
    ),
    _p(Kind.LANDLINE, rf"(?:电话|座机|固话|联系方式|tel|Tel|TEL)(?:号码)?:? ?(?P<value>{LOCAL_NUMBER}){AFTER}", True),
    _p(Kind.EMAIL, r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
    _p(Kind.ACCOUNT, rf"(?:QQ|qq|Qq)(?:号码|号)?:? ?(?P<value>[1-9][0-9]{{4,11}}){AFTER}", True),
    _p(
        Kind.ACCOUNT,
        rf"(?:微信|wechat|WeChat|weixin|vx|VX)(?:号)?:? ?(?P<value>[A-Za-z][-_A-Za-z0-9]{{5,19}}){AFTER}",
        True,
    ),
    _p(
        Kind.ADDRESS,
        rf"{ROAD}{SECTION} ?{NUMBER} ?号院?(?: ?,? ?{ADDRESS_PART})*(?: ?[0-9]{{3,4}}{AFTER})?",
    ),
    _p(
        Kind.ADDRESS,
        rf"{BEFORE}{BUILDING_NUMBER} ?(?:号楼|栋|幢|座) ?(?:{NUMBER} ?单元 ?(?:{NUMBER} ?(?:楼|层) ?)?(?:{ROOM})?"
        rf"|{NUMBER} ?(?:楼|层) ?(?:{ROOM})?|{ROOM})",
    ),
    _p(Kind.ADDRESS, rf"{BEFORE}[0-9]{{3,4}} ?室"),
    _p(Kind.ADDRESS, rf"[\u4e00-\u9fff]{{1,6}}(?:村|社区) ?第?{NUMBER} ?(?:村民小组|组)"),
]
# Words that lead to an address (住在建设路…): not part of the highlighted address.
ADDRESS_LEAD_IN_RE = re.compile(r"(?:我家|家住|住在|住址|地址|位于|居住|在|住|于|是|到|的)+")
# In a found address, the numbers that are masked: those before a unit word, and a bare room number at the end.
ADDRESS_NUMBER_RE = re.compile(rf"{BUILDING_NUMBER}(?= ?(?:号|栋|幢|座|单元|楼|层|室|户|房|组|村民小组))|[0-9]+$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
SEPARATORS = "[ .\\-·_/]{0,2}"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int
    text: str
    masked: str

    @property
    def label(self) -> str:
        return Kind(self.kind).label


def id_check_character(first17: str) -> str:
    """The 18th character of a resident ID number (GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits)."""
    return ID_CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_resident_id(value: str) -> bool:
    """A 18-character resident ID number with a real birth date and the right check character, or an old
    15-digit one (born 19xx, no check character)."""
    digits = value.replace(" ", "").upper()
    if len(digits) == 15:
        birth = "19" + digits[6:12]
    elif len(digits) == 18:
        birth = digits[6:14]
        if not digits[:17].isdigit() or id_check_character(digits[:17]) != digits[17]:
            return False
    else:
        return False
    try:
        day = datetime.date(int(birth[:4]), int(birth[4:6]), int(birth[6:8]))
    except ValueError:
        return False
    return day <= datetime.date.today()


def passes_luhn(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _mask_digits(text: str, head: int, tail: int) -> str:
    """Star every digit (and X) of ``text`` but the first ``head`` and last ``tail``; separators stay."""
    positions = [i for i, ch in enumerate(text) if ch.isdigit() or ch in "Xx"]
    hidden = set(positions[head : len(positions) - tail])
    return "".join("*" if i in hidden else ch for i, ch in enumerate(text))


def _masked(kind: Kind, original: str, shadow: str, value: tuple[int, int]) -> str:
    """How a found span reads in the public copy. ``shadow`` is the span with full-width characters read as
    ASCII (same length), ``value`` the number's own span within it (a mobile's, without +86)."""
    start, end = value
    if kind in (Kind.ID_CARD, Kind.BANK_CARD, Kind.MOBILE, Kind.LANDLINE):
        if kind == Kind.ID_CARD:
            starred = _mask_digits(shadow, 3, 3)
        elif kind == Kind.BANK_CARD:
            starred = _mask_digits(shadow, 4, 4)
        elif kind == Kind.MOBILE:
            starred = shadow[:start] + _mask_digits(shadow[start:end], 3, 4) + shadow[end:]
        else:  # the area code stays: it names a city, not a person
            number = shadow[start:end]
            area = AREA_CODE_RE.match(number)
            cut = area.end() if area else 0
            starred = shadow[:start] + number[:cut] + _mask_digits(number[cut:], 0, 4) + shadow[end:]
        return "".join("*" if s == "*" else o for s, o in zip(starred, original, strict=True))
    if kind == Kind.EMAIL:
        return original[:1] + "***" + original[shadow.index("@") :]
    if kind == Kind.ACCOUNT:
        return original[: start + 1] + "***" + original[end:]
    out, position = [], 0  # an address: each of its numbers becomes **
    for match in ADDRESS_NUMBER_RE.finditer(shadow):
        out += [original[position : match.start()], "**"]
        position = match.end()
    return "".join(out) + original[position:]


def _valid(kind: Kind, text: str) -> bool:
    digits = re.sub(r"[^0-9Xx]", "", text)
    if kind == Kind.ID_CARD:
        return is_resident_id(digits)
    if kind == Kind.BANK_CARD:
        return len(digits) in range(16, 20) and passes_luhn(digits)
    return True


@dataclass(frozen=True)
class Keep:
    """Contact details that are published anyway (the site's own phone numbers and e-mail address)."""

    numbers: frozenset[str] = frozenset()
    emails: frozenset[str] = frozenset()

    @classmethod
    def of(cls, values: Iterable[str]) -> "Keep":
        numbers, emails = set(), set()
        for value in values:
            value = (value or "").translate(HALF_WIDTH)
            emails.update(e.lower() for e in re.findall(r"[^\s,;，；、]+@[^\s,;，；、]+", value))
            numbers.update(re.sub(r"\D", "", n) for n in re.findall(r"[0-9][0-9 ()\-]{5,}[0-9]", value))
        return cls(frozenset(n for n in numbers if len(n) >= 7), frozenset(emails))

    def covers(self, kind: Kind, value: str) -> bool:
        if kind == Kind.EMAIL:
            return value.lower() in self.emails
        if kind in (Kind.MOBILE, Kind.LANDLINE):
            digits = re.sub(r"\D", "", value)
            return any(k.endswith(digits) or digits.endswith(k) for k in self.numbers) if len(digits) >= 7 else False
        return False


def _names(names: Iterable[str]) -> set[str]:
    # One-character names are too common to look for in text.
    return {n.strip() for n in names if n and len(n.strip()) >= 2}


def find(text: str, *, names: Iterable[str] = (), known: Iterable[str] = (), keep: Iterable[str] = ()) -> list[Finding]:
    """Personal data in ``text``, in order, spans not overlapping. ``names``: the writer's name(s), masked
    wherever repeated; ``known``: the writer's own phone numbers, found whatever the separators; ``keep``: public
    contact numbers and e-mail addresses that are not personal data (the site's own)."""
    text = text or ""
    shadow = text.translate(HALF_WIDTH)
    public = Keep.of(keep)
    found: list[Finding] = []

    def add(kind: Kind, start: int, end: int, value: tuple[int, int]) -> None:
        if not any(start < f.end and f.start < end for f in found):
            masked = _masked(kind, text[start:end], shadow[start:end], (value[0] - start, value[1] - start))
            found.append(Finding(kind, start, end, text[start:end], masked))

    for number in known:
        digits = re.sub(r"\D", "", number or "")
        if len(digits) >= 7:
            for match in re.finditer(BEFORE + SEPARATORS.join(digits) + AFTER, shadow):
                add(Kind.MOBILE, *match.span(), match.span())
    for pattern in PATTERNS:
        for match in pattern.regex.finditer(shadow):
            start, end = match.span("value") if pattern.value_only else match.span()
            value = match.span("value") if "value" in pattern.regex.groupindex else (start, end)
            if not _valid(pattern.kind, shadow[start:end]) or public.covers(pattern.kind, shadow[slice(*value)]):
                continue
            if pattern.kind == Kind.ADDRESS and (lead_in := ADDRESS_LEAD_IN_RE.match(shadow, start, end)):
                start = lead_in.end()
                value = (start, end)
            add(pattern.kind, start, end, value)
    for name in _names(names):
        for match in re.finditer(re.escape(name), text):
            # A name inside a found address is masked within it (apply) and not listed twice.
            if not any(match.start() < f.end and f.start < match.end() for f in found):
                found.append(Finding(Kind.NAME, match.start(), match.end(), name, mask_name(name)))
    return sorted(found, key=lambda f: f.start)


def redact(text: str, **context) -> str:
    """``text`` as the public may read it: every finding replaced by its masked form (``find``'s arguments)."""
    return apply(text, find(text, **context), names=context.get("names", ()))


def apply(text: str, findings: list[Finding], *, names: Iterable[str] = ()) -> str:
    """Replace ``findings`` in ``text``. Names inside an address are masked too: a masked name keeps its length,
    so the address is masked again from the text with the names already masked."""
    named = text or ""
    for name in _names(names):
        named = named.replace(name, mask_name(name))
    shadow = named.translate(HALF_WIDTH)
    out, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        start, end = finding.start, finding.end
        out.append(named[position:start])
        if finding.kind == Kind.ADDRESS:
            out.append(_masked(Kind.ADDRESS, named[start:end], shadow[start:end], (0, 0)))
        else:
            out.append(finding.masked)
        position = end
    out.append(named[position:])
    return "".join(out)


def segments(text: str, findings: list[Finding]) -> list[tuple[str, Finding | None]]:
    """``text`` cut into plain parts and findings, in order (for highlighting)."""
    parts, position = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start > position:
            parts.append((text[position : finding.start], None))
        parts.append((finding.text, finding))
        position = finding.end
    if position < len(text or ""):
        parts.append((text[position:], None))
    return parts


def summary(findings: Iterable[Finding]) -> str:
    """E.g. “手机号码 2 处、身份证号码 1 处”, in the order of PersonalDataKind."""
    counts = Counter(f.kind for f in findings)
    return "、".join(f"{kind.label} {counts[kind]} 处" for kind in Kind if counts[kind])
