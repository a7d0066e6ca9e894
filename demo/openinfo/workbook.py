"""Small file builders shared by the demo's attachment generators (attachments.py, attachment_tables.py)."""

import io
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX = "xlsx"
DOCX = "docx"


@dataclass(frozen=True)
class BuiltFile:
    title: str  # shown as the attachment's link text
    extension: str
    content: bytes
    fictional: bool = False


def workbook(org: str) -> Workbook:
    book = Workbook()
    book.properties.creator = org
    book.remove(book.active)
    return book


def sheet(book: Workbook, name: str, caption: str, headers: list[str], rows: list[list]) -> None:
    ws = book.create_sheet(name[:31])  # Excel's limit on sheet names
    ws.append([caption])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for row in rows:
        ws.append(row)
    for index, header in enumerate(headers):
        ws.column_dimensions[get_column_letter(index + 1)].width = max(10, 2 * len(header) + 4)


def xlsx_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
