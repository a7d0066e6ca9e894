"""Table downloads shared by every app's statistics API: CSV (UTF-8 with BOM, so Excel opens the Chinese
correctly) and XLSX (one sheet per table).

Cells come from citizens and editors (message titles, page titles), so no text cell is ever evaluated by the
spreadsheet that opens the file (OWASP "CSV injection"): in CSV a text starting like a formula gets a leading
apostrophe; in XLSX such a text is stored as a string (openpyxl would store a text starting with "=" as a
formula)."""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

from .params import ChoiceParam

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ``?format=`` of a statistics API that answers JSON or, on request, a table file (see table_download).
API_FORMAT = ChoiceParam("format", "格式", {"json": "JSON", "csv": "CSV 表格", "xlsx": "Excel 表格"})


def csv_safe(value):
    """A CSV cell a spreadsheet shows as text, never evaluates (numbers stay numbers)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass
class Sheet:
    title: str  # at most 31 characters, none of []:*?/\ (Excel's rules)
    header: Sequence[str]
    rows: Iterable[Sequence]


def attachment(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(header: Sequence[str], rows: Iterable[Sequence], filename: str) -> HttpResponse:
    """``filename`` without extension."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([csv_safe(value) for value in header])
    writer.writerows([csv_safe(value) for value in row] for row in rows)
    return attachment(buffer.getvalue(), "text/csv; charset=utf-8", f"{filename}.csv")


def xlsx_response(sheets: Sequence[Sheet], filename: str) -> HttpResponse:
    """``filename`` without extension; the sheets in order, each with its header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        for row in (sheet.header, *sheet.rows):
            worksheet.append(list(row))
            for cell in worksheet[worksheet.max_row]:
                if cell.data_type == "f":  # a text starting with "=": keep it text
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(buffer.getvalue(), XLSX_CONTENT_TYPE, f"{filename}.xlsx")


def table_download(fmt: str | None, sheets: Sequence[Sheet], filename: str, *, csv_sheet: Sheet | None = None):
    """The download ``?format=`` asks for, or None for JSON (or no format): "csv" writes one table — ``csv_sheet``,
    else the first sheet (a CSV file holds one table) — and "xlsx" every sheet, in order. ``filename`` without
    extension. Used by every endpoint and page whose table has a CSV/XLSX download."""
    if fmt == "csv":
        table = csv_sheet or sheets[0]
        return csv_response(table.header, table.rows, filename)
    if fmt == "xlsx":
        return xlsx_response(sheets, filename)
    return None
