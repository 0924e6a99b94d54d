"""The definition workbook the coordinator edits in Excel, written from an Audit."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ehwb_excel.definition import sheets
from ehwb_excel.definition.sheets import Column, SheetSpec
from ehwb_excel.excel.limits import PROMPT_MAX, prompt_text, prompt_title
from ehwb_excel.problems.location import column_letter
from ehwb_excel.files.atomic import replacing
from ehwb_excel.workbook import style
from ehwb_excel.audit.model import AskedPer, Audit, QuestionType

BODY, HEADER, TITLE, HEADER_FILL = style.FONT, style.HEADER_FONT, style.TITLE_FONT, style.HEADER_FILL  # the shared palette
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")  # a row's short values line up with its wrapped text

EDITABLE_ROWS = 500  # rows below the header that carry this workbook's own dropdowns

# Defined names behind this workbook's dropdowns: a validation that refers straight to another
# sheet is moved by Excel into an extension block that openpyxl drops, a defined name is not.
NAME_TYPES = "def_types"
NAME_YES_NO = "def_yes_no"
NAME_YES = "def_yes"
NAME_ASKED_PER = "def_asked_per"
NAME_LIST_NAMES = "def_list_names"
NAME_SECTION_IDS = "def_section_ids"
NAME_QUESTION_IDS = "def_question_ids"
NAME_AGENCY_CODES = "def_agency_codes"
SPARE_AGENCY_COLUMNS = 20  # header cells right of the agencies that offer agency codes for new columns

INSTRUCTIONS = (
    "How to describe the audit",
    "This workbook describes one multi-agency case file audit. Edit it in Excel (or LibreOffice), save it, then run 'ehwb check' on it: "
    "every mistake is listed with its sheet and cell. 'ehwb generate' then writes one workbook per agency.",
    "Audit: the audit's settings, one per row (Setting | Value). Keep the setting names; change the values.",
    "Agencies: one row per agency: a short code (used in file names), the full name, and a contact (a team mailbox, not a person's name).",
    "Cases: one row per case: an anonymous reference such as 'Case A' (never a child's name), an optional anonymous summary, "
    "and Yes under each agency that knows the case. A new agency needs a new column headed with its code.",
    "Sections: the case profile (Case profile? = Yes) and the key lines of enquiry, in the order agencies see them.",
    "Questions: one row per question, in order. Type is grade, choice, yes/no, number, date or free text. Grade, choice and yes/no "
    "questions take their dropdown from a list on the Lists sheet. 'Asked per' is case (every case) or agency (once per agency). "
    "'Only if question' and 'equals' ask a question only when an earlier answer is, e.g., Yes.",
    "Lists: the dropdowns, one row per value: list name, value, an optional score (grades) and an optional colour RRGGBB.",
    "Hover over a column header to read what to type in it. Header rows are row 1; do not insert rows above them.",
    "Never type a child's name, date of birth or address anywhere in this workbook.",
)


def write_definition(audit: Audit, path: str | os.PathLike) -> None:
    """Save `audit` as a definition workbook at `path` (replaced atomically: never half a file)."""
    with replacing(path) as temporary:
        definition_workbook(audit).save(temporary)


def definition_workbook(audit: Audit) -> Workbook:
    """The definition workbook for `audit`, ready to save; the coordinator edits it in Excel."""
    workbook = Workbook()
    _instructions(workbook.active)
    _audit_sheet(workbook.create_sheet(sheets.AUDIT.name), audit)
    _table(workbook, sheets.AGENCIES, [(a.code, a.name, a.contact) for a in audit.agencies])
    _cases_sheet(workbook, audit)
    _table(workbook, sheets.SECTIONS, [(s.id, s.title, s.description, _yes_no(s.is_profile)) for s in audit.sections])
    _table(workbook, sheets.QUESTIONS, [_question_row(q) for q in audit.questions])
    _lists_sheet(workbook, audit)
    _dropdowns(workbook, audit)
    _validations(workbook)
    for ws in workbook.worksheets:
        if ws.sheet_state == "visible":
            _print_setup(ws)
    return workbook


# -- sheets ---------------------------------------------------------------------------------------

def _instructions(ws: Worksheet) -> None:
    ws.title = sheets.INSTRUCTIONS_SHEET
    ws.column_dimensions["A"].width = 110
    title, *paragraphs = INSTRUCTIONS
    _put(ws, 1, 1, title).font = TITLE
    for row, paragraph in enumerate(paragraphs, start=3):
        cell = _put(ws, row, 1, paragraph)
        cell.alignment = WRAP
        style.fit_row_height(ws, row, grows=True)  # LibreOffice does not grow rows on opening: paragraphs would overlap


def _audit_sheet(ws: Worksheet, audit: Audit) -> None:
    _headers(ws, sheets.AUDIT.columns)
    for row, setting in enumerate(sheets.SETTINGS, start=2):
        value = getattr(audit.settings, setting.field)
        _put(ws, row, 1, setting.label)
        cell = _put(ws, row, 2, value)
        if setting.field == "deadline":
            cell.number_format = "dd/mm/yyyy"
        _put(ws, row, 3, setting.about).alignment = WRAP


def _cases_sheet(workbook: Workbook, audit: Audit) -> None:
    codes = [a.code for a in audit.agencies]
    agency_columns = tuple(Column(f"agency:{code}", code, sheets.CASE_AGENCY_NOTE, max(10, len(code) + 3)) for code in codes)
    spec = SheetSpec(sheets.CASES.name, sheets.CASES.what, sheets.CASES.columns + agency_columns)
    rows = [(c.reference, c.summary, *("Yes" if code in c.agencies else None for code in codes)) for c in audit.cases]
    ws = _table(workbook, spec, rows)
    first, last = column_letter(3), column_letter(2 + len(codes) + SPARE_AGENCY_COLUMNS)
    _validate(ws, f"{first}2:{last}{EDITABLE_ROWS + 1}", NAME_YES, "Knows the case?", "Yes if the agency knows this case; else leave blank.")
    _validate(ws, f"{first}1:{last}1", NAME_AGENCY_CODES, "Agency code", "The code of an agency on the Agencies sheet.")


def _lists_sheet(workbook: Workbook, audit: Audit) -> None:
    rows = [(cl.name, c.value, c.score, c.colour) for cl in audit.choice_lists for c in cl.choices]
    ws = _table(workbook, sheets.LISTS, rows)
    for row, (_, _, _, colour) in enumerate(rows, start=2):
        if colour:  # show the colour it names
            ws.cell(row, 4).fill = style.solid_fill(colour)


def _dropdowns(workbook: Workbook, audit: Audit) -> None:
    """The hidden sheet of fixed values behind this workbook's own dropdowns, each a defined name."""
    ws = workbook.create_sheet(sheets.DROPDOWNS_SHEET)
    ws.sheet_state = "hidden"
    columns = (
        (NAME_TYPES, [t.value for t in QuestionType]),
        (NAME_YES_NO, ["Yes", "No"]),
        (NAME_YES, ["Yes"]),
        (NAME_ASKED_PER, [a.value for a in AskedPer]),
        (NAME_LIST_NAMES, [cl.name for cl in audit.choice_lists] or [""]),
    )
    for column, (name, values) in enumerate(columns, start=1):
        _put(ws, 1, column, name).font = HEADER
        for row, value in enumerate(values, start=2):
            _put(ws, row, column, value)
        letter = column_letter(column)
        _define(workbook, name, f"'{ws.title}'!${letter}$2:${letter}${len(values) + 1}")
    last = EDITABLE_ROWS + 1
    _define(workbook, NAME_SECTION_IDS, f"'{sheets.SECTIONS.name}'!$A$2:$A${last}")
    _define(workbook, NAME_QUESTION_IDS, f"'{sheets.QUESTIONS.name}'!$A$2:$A${last}")
    _define(workbook, NAME_AGENCY_CODES, f"'{sheets.AGENCIES.name}'!$A$2:$A${last}")


