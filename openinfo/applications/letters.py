"""The letters to the applicant: 告知书 of the reply (one per Table 3 outcome group, Art. 36), 补正通知书 (Art. 30),
延期答复通知书 (Art. 33), 信息处理费缴费通知书 (Art. 42) and 第三方意见征询函 (Arts. 32, 34).

Each kind has a default text here; a site's staff may replace it with their own (LetterTemplate, admin 政府信息公开
→ 文书模板). Texts use placeholders in braces — ``{机关名称}``, ``{申请人}``, … (PLACEHOLDERS) — filled from the
SiteProfile and SiteSettings, the application, its events and fee. An unknown placeholder is refused when the
template is saved. Letters are generated as DOCX (python-docx) and PDF (fpdf2 with a CJK TrueType font found on
the machine: settings.OPENINFO_LETTER_FONT or the fonts in FONT_CANDIDATES; without one, PDF is unavailable and
the admin says so — nothing is ever downloaded).
"""

import io
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .enums import OUTCOME_GROUP, REPLY_LETTER, EventKind, LetterKind

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",  # Debian/Ubuntu: fonts-wqy-microhei
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",  # fonts-noto-cjk
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",  # Fedora/RHEL
)
PLACEHOLDER = re.compile(r"\{([^{}\s]{1,20})\}")
PLACEHOLDERS = {
    "机关名称": "受理机关名称",
    "机关地址": "受理机关地址（网站设置）",
    "机关邮编": "受理机关邮政编码",
    "机关电话": "受理机关联系电话",
    "申请人": "申请人姓名或名称",
    "查询码": "申请的查询码",
    "收到日期": "收到申请日期",
    "所需信息": "所需信息的名称或内容描述",
    "办理结果": "办理结果（告知书）",
    "答复内容": "答复内容及理由（告知书）",
    "负责机关": "负责公开该信息的机关（无法提供：本机关不掌握）",
    "负责机关联系方式": "该机关的联系方式",
    "补正事项": "需要补正的事项",
    "补正期限": "补正期限",
    "延长天数": "延长的工作日数",
    "延期理由": "延期理由",
    "答复期限": "答复期限",
    "收费方式": "按件计收或按量计收",
    "收费数量": "件数或页数",
    "收费金额": "应缴金额（元）",
    "缴费期限": "缴费期限",
    "征求对象": "被征求意见的第三方或机关",
    "征求期限": "提出意见的期限",
    "日期": "文书日期",
}

REMEDY = (
    "如对本{文书}不服，可以自收到之日起六十日内依法申请行政复议，或者自收到之日起六个月内依法向人民法院提起行政诉讼。"
)
_REPLY = "{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（查询码：{查询码}），申请获取“{所需信息}”。"
DEFAULT_TEXTS = {
    LetterKind.REPLY_DISCLOSED: _REPLY
    + "\n经审查，您申请获取的政府信息属于公开范围，现予以公开。{答复内容}\n"
    + REMEDY.format(文书="答复"),
    LetterKind.REPLY_PARTIAL: _REPLY
    + "\n经审查，您申请获取的政府信息部分可以公开，现提供可以公开的部分；其余部分不予公开，理由如下：{答复内容}\n"
    + REMEDY.format(文书="答复"),
    LetterKind.REPLY_WITHHELD: _REPLY + "\n经审查，{办理结果}。理由及依据：{答复内容}\n" + REMEDY.format(文书="答复"),
    LetterKind.REPLY_UNAVAILABLE: _REPLY
    + "\n经审查，{办理结果}。{答复内容}\n负责公开该信息的机关：{负责机关}，联系方式：{负责机关联系方式}。\n"
    + REMEDY.format(文书="答复"),
    LetterKind.REPLY_NOT_PROCESSED: _REPLY + "\n经审查，{办理结果}。理由：{答复内容}\n" + REMEDY.format(文书="告知"),
    LetterKind.REPLY_OTHER: _REPLY + "\n{办理结果}。{答复内容}\n" + REMEDY.format(文书="告知"),
    LetterKind.SUPPLEMENT: "{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（查询码：{查询码}）。"
    "经审查，您的申请内容不明确，根据《中华人民共和国政府信息公开条例》第三十条，请您对以下事项作出补正：\n"
    "{补正事项}\n请于{补正期限}前补正。答复期限自本机关收到补正的申请之日起计算；"
    "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。",
    LetterKind.EXTENSION: "{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（查询码：{查询码}）。"
    "因{延期理由}，不能在规定期限内答复。根据《中华人民共和国政府信息公开条例》第三十三条，经本机关政府信息公开"
    "工作机构负责人同意，答复期限延长{延长天数}个工作日，延长后的答复期限为{答复期限}。",
    LetterKind.FEE: "{申请人}：\n本机关于{收到日期}收到您提出的政府信息公开申请（查询码：{查询码}）。"
    "根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》，您的申请应缴纳信息"
    "处理费：{收费方式}，数量{收费数量}，金额{收费金额}元。请于{缴费期限}前缴纳；逾期未缴纳的，视为放弃申请，"
    "本机关不再处理该申请。缴费期间不计算在答复期限内。",
    LetterKind.CONSULTATION: "{征求对象}：\n本机关收到一份政府信息公开申请，申请获取“{所需信息}”。该信息的公开"
    "可能损害您的合法权益（或涉及贵机关职责）。根据《中华人民共和国政府信息公开条例》第三十二条（第三十四条），"
    "现书面征求您的意见，请于{征求期限}前提出；逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
}


