"""The coordinator's master workbook skeleton: their own sheets, empty derived sheets, the audit inside."""

from __future__ import annotations

from openpyxl import Workbook
from ehwb_excel.problems.location import column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ehwb_excel.excel import layout

from ehwb_excel.excel import meta_sheet
from ehwb_excel.workbook import master_look
from ehwb_excel.workbook import style
from ehwb_excel.excel.limits import prompt_text
from ehwb_excel.workbook.agency_workbook import DATE_FORMAT, EARLIEST_DATE, LATEST_DATE
from ehwb_excel.audit.enquiry import lines_of_enquiry
from ehwb_excel.audit import identity
from ehwb_excel.audit.model import Audit
from ehwb_excel.audit.stored import audit_rows

EMPTY_ROWS = 20  # formatted rows ready for typing below each coordinator header

# Dropdown sources of the master's own sheets (defined names on its hidden lists sheet).
AGENCIES_NAME = "ehwb_master_agencies"
STATUSES_NAME = "ehwb_master_statuses"
CASES_NAME = "ehwb_master_cases"

TITLES = {
    layout.PANEL_SHEET: (
        "Panel notes",
        "One row per approach used (audit panel, practitioner event, family views ...): when, who attended, how many, what was learned.",
    ),
    layout.HEADLINES_SHEET: ("Audit headlines", "One headline per row, numbered; the report prints them in this order."),
    layout.KEY_FINDINGS_SHEET: (
        "Key findings",
        "The panel's key finding for each line of enquiry, in its own words: the report prints it first under the line's heading.",
    ),
    layout.REFLECTIONS_SHEET: ("Independent scrutineer reflections", "One reflection per row, numbered, in the scrutineer's words."),
    layout.RECOMMENDATIONS_SHEET: (
        "Recommendations and actions",
        "One row per action; rows with the same No. belong to one recommendation. Lead agency and Status are dropdowns.",
    ),
    layout.REDACTIONS_SHEET: (
        "Names not to print (never printed)",
        "Any name or word that must never appear in the report, e.g. a child's first name found in a comment. The report refuses to print them.",
    ),
    layout.REPORT_SETTINGS_SHEET: ("Report settings", "Type a value beside each setting; the report uses them on its title page."),
}
COLUMN_WIDTHS = {
    "No.": 7, "Approach": 24, "Date": 13, "Who attended": 40, "Number attending": 12, "Notes": 60,
    "Headline": 100, "Line of enquiry": 40, "Key finding": 100, "Reflection": 100, "Recommendation": 45, "Action": 45, "Lead agency": 20,
    "Due date": 13, "Status": 14, "Case": 14, "Name or word that must not appear": 50, "Setting": 24, "Value": 60,
}
SETTINGS_HEADERS = ("Setting", "Value")


def master_workbook(audit: Audit, identity_key: bytes | None = None) -> Workbook:
    """The master skeleton for `audit` (not saved); the merge fills its derived sheets later.

    `identity_key` is kept in its hidden metadata: the key the agency workbooks' tokens were
    made with (`audit.identity`), which the merge checks them by. None: a master without one.
    """
    wb = style.new_workbook()
    wb.remove(wb.active)
    for name in layout.COORDINATOR_SHEETS:
        _coordinator_sheet(wb.create_sheet(name), audit)
    for name, headers in _derived_headers().items():
        _derived_sheet(wb.create_sheet(name), name, headers)
    _write_lists(wb, audit)
    _write_meta(wb.create_sheet(layout.MASTER_META_SHEET), audit, identity_key)
    for ws in wb.worksheets:
        style.mark(ws, audit.settings.protective_marking, f"{audit.settings.audit_id} \u2013 master")
    wb.active = 0
    wb.properties.title = f"{audit.settings.theme} audit \u2013 master"
    wb.properties.subject = f"{audit.settings.partnership}: {audit.settings.period}"
    wb.properties.creator = "ehwb_excel"  # never a person's name
    wb.properties.lastModifiedBy = None
    wb.properties.keywords = audit.settings.protective_marking
    return wb


