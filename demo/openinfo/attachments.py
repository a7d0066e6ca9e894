"""附件 for the demo documents whose text cites one (详见附件, 见附件《职位表》): a real file built at seed time,
stored as a Wagtail document in the site's collection and listed under the page's 附件 heading.

Issue 12's crawl found 291 pages saying "详见附件" with nothing attached. Which file a document gets follows what
its text says it contains:

- a 名单 (拟录用/拟聘用人员公示) → XLSX list. It carries 准考证号, 职位 and 学历 but **no names**: a real 公示 names
  people, and an invented name next to an invented 准考证号 reads as somebody's personal data;
- a 职位表 (招考公告) → XLSX table of positions of the publishing organ;
- 预算/决算 → XLSX workbook with one sheet per table the text lists (部门收支总表, “三公”经费支出表 …). The amounts
  are **fictional** (the seed documents give no budget figures); each such file is tagged 演示虚构数据, a tag only
  the admin shows;
- 采购意向, 内设机构, 领导分工, 隐患整改台账, 事项目录 and 规范性文件目录 → XLSX lists (attachment_tables.py): posts
  and units, never people; the 目录 list the site's own 办事指南 and normative documents;
- anything else (应急预案全文, 统计公报 …) → DOCX of the document as issued: title, 文号, body, publishing organ and
  date — what a government site attaches as the 正式文件.

Files are small (a few KB) and deterministic for a seed: the numbers come from the document's own rng.
"""

import hashlib
import io
import random
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from wagtail.documents import get_document_model

from . import attachment_tables as tables
from .workbook import DOCX, XLSX, BuiltFile, sheet, workbook, xlsx_bytes

CITES_ATTACHMENT = re.compile(r"见附件")
LISTED_TABLES = re.compile(r"包括(?P<list>[^。；]+?)(?:，各表|等内容|，|。)")
FICTIONAL_TAG = "演示虚构数据"


POSITIONS = ["综合管理", "文字综合", "财务会计", "信息技术", "法律事务", "统计分析"]
DEGREES = ["大学本科及以上", "大学本科及以上", "研究生"]


@dataclass(frozen=True)
class SiteLists:
    """What a site's 目录 attachments list: its 办事指南 titles and its valid normative documents (planned)."""

    address: str = ""
    services: tuple[str, ...] = ()
    normative: tuple = ()


def cites_attachment(paragraphs) -> bool:
    return any(CITES_ATTACHMENT.search(p) for p in paragraphs)


def name_list(title: str, org: str, year: int, rng: random.Random) -> BuiltFile:
    book = workbook(org)
    rows = []
    for number in range(1, rng.randint(6, 12) + 1):
        position = rng.choice(POSITIONS)
        ticket = f"{year % 100:02d}{rng.randint(10_000_000, 99_999_999)}"
        rows.append([number, org, position, f"{year}{number:03d}", ticket, rng.choice("男女"), rng.choice(DEGREES)])
    headers = ["序号", "招录（聘用）单位", "职位名称", "职位代码", "准考证号", "性别", "学历"]
    sheet(book, "名单", title, headers, rows)
    listed = title.removesuffix("公示")
    return BuiltFile(listed if listed.endswith("名单") else f"{listed}名单", XLSX, xlsx_bytes(book), fictional=True)


def position_table(title: str, org: str, year: int, rng: random.Random) -> BuiltFile:
    book = workbook(org)
    rows = [
        [n, org, position, f"{year}{n:03d}", rng.randint(1, 3), rng.choice(DEGREES), "不限", "具有两年以上基层工作经历"]
        for n, position in enumerate(rng.sample(POSITIONS, 4), start=1)
    ]
    headers = ["序号", "招录机关", "职位名称", "职位代码", "招录人数", "学历", "专业", "其他条件"]
    sheet(book, "职位表", f"{title}职位表", headers, rows)
    return BuiltFile(f"{title}职位表", XLSX, xlsx_bytes(book), fictional=True)