@dataclass(frozen=True)
class Letter:
    kind: str
    title: str
    paragraphs: list[str]
    organ: str
    date: str


def unknown_placeholders(text: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(text or "") if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def template_text(site, kind: str) -> str:
    from ..models import LetterTemplate

    own = LetterTemplate.objects.filter(site=site, kind=kind).values_list("body", flat=True).first()
    return own or DEFAULT_TEXTS[kind]


def available_kinds(application) -> list[str]:
    """The letters this application has reached."""
    events = set(application.events.values_list("kind", flat=True))
    kinds = []
    if application.outcome:
        kinds.append(REPLY_LETTER[OUTCOME_GROUP[application.outcome]])
    for event_kind, letter in (
        (EventKind.SUPPLEMENT_REQUESTED, LetterKind.SUPPLEMENT),
        (EventKind.EXTENDED, LetterKind.EXTENSION),
        (EventKind.FEE_NOTICE, LetterKind.FEE),
        (EventKind.CONSULTATION_STARTED, LetterKind.CONSULTATION),
    ):
        if event_kind in events:
            kinds.append(letter)
    return kinds


def _day(value) -> str:
    return f"{value:%Y年%m月%d日}".replace("年0", "年").replace("月0", "月") if value else ""


def values_for(application) -> dict[str, str]:
    from sites.models import SiteSettings

    site = application.site
    organ_settings = SiteSettings.objects.filter(site_id=site.site_id).first()
    last = {e.kind: e for e in application.events.order_by("at", "pk")}
    supplement, extension = last.get(EventKind.SUPPLEMENT_REQUESTED), last.get(EventKind.EXTENDED)
    consultation = last.get(EventKind.CONSULTATION_STARTED)
    fee = getattr(application, "fee", None)  # RelatedObjectDoesNotExist is an AttributeError
    return {
        "机关名称": site.org_name,
        "机关地址": organ_settings.address if organ_settings else "",
        "机关邮编": organ_settings.postcode if organ_settings else "",
        "机关电话": organ_settings.phone if organ_settings else "",
        "申请人": application.name,
        "查询码": application.tracking_code,
        "收到日期": _day(application.received_on),
        "所需信息": application.document_title or application.description[:100],
        "办理结果": application.get_outcome_display().split("：")[-1] if application.outcome else "",
        "答复内容": application.reply_text,
        "负责机关": application.responsible_organ,
        "负责机关联系方式": application.responsible_organ_contact,
        "补正事项": supplement.note if supplement else "",
        "补正期限": _day(supplement.until) if supplement else "",
        "延长天数": str(application.extension_days or ""),
        "延期理由": extension.note if extension else "",
        "答复期限": _day(application.due_on),
        "收费方式": fee.get_method_display() if fee else "",
        "收费数量": (f"{fee.quantity}件" if fee.method == "per_item" else f"{fee.quantity}页") if fee else "",
        "收费金额": str(fee.amount) if fee else "",
        "缴费期限": _day(fee.pay_by) if fee else "",
        "征求对象": consultation.data.get("party", "") if consultation else "",
        "征求期限": _day(consultation.until) if consultation else "",
    }


def _letter_day(application, kind) -> str:
    """The reply's day for a 告知书, the step's day for a notice."""
    if kind in REPLY_LETTER.values():
        return _day(application.closed_on)
    event_kind = {
        LetterKind.SUPPLEMENT: EventKind.SUPPLEMENT_REQUESTED,
        LetterKind.EXTENSION: EventKind.EXTENDED,
        LetterKind.FEE: EventKind.FEE_NOTICE,
        LetterKind.CONSULTATION: EventKind.CONSULTATION_STARTED,
    }[kind]
    event = application.events.filter(kind=event_kind).order_by("-at", "-pk").first()
    return _day(event.on if event else timezone.localdate())


def render(application, kind: str) -> Letter:
    values = values_for(application)
    values["日期"] = _letter_day(application, kind)
    text = fill(template_text(application.site, kind), values)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return Letter(kind, LetterKind(kind).label, paragraphs, values["机关名称"], values["日期"])


# --- DOCX and PDF --------------------------------------------------------------------------------------------


def to_docx(letter: Letter) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "SimSun", Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # CJK text needs its own font attribute
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(letter.title)
    run.bold, run.font.size = True, Pt(20)
    for index, text in enumerate(letter.paragraphs):
        paragraph = document.add_paragraph(text)
        if index:  # the salutation stays flush left
            paragraph.paragraph_format.first_line_indent = Pt(28)
    for text in (letter.organ, letter.date):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def cjk_font() -> Path | None:
    configured = getattr(settings, "OPENINFO_LETTER_FONT", "")
    for candidate in ([configured] if configured else []) + list(FONT_CANDIDATES):
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


class NoFont(Exception):
    """No CJK TrueType font on this machine: PDF letters are unavailable (install fonts-wqy-microhei)."""


def to_pdf(letter: Letter) -> bytes:
    from fpdf import FPDF

    font = cjk_font()
    if font is None:
        raise NoFont("服务器未安装中文字体（如 fonts-wqy-microhei），无法生成 PDF，请下载 Word 版本。")
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.add_page()
    pdf.add_font("cjk", fname=str(font))
    pdf.set_font("cjk", size=18)
    pdf.multi_cell(0, 12, letter.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("cjk", size=13)
    for index, text in enumerate(letter.paragraphs):
        pdf.multi_cell(0, 8, ("　　" if index else "") + text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    for text in (letter.organ, letter.date):
        pdf.multi_cell(0, 8, text, align="R", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