def _derived_headers() -> dict[str, tuple[str, ...]]:
    """Derived sheet -> its row-1 headers; Grades gets its columns (one per agency) from the merge."""
    return {
        layout.SUBMISSIONS_SHEET: layout.SUBMISSIONS_COLUMNS,
        layout.RESPONSES_SHEET: layout.RESPONSES_COLUMNS,
        layout.GRADES_SHEET: (),
        layout.CASE_PROFILES_SHEET: layout.CASE_PROFILES_COLUMNS,
        layout.QUOTE_CHOICES_SHEET: layout.QUOTE_CHOICES_COLUMNS,
        layout.ISSUES_SHEET: layout.ISSUES_COLUMNS,
        layout.MERGE_LOG_SHEET: layout.MERGE_LOG_COLUMNS,
        layout.HISTORY_SHEET: layout.HISTORY_COLUMNS,
    }


# -- the coordinator's sheets -----------------------------------------------------------------


def _coordinator_sheet(ws: Worksheet, audit: Audit) -> None:
    title, guidance = TITLES[ws.title]
    headers = _coordinator_headers(ws.title)
    style.put_text(ws.cell(row=1, column=1), title, style.TITLE_FONT, None)
    style.put_text(ws.cell(row=2, column=1), guidance, style.HINT_FONT, None)
    row = layout.COORDINATOR_HEADER_ROW
    style.header_row(ws, row, headers)
    for r in range(row + 1, row + 1 + EMPTY_ROWS):
        for column in range(1, len(headers) + 1):
            style.dress(ws.cell(row=r, column=column), font=style.FONT, alignment=style.WRAP, border=style.BOX)
    for column, header in enumerate(headers, start=1):
        ws.column_dimensions[column_letter(column)].width = COLUMN_WIDTHS.get(header, 20)
    if ws.title == layout.REPORT_SETTINGS_SHEET:
        _report_settings(ws, audit)
    if ws.title == layout.KEY_FINDINGS_SHEET:
        for offset, section in enumerate(lines_of_enquiry(audit), start=row + 1):
            style.put_text(ws.cell(row=offset, column=1), section.title, style.BOLD)
    _validations(ws, headers)
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate
    last = column_letter(len(headers))
    style.print_setup(ws, landscape=len(headers) > 2, title_rows=f"{row}:{row}", area=f"A1:{last}{row + EMPTY_ROWS}")


def _coordinator_headers(sheet: str) -> tuple[str, ...]:
    return {
        layout.PANEL_SHEET: layout.PANEL_COLUMNS,
        layout.HEADLINES_SHEET: layout.HEADLINES_COLUMNS,
        layout.KEY_FINDINGS_SHEET: layout.KEY_FINDINGS_COLUMNS,
        layout.REFLECTIONS_SHEET: layout.REFLECTIONS_COLUMNS,
        layout.RECOMMENDATIONS_SHEET: layout.RECOMMENDATIONS_COLUMNS,
        layout.REDACTIONS_SHEET: layout.REDACTIONS_COLUMNS,
        layout.REPORT_SETTINGS_SHEET: SETTINGS_HEADERS,
    }[sheet]


def _report_settings(ws: Worksheet, audit: Audit) -> None:
    defaults = {"Report title": f"{audit.settings.theme}: multi-agency case file audit", "Version": "1"}
    for offset, key in enumerate(layout.REPORT_SETTINGS_KEYS, start=1):
        row = layout.COORDINATOR_HEADER_ROW + offset
        style.put_text(ws.cell(row=row, column=1), key, style.BOLD)
        if key in defaults:
            style.put_text(ws.cell(row=row, column=2), defaults[key])
        if key == "Report date":
            ws.cell(row=row, column=2).number_format = DATE_FORMAT
            _add(ws, _date_validation(), f"B{row}")


