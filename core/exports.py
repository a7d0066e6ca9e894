"""Table downloads shared by every app's statistics API: CSV (UTF-8 with BOM, so Excel opens the Chinese
correctly) and XLSX (one sheet per table)."""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    writer.writerow(header)
    writer.writerows(rows)
    return attachment(buffer.getvalue(), "text/csv; charset=utf-8", f"{filename}.csv")


def xlsx_response(sheets: Sequence[Sheet], filename: str) -> HttpResponse:
    """``filename`` without extension; the sheets in order, each with its header row."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        worksheet = workbook.create_sheet(sheet.title)
        worksheet.append(list(sheet.header))
        for row in sheet.rows:
            worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(buffer.getvalue(), XLSX_CONTENT_TYPE, f"{filename}.xlsx")
