"""The definition workbook prints (landscape, readable, headers repeated) and shows its instructions whole."""

from __future__ import annotations

from openpyxl import load_workbook

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition import sheets
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.workbook import style
from tests.print_checks import print_scale
from tests.sheet_xml import row_attributes


def test_every_sheet_prints_landscape_readably_with_its_header_row_repeated(tmp_path):
    path = tmp_path / "definition.xlsx"
    write_definition(default_audit(), path)
    for ws in load_workbook(path).worksheets:
        if ws.sheet_state != "visible":
            continue
        assert ws.page_setup.orientation == "landscape", ws.title
        assert print_scale(ws) >= 60, (ws.title, print_scale(ws))
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, f"{ws.title} is not one page wide"
        if ws.title != sheets.INSTRUCTIONS_SHEET:
            assert ws.print_title_rows.replace("$", "") == "1:1", ws.title


def test_instructions_rows_are_tall_enough_for_their_paragraphs(tmp_path):
    """LibreOffice does not grow rows on opening: without a height, paragraphs overlap."""
    path = tmp_path / "definition.xlsx"
    write_definition(default_audit(), path)
    ws = load_workbook(path)[sheets.INSTRUCTIONS_SHEET]
    rows = row_attributes(path, sheets.INSTRUCTIONS_SHEET)
    width = ws.column_dimensions["A"].width
    paragraphs = [c for c in ws["A"] if isinstance(c.value, str) and len(c.value) > width]
    assert paragraphs
    for cell in paragraphs:
        assert float(rows[cell.row]["ht"]) >= style.lines_for(cell.value, width) * style.LINE_HEIGHT, cell.coordinate