def _validations(ws: Worksheet, headers: tuple[str, ...]) -> None:
    """Dropdowns and date checks on the typing rows, by header name."""
    first, last = layout.COORDINATOR_HEADER_ROW + 1, layout.COORDINATOR_HEADER_ROW + EMPTY_ROWS
    for column, header in enumerate(headers, start=1):
        letter = column_letter(column)
        cells = f"{letter}{first}:{letter}{last}"
        if header in ("Date", "Due date"):
            _add(ws, _date_validation(), cells)
            for r in range(first, last + 1):
                style.dress(ws.cell(row=r, column=column), number_format=DATE_FORMAT)
        elif header == "Lead agency":
            _add(ws, _validation("list", "Pick the lead agency's code from the list.", formula1=AGENCIES_NAME), cells)
        elif header == "Status":
            prompt = "Pick a status: " + ", ".join(layout.ACTION_STATUSES) + "."
            _add(ws, _validation("list", prompt, formula1=STATUSES_NAME), cells)
        elif header == "Case" and ws.title == layout.REDACTIONS_SHEET:
            _add(ws, _validation("list", "Pick the case reference, or leave blank for every case.", formula1=CASES_NAME), cells)
        elif header == "Number attending":
            _add(ws, _validation("whole", "Type a whole number.", operator="between", formula1="0", formula2="10000"), cells)


def _validation(kind: str, prompt: str, **formulas) -> DataValidation:
    """A stop-style validation whose prompt doubles as its error message.

    List sources are defined names written as Excel writes them (no "="), never ranges on
    another sheet: Excel would move those into an extension block that openpyxl drops.
    """
    dv = DataValidation(type=kind, allow_blank=True, showErrorMessage=True, showInputMessage=True, errorStyle="stop", **formulas)
    dv.prompt = prompt_text(prompt)
    dv.errorTitle = "Not accepted"
    dv.error = dv.prompt
    return dv


def _date_validation() -> DataValidation:
    first, last = (str(int(to_excel(d))) for d in (EARLIEST_DATE, LATEST_DATE))
    return _validation("date", "Type a date as dd/mm/yyyy.", operator="between", formula1=first, formula2=last)


def _add(ws: Worksheet, dv: DataValidation, cells: str) -> None:
    dv.add(cells)
    ws.add_data_validation(dv)


# -- derived sheets, lists and metadata ------------------------------------------------------


def _derived_sheet(ws: Worksheet, name: str, headers: tuple[str, ...]) -> None:
    """Headers, widths and a wrapped look on whole columns: what the ribbon button writes takes it (Excel keeps a column's format)."""
    if headers:
        style.header_row(ws, 1, headers)
        for column, width in enumerate(master_look.expected_widths(headers), start=1):
            dimension = ws.column_dimensions[column_letter(column)]
            dimension.width = width
            dimension.font, dimension.alignment = style.FONT, style.WRAP
        ws.freeze_panes = "A2"
    else:
        style.put_text(ws.cell(row=1, column=1), f"{name}: filled in by the merge.", style.HINT_FONT, None)
    master_look.print_setup(ws)


def _write_lists(wb: Workbook, audit: Audit) -> None:
    ws = wb.create_sheet(layout.LISTS_SHEET)
    ws.sheet_state = "hidden"
    columns = {
        AGENCIES_NAME: [a.code for a in audit.agencies],
        STATUSES_NAME: list(layout.ACTION_STATUSES),
        CASES_NAME: [c.reference for c in audit.cases],
    }
    for column, (name, values) in enumerate(columns.items(), start=1):
        letter = column_letter(column)
        style.put_text(ws.cell(row=1, column=column), name, style.BOLD, None)
        for row, value in enumerate(values, start=2):
            style.put_text(ws.cell(row=row, column=column), value, alignment=None)
        last = max(2, len(values) + 1)
        wb.defined_names[name] = DefinedName(name, attr_text=f"'{layout.LISTS_SHEET}'!${letter}$2:${letter}${last}")
        ws.column_dimensions[letter].width = 24


def _write_meta(ws: Worksheet, audit: Audit, identity_key: bytes | None) -> None:
    values = {
        layout.META_FORMAT: layout.MASTER_FORMAT,
        layout.META_AUDIT_ID: audit.settings.audit_id,
        layout.META_TEMPLATE_VERSION: audit.settings.template_version,
        layout.META_DEFINITION_CHECKSUM: audit.checksum(),
    }
    if identity_key is not None:
        values[layout.META_IDENTITY_KEY] = identity.key_text(identity_key)
    for row, cells in enumerate(meta_sheet.meta_rows(values, audit_rows(audit)), start=1):
        for column, value in enumerate(cells, start=1):
            style.put_text(ws.cell(row=row, column=column), value, alignment=None)
    ws.sheet_state = "veryHidden"  # LibreOffice saves it as "hidden"; the merge checks the content
