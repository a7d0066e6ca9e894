"""The report's downloads: XLSX (one sheet per table and one for the text, through core/exports.py) and DOCX (the
six sections with Tables 2–4 as Word tables in the printed shape), both from ``document.build_document``."""

import io
from decimal import Decimal, InvalidOperation

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from core.exports import Sheet, attachment, xlsx_response

from . import layout
from .document import SECTION_HEADINGS

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TABLE3_HEADER = ["项目", *[layout.COLUMN_LABELS[c] for c in layout.COLUMNS], layout.TOTAL_LABEL]
TABLE4_RESULTS = [*[layout.REMEDY_RESULT_LABELS[r] for r in layout.REMEDY_RESULTS], layout.TOTAL_LABEL]


def _number(text: str):
    """Table 2 figures are kept as text in the document ("—" when not entered); numbers go to Excel as numbers."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    return int(value) if value == value.to_integral_value() else value


def _table4_rows(cells: list[int]) -> list[list]:
    width = len(TABLE4_RESULTS)
    return [
        [layout.REMEDY_LABELS[kind], *cells[i * width : (i + 1) * width]] for i, kind in enumerate(layout.REMEDY_KINDS)
    ]


def _texts(doc: dict) -> list[list[str]]:
    texts = {0: doc["overview"], 4: doc["problems"], 5: doc["other"]}
    tables = {1: "见“表二”工作表", 2: "见“表三”工作表", 3: "见“表四”工作表"}
    return [[heading, texts.get(i, tables.get(i))] for i, heading in enumerate(SECTION_HEADINGS)]


def xlsx(doc: dict, filename: str):
    table2 = [
        [block["caption"], row[0], label, _number(value)]
        for block in doc["table2"]
        for row in block["rows"]
        for label, value in zip(block["header"][1:], row[1:], strict=True)
    ]
    sheets = [
        Sheet(title="正文", header=["部分", "内容"], rows=_texts(doc)),
        Sheet(title="表二", header=["条款", "信息内容", "指标", "数值"], rows=table2),
        Sheet(title="表三", header=TABLE3_HEADER, rows=[[row["label"], *row["cells"]] for row in doc["table3"]]),
        Sheet(title="表四", header=["类别", *TABLE4_RESULTS], rows=_table4_rows(doc["table4"])),
    ]
    return xlsx_response(sheets, filename)


def _merge(table, top: int, left: int, bottom: int, right: int, text: str):
    cell = table.cell(top, left).merge(table.cell(bottom, right))
    cell.text = text


def _paragraphs(document, text: str):
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())


def _docx_table2(document, blocks):
    for block in blocks:
        document.add_paragraph(block["caption"])
        table = document.add_table(rows=1 + len(block["rows"]), cols=len(block["header"]), style="Table Grid")
        _fill_from(table, 0, [block["header"], *block["rows"]])


def _docx_table3(document, rows):
    table = document.add_table(rows=3 + len(rows), cols=8, style="Table Grid")
    _merge(table, 0, 0, 2, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
    _merge(table, 0, 1, 0, 7, "申请人情况")
    _merge(table, 1, 1, 2, 1, layout.COLUMN_LABELS["natural"])
    _merge(table, 1, 2, 1, 6, "法人或其他组织")
    _merge(table, 1, 7, 2, 7, layout.TOTAL_LABEL)
    header = table.rows[2].cells
    for c, column in enumerate(layout.COLUMNS[1:], start=2):
        header[c].text = layout.COLUMN_LABELS[column]
    _fill_from(table, 3, [[row["label"], *row["cells"]] for row in rows])


def _fill_from(table, first_row: int, rows: list[list]):
    # A row's cells, not ``table.cell(r, c)``: python-docx builds the whole table's cell grid on every ``cell()``
    # call, which made writing 表三 quadratic (~0.7 s per export).
    for r, values in enumerate(rows, start=first_row):
        cells = table.rows[r].cells
        for c, value in enumerate(values):
            cells[c].text = str(value)


def _docx_table4(document, cells):
    table = document.add_table(rows=4, cols=15, style="Table Grid")
    _merge(table, 0, 0, 1, 4, "行政复议")
    _merge(table, 0, 5, 0, 14, "行政诉讼")
    _merge(table, 1, 5, 1, 9, "未经复议直接起诉")
    _merge(table, 1, 10, 1, 14, "复议后起诉")
    _fill_from(table, 2, [TABLE4_RESULTS * 3, cells])


def docx(doc: dict, filename: str):
    document = Document()
    title = document.add_heading(doc["title"], level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    bodies = {
        0: lambda: _paragraphs(document, doc["overview"]),
        1: lambda: _docx_table2(document, doc["table2"]),
        2: lambda: _docx_table3(document, doc["table3"]),
        3: lambda: _docx_table4(document, doc["table4"]),
        4: lambda: _paragraphs(document, doc["problems"]),
        5: lambda: _paragraphs(document, doc["other"]),
    }
    for index, heading in enumerate(SECTION_HEADINGS):
        document.add_heading(heading, level=1)
        bodies[index]()
    buffer = io.BytesIO()
    document.save(buffer)
    return attachment(buffer.getvalue(), DOCX_CONTENT_TYPE, f"{filename}.docx")
