"""What people see in the demo's files: every sheet prints readably, the master wraps its text, no reserved names."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ehwb_excel.demo.cycle import run_demo
from ehwb_excel.excel import layout
from ehwb_excel.excel.limits import EXCEL_RESERVED_SHEET_NAMES
from ehwb_excel.workbook import style
from tests.print_checks import print_scale
from tests.sheet_xml import row_attributes

READABLE = 60  # per cent


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return run_demo(tmp_path_factory.mktemp("demo") / "demo", say=lambda line: None)


@pytest.fixture(scope="module")
def files(demo):
    """Name -> (path, workbook) of what the coordinator and an agency open."""
    agency = next((demo.out_dir / "to-send").glob("*SCT*.xlsx"))
    return {name: (path, load_workbook(path)) for name, path in
            {"master": demo.master, "agency workbook": agency, "definition": demo.definition}.items()}


def _visible(workbook):
    return [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]


def test_every_visible_sheet_prints_at_a_readable_scale(files):
    for name, (_, workbook) in files.items():
        for ws in _visible(workbook):
            assert print_scale(ws) >= READABLE, (name, ws.title, print_scale(ws))
            assert ws.page_setup.paperSize == style.A4, (name, ws.title)


def test_no_sheet_takes_a_name_excel_reserves(files):
    reserved = {n.casefold() for n in EXCEL_RESERVED_SHEET_NAMES}
    for name, (_, workbook) in files.items():
        assert not [s for s in workbook.sheetnames if s.casefold() in reserved], name


def test_grades_print_across_pages_with_their_questions_and_headers_repeated(files):
    grades = files["master"][1][layout.GRADES_SHEET]
    assert grades.page_setup.orientation == "landscape"
    assert grades.print_title_rows.replace("$", "") == "1:1"
    assert grades.print_title_cols.replace("$", "") == "A:C"
    assert print_scale(grades) >= READABLE


def test_master_text_wraps_and_rows_are_tall_enough_for_it(files):
    path, master = files["master"]
    for name in layout.DERIVED_SHEETS:
        ws = master[name]
        rows = row_attributes(path, name)
        for row in ws.iter_rows(min_row=1):
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                width = ws.column_dimensions[cell.column_letter].width
                if len(cell.value) + 1 <= width:
                    continue  # fits on one line
                assert cell.alignment.wrap_text, (name, cell.coordinate)
                lines = style.lines_for(cell.value, width)
                height = float(rows.get(cell.row, {}).get("ht", 15))
                assert height >= lines * style.LINE_HEIGHT, (name, cell.coordinate, lines, height)


def test_errors_and_warnings_differ_by_more_than_colour(files):
    issues = files["master"][1][layout.ISSUES_SHEET]
    headers = [c.value for c in issues[1]]
    severity = headers.index("Severity")
    fonts = {}
    for row in issues.iter_rows(min_row=2):
        font = row[severity].font
        fonts.setdefault(row[severity].value, set()).add((bool(font.b), bool(font.i)))
    assert {"error", "warning"} <= set(fonts), fonts
    assert fonts["error"].isdisjoint(fonts["warning"]), fonts


def test_saved_by_names_the_program_readably(files):
    submissions = files["master"][1][layout.SUBMISSIONS_SHEET]
    headers = [c.value for c in submissions[1]]
    saved_by = {row[headers.index("Saved by")] for row in submissions.iter_rows(min_row=2, values_only=True)} - {None}
    assert saved_by and not any("Compatible" in s or "Openpyxl" in s for s in saved_by), saved_by
