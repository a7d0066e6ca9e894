"""The shared CSV/XLSX writers behind every statistics download."""

import csv
import io

from openpyxl import load_workbook

from core.exports import Sheet, csv_response, xlsx_response


def test_csv_has_a_bom_header_and_rows():
    response = csv_response(["站点", "条数"], [["荷塘区", 3], ["市发改委", 0]], "stats-2026")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="stats-2026.csv"'
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["站点", "条数"], ["荷塘区", "3"], ["市发改委", "0"]]


def test_xlsx_has_one_sheet_per_table_in_order():
    response = xlsx_response(
        [Sheet("按站点", ["站点", "条数"], iter([["荷塘区", 3]])), Sheet("空表", ["月份"], [])], "stats"
    )
    assert response["Content-Disposition"] == 'attachment; filename="stats.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["按站点", "空表"]
    assert list(workbook["按站点"].iter_rows(values_only=True)) == [("站点", "条数"), ("荷塘区", 3)]
    assert workbook["空表"].max_row == 1