SPENDING_ROWS = ["工资福利支出", "商品和服务支出", "对个人和家庭的补助", "信息化建设与运维", "业务工作经费"]
THREE_PUBLIC = ["因公出国（境）费", "公务用车购置及运行费", "公务接待费"]


def listed_tables(text: str) -> list[str]:
    """The tables a budget text lists: 包括A、B、C以及D → [A, B, C, D] (explanations left out: they are text)."""
    found = LISTED_TABLES.search(text)
    if not found:
        return ["收支总表"]
    items = re.split(r"、|以及|和", found.group("list"))
    return [item.strip() for item in items if item.strip() and "说明" not in item]


def budget_book(title: str, org: str, text: str, rng: random.Random) -> BuiltFile:
    book = workbook(org)
    for table in listed_tables(text):
        lines = THREE_PUBLIC if "三公" in table else SPENDING_ROWS
        amounts = [round(rng.uniform(5, 400), 2) for _ in lines]
        rows = [[line, amount] for line, amount in zip(lines, amounts, strict=True)]
        rows.append(["合计", round(sum(amounts), 2)])
        sheet(book, table.replace("“", "").replace("”", ""), f"{org} {table}", ["项目", "金额（万元）"], rows)
    return BuiltFile(f"{title}（附表）", XLSX, xlsx_bytes(book), fictional=True)


def issued_text(title: str, org: str, number: str, paragraphs, written_on) -> BuiltFile:
    document = WordDocument()
    document.core_properties.author = org
    document.core_properties.title = title
    document.add_heading(title, level=1)
    if number:
        document.add_paragraph(number)
    for paragraph in paragraphs:
        document.add_paragraph(paragraph).paragraph_format.first_line_indent = Pt(24)
    for line in (org, f"{written_on.year}年{written_on.month}月{written_on.day}日"):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT  # a signature block
    buffer = io.BytesIO()
    document.save(buffer)
    return BuiltFile(f"{title}（正式文件）", DOCX, buffer.getvalue())


def build(doc, paragraphs, org: str, rng: random.Random, *, site: SiteLists | None = None) -> BuiltFile | None:
    """The file ``doc`` (a PlannedDocument whose body is ``paragraphs``) cites, or None when it cites none."""
    if not cites_attachment(paragraphs):
        return None
    site = site or SiteLists()
    text, title, year = "".join(doc.paragraphs), doc.title, doc.published_on.year
    if "职位表" in text:  # before 名单: a 招考公告 also says where the 名单 will be published
        return position_table(title, org, year, rng)
    if "名单" in text:
        return name_list(title, org, year, rng)
    if "预算" in title or "决算" in title:
        return budget_book(title, org, text, rng)
    if "采购意向" in title or "采购需求" in text:
        return tables.procurement_intentions(title, org, year, rng)
    if "负责人姓名" in text:
        return tables.organisation(title, org, site.address)
    if "分管部门" in text:
        return tables.division_of_work(title, org)
    if "隐患" in text and "台账" in text:
        return tables.hazard_ledger(title, org, year, rng)
    if "办事指南" in text and site.services:
        return tables.service_catalogue(title, org, site.services)
    in_force = [d for d in site.normative if d.published_on <= doc.published_on]  # as on the catalogue's date
    if "规范性文件目录" in text and in_force:
        return tables.normative_catalogue(title, org, in_force)
    return issued_text(title, org, doc.document_number, paragraphs, doc.written_on)


def store(built: BuiltFile, slug: str, collection):
    """Save as a Wagtail document (ASCII file name from the page slug; the Chinese title is the link text)."""
    document = get_document_model()(title=built.title[:255], collection=collection)
    document.file.save(f"{slug}-fj1.{built.extension}", ContentFile(built.content), save=False)
    document.file_size = len(built.content)
    document.file_hash = hashlib.sha1(built.content).hexdigest()  # as Wagtail's upload form fills it
    document.save()
    if built.fictional:
        document.tags.add(FICTIONAL_TAG)
    return document
