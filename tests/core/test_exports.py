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


HOSTILE = ['=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1"]


def test_csv_text_that_looks_like_a_formula_gets_an_apostrophe_and_numbers_stay():
    response = csv_response(["标题", "数量"], [[text, -5] for text in HOSTILE] + [["正常标题", 3]], "t")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[1] == '"\'=HYPERLINK(""http://x"",""点我"")",-5'
    assert [line.split(",")[0] for line in lines[2:5]] == ["'+1+1", "'-2+3", "'@SUM(A1)"]
    assert lines[-1] == "正常标题,3"


def test_xlsx_keeps_such_text_as_text_not_a_formula():
    response = xlsx_response([Sheet("表", ["标题", "数量"], [[text, -5] for text in HOSTILE])], "t")
    sheet = load_workbook(io.BytesIO(response.content))["表"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in cells] == HOSTILE  # shown exactly as written, no apostrophe
    assert {c.data_type for c in cells} == {"s"}
    assert sheet["B2"].value == -5


def test_table_download_answers_the_format_asked_for():
    """The one ``?format=`` switch of every statistics download: JSON (or none) is the caller's, CSV one table
    (the first, or the one named for CSV), XLSX every sheet."""
    from core.exports import table_download

    sheets = [Sheet("按站点", ["站点"], [["荷塘区"]]), Sheet("逐月", ["月份"], [[1]])]
    assert table_download(None, sheets, "s") is None
    assert table_download("json", sheets, "s") is None
    first = table_download("csv", sheets, "s")
    assert (first["Content-Disposition"], first.content.decode("utf-8-sig")) == (
        'attachment; filename="s.csv"',
        "站点\r\n荷塘区\r\n",
    )
    combined = table_download("csv", sheets, "s", csv_sheet=Sheet("合并", ["口径", "站点"], [["按站点", "荷塘区"]]))
    assert combined.content.decode("utf-8-sig") == "口径,站点\r\n按站点,荷塘区\r\n"
    workbook = load_workbook(io.BytesIO(table_download("xlsx", sheets, "s").content))
    assert workbook.sheetnames == ["按站点", "逐月"]
