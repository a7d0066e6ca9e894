"""Load the demo applications' subjects and applicant organisations (``../data/applications.toml``) and write the
reply texts — each citing the article of the 政府信息公开条例 its outcome rests on (no database access)."""

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from openinfo.applications.enums import OrganisationType, Outcome
from sites.enums import SiteKind

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "applications.toml"
DEFAULT_GROUP = "default"


@dataclass(frozen=True)
class Subject:
    title: str
    description: str
    kinds: tuple[str, ...]
    group: str | None = None
    unit: str = ""


@cache
def _file() -> dict:
    try:
        return tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ImproperlyConfigured(f"{DATA_FILE.name}: {exc}") from exc


@cache
def subjects() -> tuple[Subject, ...]:
    loaded = []
    for raw in _file()["subjects"]:
        unknown = set(raw) - set(Subject.__dataclass_fields__)
        kinds = tuple(raw.get("kinds", ()))
        if unknown or not kinds or set(kinds) - set(SiteKind.values) or not raw.get("title"):
            raise ImproperlyConfigured(f"{DATA_FILE.name}: bad subject {raw.get('title')!r}")
        loaded.append(Subject(**{**raw, "kinds": kinds}))
    return tuple(loaded)


def subjects_for(kind: str, group: str, unit: str) -> list[Subject]:
    """What a site may be asked: its kind's subjects of its group; a department only its own unit's or general
    ones; a portal also its departments' (it transfers those)."""
    return [
        s
        for s in subjects()
        if kind in s.kinds and s.group in (None, group) and (not s.unit or kind == SiteKind.CITY or s.unit == unit)
    ]


@cache
def organisations(group: str) -> dict[str, tuple[str, ...]]:
    table = _file()["organisations"]
    names = table.get(group) or table[DEFAULT_GROUP]
    if set(names) != set(OrganisationType.values):
        raise ImproperlyConfigured(f"{DATA_FILE.name}: organisations.{group} must list {OrganisationType.values}")
    return {kind: tuple(values) for kind, values in names.items()}


def render(subject: Subject, *, site: str, org: str, year: int) -> Subject:
    """The subject as one site's applicant writes it (placeholders filled)."""
    values = {"site": site, "org": org, "year": year}
    return Subject(
        subject.title.format(**values), subject.description.format(**values), subject.kinds, subject.group, subject.unit
    )


REPLIES = {
    Outcome.DISCLOSED: (
        "经审查，您申请获取的“{title}”属于可以公开的政府信息。根据《中华人民共和国政府信"
        "息公开条例》第三十六条第（二）项的规定，现按您要求的方式提供给您。"
    ),
    "already_public": (
        "您申请获取的“{title}”已经主动公开。根据《中华人民共和国政府信息公开条例》第三十"
        "六条第（一）项的规定，您可以在{org}门户网站“政府信息公开”专栏查阅获取。"
    ),
    Outcome.PARTIAL: (
        "经审查，您申请获取的信息中部分内容涉及第三方商业秘密，经书面征求第三方意见，第三方不同意"
        "公开。根据《中华人民共和国政府信息公开条例》第十五条、第三十七条的规定，本机关对可以公开"
        "的部分予以提供，对涉及商业秘密的报价明细作区分处理，不予公开。"
    ),
    Outcome.WITHHELD_PROCESS: (
        "您申请获取的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿。根据《中华人"
        "民共和国政府信息公开条例》第十六条第二款的规定，本机关不予公开。"
    ),
    Outcome.WITHHELD_ENFORCEMENT: (
        "您申请获取的调查笔录属于行政执法案卷信息。根据《中华人民共和国政府信息公开条例》第十六条"
        "第二款的规定，本机关不予公开；作为被处罚人，您可依照《中华人民共和国行政处罚法》的规定申"
        "请查阅案卷。"
    ),
    Outcome.WITHHELD_INTERNAL: (
        "您申请获取的信息属于本机关的内部事务信息（内部管理流程）。根据《中华人民共和国政府信息公"
        "开条例》第十六条第一款的规定，本机关不予公开。"
    ),
    Outcome.UNAVAILABLE_NOT_HELD: (
        "经检索，本机关未制作、获取您申请的信息。根据《中华人民共和国政府信息公开条例》第三十六条"
        "第（五）项的规定，告知您该信息由{organ}负责公开，联系电话：{contact}。本"
        "机关已将您的申请转送该机关办理。"
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (
        "您申请获取的信息需要本机关对现有信息进行加工、分析后另行制作。根据《中华人民共和国政府信"
        "息公开条例》第三十八条的规定，本机关不予提供。"
    ),
    Outcome.NOT_PROCESSED_REPEAT: (
        "您本次提出的申请与此前已获答复的申请内容相同。根据《中华人民共和国政府信息公开条例》第三"
        "十六条第（六）项的规定，本机关不再重复处理。"
    ),
    Outcome.NOT_PROCESSED_PETITION: (
        "您的申请实质为投诉举报。根据《中华人民共和国政府信息公开条例》第三十九条第一款的规定，请"
        "您通过信访、投诉举报渠道提出，本机关不作为政府信息公开申请处理。"
    ),
    Outcome.OTHER_NO_SUPPLEMENT: (
        "本机关已向您发出补正通知，您无正当理由逾期未补正。根据《中华人民共和国政府信息公开条例》"
        "第三十条的规定，视为您放弃申请，本机关不再处理。"
    ),
    Outcome.OTHER_FEE_UNPAID: (
        "本机关已向您发出收费通知，您逾期未缴纳信息处理费。根据《政府信息公开信息处理费管理办法》"
        "（国办函〔2020〕109号）的规定，本机关不再处理您的申请。"
    ),
}


def reply_text(key: str, app, facts) -> str:
    return REPLIES[key].format(
        title=app.subject.title,
        org=facts.org,
        organ=app.responsible_organ,
        contact=app.responsible_organ_contact,
    )