def _validations(workbook: Workbook) -> None:
    last = EDITABLE_ROWS + 1
    questions = workbook[sheets.QUESTIONS.name]
    col = {c.key: column_letter(i) for i, c in enumerate(sheets.QUESTIONS.columns, start=1)}

    def question_column(key: str, name: str, strict: bool = True) -> None:
        column = sheets.QUESTIONS.column(key)
        _validate(questions, f"{col[key]}2:{col[key]}{last}", name, column.header, column.note, strict=strict)

    question_column("type", NAME_TYPES)
    question_column("required", NAME_YES_NO)
    question_column("asked_per", NAME_ASKED_PER)
    # Not strict: a new section, list or question may be typed before it appears in the dropdown;
    # `ehwb check` still refuses an unknown one.
    question_column("section", NAME_SECTION_IDS, strict=False)
    question_column("choice_list", NAME_LIST_NAMES, strict=False)
    question_column("condition_question", NAME_QUESTION_IDS, strict=False)
    guidance = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(PROMPT_MAX), allow_blank=True,
                              showErrorMessage=True, errorStyle="stop", error=f"Guidance becomes an input prompt: at most {PROMPT_MAX} characters.",
                              errorTitle="Guidance too long")
    guidance.add(f"{col['guidance']}2:{col['guidance']}{last}")
    questions.add_data_validation(guidance)
    sections = workbook[sheets.SECTIONS.name]
    _validate(sections, f"D2:D{last}", NAME_YES_NO, "Case profile?", sheets.SECTIONS.column("is_profile").note)


