"""The master workbook skeleton: coordinator sheets ready to type into, derived sheets, the audit inside."""

from __future__ import annotations

from io import BytesIO

import openpyxl
import pytest

from ehwb_excel.excel import layout
from ehwb_excel.master.reader import read_master_audit, sheet_records
from ehwb_excel.workbook.master_skeleton import master_workbook
from ehwb_excel.excel.meta_sheet import first_value, parse_meta
from tests.audit_factory import small_audit
from tests.print_checks import print_scale
from tests.workbook_checks import validations_by_cell


@pytest.fixture(scope="module")
def audit():
    return small_audit(marking="OFFICIAL")


@pytest.fixture(scope="module")
def master(audit):
    buffer = BytesIO()
    master_workbook(audit).save(buffer)
    buffer.seek(0)
    return openpyxl.load_workbook(buffer)


def test_coordinator_sheets_come_first_then_derived_then_hidden(master):
    assert master.sheetnames == [*layout.COORDINATOR_SHEETS, *layout.DERIVED_SHEETS, layout.LISTS_SHEET, layout.MASTER_META_SHEET]
    assert master[layout.LISTS_SHEET].sheet_state == "hidden"
    assert master[layout.MASTER_META_SHEET].sheet_state == "veryHidden"
    for name in layout.COORDINATOR_SHEETS + layout.DERIVED_SHEETS:
        assert master[name].sheet_state == "visible" and not master[name].protection.sheet


@pytest.mark.parametrize(
    "sheet, columns",
    [
        (layout.PANEL_SHEET, layout.PANEL_COLUMNS),
        (layout.HEADLINES_SHEET, layout.HEADLINES_COLUMNS),
        (layout.REFLECTIONS_SHEET, layout.REFLECTIONS_COLUMNS),
        (layout.RECOMMENDATIONS_SHEET, layout.RECOMMENDATIONS_COLUMNS),
        (layout.REDACTIONS_SHEET, layout.REDACTIONS_COLUMNS),
    ],
)
def test_coordinator_headers_sit_in_the_agreed_row_with_nothing_typed_below(master, sheet, columns):
    ws = master[sheet]
    assert ws["A1"].value and ws["A2"].value  # title and guidance
    row = [c.value for c in ws[layout.COORDINATOR_HEADER_ROW]]
    assert tuple(row[: len(columns)]) == columns
    assert sheet_records(master, sheet, layout.COORDINATOR_HEADER_ROW) == []


def test_report_settings_list_every_key_below_the_header(master, audit):
    ws = master[layout.REPORT_SETTINGS_SHEET]
    first = layout.COORDINATOR_HEADER_ROW + 1
    keys = [ws.cell(row=first + i, column=1).value for i in range(len(layout.REPORT_SETTINGS_KEYS))]
    assert tuple(keys) == layout.REPORT_SETTINGS_KEYS
    assert audit.settings.theme in ws.cell(row=first, column=2).value


def test_recommendations_take_lead_agency_and_status_from_dropdowns_and_a_checked_due_date(master, audit):
    ws = master[layout.RECOMMENDATIONS_SHEET]
    validations = validations_by_cell(ws)
    row = layout.COORDINATOR_HEADER_ROW + 1
    column = {h: i for i, h in enumerate(layout.RECOMMENDATIONS_COLUMNS, start=1)}
    lead = validations[ws.cell(row=row, column=column["Lead agency"]).coordinate]
    status = validations[ws.cell(row=row, column=column["Status"]).coordinate]
    due = validations[ws.cell(row=row, column=column["Due date"]).coordinate]
    assert due.type == "date" and due.errorStyle == "stop"
    for dv, expected in ((lead, [a.code for a in audit.agencies]), (status, list(layout.ACTION_STATUSES))):
        assert dv.type == "list" and not dv.showDropDown and dv.errorStyle == "stop"
        ((sheet, cells),) = master.defined_names[dv.formula1].destinations
        assert sheet == layout.LISTS_SHEET
        assert [c.value for (c,) in master[sheet][cells.replace("$", "")]] == expected


def test_derived_sheets_have_their_headers_in_row_one(master):
    assert tuple(c.value for c in master[layout.RESPONSES_SHEET][1]) == layout.RESPONSES_COLUMNS
    assert tuple(c.value for c in master[layout.SUBMISSIONS_SHEET][1]) == layout.SUBMISSIONS_COLUMNS
    assert tuple(c.value for c in master[layout.HISTORY_SHEET][1]) == layout.HISTORY_COLUMNS
    assert sheet_records(master, layout.RESPONSES_SHEET) == []


def test_metadata_holds_the_whole_audit(master, audit):
    meta = parse_meta(master[layout.MASTER_META_SHEET].iter_rows(values_only=True))
    assert first_value(meta, layout.META_FORMAT) == layout.MASTER_FORMAT
    assert first_value(meta, layout.META_AUDIT_ID) == audit.settings.audit_id
    assert first_value(meta, layout.META_DEFINITION_CHECKSUM) == audit.checksum()
    assert read_master_audit(master, "master.xlsx") == audit


def test_marking_on_every_sheet_and_fonts_named(master):
    for ws in master.worksheets:
        assert ws.oddHeader.center.text == "OFFICIAL" and ws.oddFooter.center.text == "OFFICIAL"
        for row in ws.iter_rows():
            for cell in row:
                assert not cell.has_style or cell.font.name == "Arial", (ws.title, cell.coordinate)


def test_derived_sheets_are_ready_for_what_the_ribbon_writes(master):
    """The button writes values through Excel, which keeps a column's format: wrapped text, sensible widths, readable print."""
    for name in layout.DERIVED_SHEETS:
        ws = master[name]
        assert print_scale(ws) >= 60, name
        if name == layout.GRADES_SHEET:
            continue  # its columns (one per case and agency) come with the merge
        for cell in ws[1]:
            if cell.value is None:
                continue
            column = ws.column_dimensions[cell.column_letter]
            assert column.alignment.wrap_text and column.width >= 8, (name, cell.value)