# -- small helpers --------------------------------------------------------------------------------

def _table(workbook: Workbook, spec: SheetSpec, rows: Iterable[Sequence]) -> Worksheet:
    ws = workbook.create_sheet(spec.name)
    _headers(ws, spec.columns)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if value is not None and value != "":
                cell = _put(ws, row_number, column, value)
                if isinstance(value, str) and len(value) > 40:
                    cell.alignment = WRAP
        style.fit_row_height(ws, row_number, grows=True)  # wrapped text shows whole in LibreOffice too
    return ws


def _headers(ws: Worksheet, columns: Sequence[Column]) -> None:
    for column, spec in enumerate(columns, start=1):
        cell = _put(ws, 1, column, spec.header)
        cell.font, cell.fill = HEADER, HEADER_FILL
        cell.comment = Comment(spec.note, "ehwb", width=260, height=110)
        ws.column_dimensions[column_letter(column)].width = spec.width
    ws.freeze_panes = "A2"


def _print_setup(ws: Worksheet) -> None:
    """Landscape A4, one page wide (readable: no sheet is wider than 60 % fits), the header row on every page."""
    is_instructions = ws.title == sheets.INSTRUCTIONS_SHEET
    style.print_setup(ws, landscape=True, title_rows=None if is_instructions else "1:1")


def _put(ws: Worksheet, row: int, column: int, value):
    """Write a value in the named font; text is always text, never a formula."""
    cell = style.put_value(ws.cell(row, column), value)
    cell.font, cell.alignment = BODY, TOP
    return cell


def _validate(ws: Worksheet, cells: str, defined_name: str, title: str, prompt: str, *, strict: bool = True) -> None:
    validation = DataValidation(
        type="list", formula1=defined_name, allow_blank=True,
        showInputMessage=True, promptTitle=prompt_title(title), prompt=prompt_text(prompt),
        showErrorMessage=True, errorStyle="stop" if strict else "warning",
        errorTitle=prompt_title(title), error=prompt_text("Choose a value from the dropdown." if strict
                                                          else "Not in the dropdown yet: 'ehwb check' will say if it is unknown."),
    )
    validation.add(cells)
    ws.add_data_validation(validation)


def _define(workbook: Workbook, name: str, reference: str) -> None:
    workbook.defined_names[name] = DefinedName(name, attr_text=reference)


def _yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def _question_row(q) -> tuple:
    condition = q.condition
    return (
        q.id, q.section_id, q.text, q.type.value, q.choice_list, _yes_no(q.required), q.asked_per.value, q.guidance,
        condition.question_id if condition else None, condition.value if condition else None, q.report_label or None,
    )
