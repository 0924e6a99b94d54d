"""The workbook one agency fills in: a start sheet, one sheet per case, dropdowns, hidden metadata."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from openpyxl import Workbook
from openpyxl.formatting.rule import Rule
from ehwb_excel.problems.location import column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ehwb_excel.excel import layout

from ehwb_excel.excel import meta_sheet, palette
from ehwb_excel.workbook import style
from ehwb_excel.excel.limits import CELL_TEXT_MAX, prompt_text, prompt_title, shortened
from ehwb_excel.audit import identity
from ehwb_excel.audit.model import Agency, AskedPer, Audit, Question, QuestionType, Section

# -- where things are on an answer sheet (readers find them by the key row, not by these) -------
TITLE_ROW = 1
HINT_ROW = 2
KEY_ROW = 3  # hidden: layout.ANSWER_SHEET_COLUMNS, then COL_SUBJECT and the subject
HEADER_ROW = 4
FIRST_ROW = 5
VISIBLE_HEADERS = {
    layout.COL_REF: "No.",
    layout.COL_QUESTION: "Question",
    layout.COL_ANSWER: "Answer",
    layout.COL_COMMENT: "Comment / evidence",
    layout.COL_GUIDANCE: "Guidance",
    layout.COL_QUESTION_ID: "Question ID",
}
WIDTHS = {
    layout.COL_REF: 6,
    layout.COL_QUESTION: 40,
    layout.COL_ANSWER: 42,  # free-text answers (Strengths, Areas for development) are typed here: a paragraph's width
    layout.COL_COMMENT: 42,
    layout.COL_GUIDANCE: 38,
    layout.COL_QUESTION_ID: 16,
}
COLUMN = {key: index for index, key in enumerate(layout.ANSWER_SHEET_COLUMNS, start=1)}
SUBJECT_COLUMN = len(layout.ANSWER_SHEET_COLUMNS) + 2  # one empty column after the table

# Dates an agency can type: anything from 2000 to 2100 (catches 26/03/1926 and 2062 typos).
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2100, 12, 31)
NUMBER_MAX = 1_000_000
DATE_FORMAT = "dd/mm/yyyy"

# Where answers and evidence go: said the same on every answer sheet and on the start sheet.
ANSWER_GUIDANCE = (
    "Every answer goes in the Answer column: pick it from the dropdown, or type it (written answers such as "
    "Strengths and Areas for development, numbers, dates as dd/mm/yyyy). Evidence and comments go in the "
    "'Comment / evidence' column beside it. Rows grow as you type."
)


@dataclass
class AnswerSheet:
    """One sheet of questions as written: its name, subject and the row of each question."""

    name: str
    subject: str  # "case:Case A" or "agency"
    about: str  # what the start sheet says it is about
    rows: dict[str, int] = field(default_factory=dict)  # question id -> row
    questions: list[Question] = field(default_factory=list)

    @property
    def last_row(self) -> int:
        return max(self.rows.values(), default=FIRST_ROW)


# -- the whole workbook ------------------------------------------------------------------------


def agency_workbook(audit: Audit, agency_code: str, generated_at: datetime | None = None, *,
                    identity_key: bytes | None = None) -> Workbook:
    """The workbook for one agency (not saved): only the cases that agency knows.

    With `identity_key` (the master's) its hidden metadata carries the agency's token
    (`audit.identity`), which the merge checks; without, it carries none.

    Raises ValueError when the agency is not in the audit.
    """
    agency = audit.agency(agency_code)
    if agency is None:
        known = ", ".join(a.code for a in audit.agencies)
        raise ValueError(f"agency '{agency_code}' is not in audit {audit.settings.audit_id} (known: {known})")
    marking = audit.settings.protective_marking
    wb = style.new_workbook()
    start = wb.active
    start.title = layout.START_SHEET
    lists = _write_lists(wb, audit)

    refs = question_refs(audit)
    sheets: list[AnswerSheet] = []
    for case in audit.cases_for(agency.code):
        sheet = AnswerSheet(case.reference, f"{layout.SUBJECT_CASE_PREFIX}{case.reference}", "Case")
        _write_answer_sheet(wb.create_sheet(case.reference), audit, agency, sheet, AskedPer.CASE, refs)
        sheets.append(sheet)
    if any(q.asked_per is AskedPer.AGENCY for q in audit.questions):
        sheet = AnswerSheet(layout.AGENCY_SHEET, layout.SUBJECT_AGENCY, "Your agency (answer once)")
        _write_answer_sheet(wb.create_sheet(layout.AGENCY_SHEET), audit, agency, sheet, AskedPer.AGENCY, refs)
        sheets.append(sheet)

    _write_start(start, audit, agency, sheets)
    wb.move_sheet(lists, offset=len(wb.sheetnames))  # the hidden sheets go last
    _write_meta(wb.create_sheet(layout.META_SHEET), audit, agency, sheets, generated_at, identity_key)

    for ws in wb.worksheets:
        style.mark(ws, marking, f"{audit.settings.audit_id} \u2013 {agency.code}")
    wb.active = 0
    wb.calculation.fullCalcOnLoad = True  # openpyxl writes no cached results: calculate on open
    wb.properties.title = f"{audit.settings.theme} audit \u2013 {agency.name}"
    wb.properties.subject = f"{audit.settings.partnership}: {audit.settings.period}"
    wb.properties.creator = "ehwb_excel"  # never a person's name
    wb.properties.lastModifiedBy = None
    wb.properties.keywords = marking
    return wb


def ordered_sections(audit: Audit) -> list[Section]:
    """Sections in the order the workbook shows them: the case profile, the other case sections, then the agency's own.

    Case sheets come before the agency sheet, so numbering in this order reads 1, 2, 3 ... on
    every case sheet and carries on on the agency sheet: no case sheet jumps over a number.
    """
    def asked_per_case(section: Section) -> bool:
        return bool(audit.questions_in(section.id, AskedPer.CASE))

    return sorted(audit.sections, key=lambda s: (not s.is_profile, not asked_per_case(s)))


def question_refs(audit: Audit) -> dict[str, str]:
    """Question id -> its printed number "2.3" (section, question), the same on every sheet.

    Within a section the case questions are numbered before the agency questions, so each sheet
    shows a section's questions without a gap.
    """
    refs = {}
    for s_number, section in enumerate(ordered_sections(audit), start=1):
        questions = sorted(audit.questions_in(section.id), key=lambda q: q.asked_per is not AskedPer.CASE)
        for q_number, question in enumerate(questions, start=1):
            refs[question.id] = f"{s_number}.{q_number}"
    return refs


# -- lists sheet and defined names ---------------------------------------------------------------


def _write_lists(wb: Workbook, audit: Audit) -> Worksheet:
    """One column per choice list on a hidden sheet, each column a workbook-level defined name.

    Dropdowns refer to the name, never to the range: Excel keeps a named source in the classic
    validation block, but moves a direct cross-sheet range into an extension openpyxl drops.
    """
    ws = wb.create_sheet(layout.LISTS_SHEET)
    ws.sheet_state = "hidden"
    seen: dict[str, str] = {}
    for column, choice_list in enumerate(audit.choice_lists, start=1):
        name = layout.list_name_for(choice_list.name)
        if name in seen:
            raise ValueError(f"choice lists '{seen[name]}' and '{choice_list.name}' give the same name {name}")
        seen[name] = choice_list.name
        style.put_text(ws.cell(row=1, column=column), choice_list.name, style.BOLD)
        for row, value in enumerate(choice_list.values, start=2):
            style.put_text(ws.cell(row=row, column=column), value)
        letter = ws.cell(row=1, column=column).column_letter
        last = max(2, len(choice_list.values) + 1)
        ref = f"{_quote(layout.LISTS_SHEET)}!${letter}$2:${letter}${last}"
        wb.defined_names[name] = DefinedName(name, attr_text=ref)
        ws.column_dimensions[letter].width = 28
    style.protect(ws)
    return ws


# -- answer sheets ----------------------------------------------------------------------------


def _write_answer_sheet(ws: Worksheet, audit: Audit, agency: Agency, sheet: AnswerSheet, per: AskedPer, refs: dict) -> None:
    if ws.title != sheet.name:  # openpyxl renames a clashing sheet silently ("Start1"); readers would not find it
        raise ValueError(f"sheet name '{sheet.name}' is used twice or is reserved; give the case another reference")
    title = sheet.name if per is AskedPer.CASE else "Questions for your agency (answer once)"
    style.put_text(ws.cell(row=TITLE_ROW, column=1), f"{title} \u2013 {audit.settings.theme}", style.TITLE_FONT, None)
    style.put_text(
        ws.cell(row=HINT_ROW, column=1),
        f"{agency.name}. {ANSWER_GUIDANCE} Yellow answer cells are required and still empty. "
        "Refer to the child only by the case reference.",
        style.HINT_FONT,
    )
    for key, column in COLUMN.items():
        ws.cell(row=KEY_ROW, column=column, value=key)
    ws.cell(row=KEY_ROW, column=SUBJECT_COLUMN, value=layout.COL_SUBJECT)
    style.put_text(ws.cell(row=KEY_ROW, column=SUBJECT_COLUMN + 1), sheet.subject, alignment=None)
    ws.row_dimensions[KEY_ROW].hidden = True
    style.header_row(ws, HEADER_ROW, [VISIBLE_HEADERS[key] for key in layout.ANSWER_SHEET_COLUMNS])

    for key, width in WIDTHS.items():
        ws.column_dimensions[_letter(key)].width = width
    ws.merge_cells(start_row=HINT_ROW, start_column=1, end_row=HINT_ROW, end_column=COLUMN[layout.COL_GUIDANCE])
    style.fit_row_height(ws, HINT_ROW)  # the hint wraps across the table's width
    row = FIRST_ROW
    for section in ordered_sections(audit):
        questions = audit.questions_in(section.id, per)
        if not questions:
            continue
        _section_row(ws, row, section, refs[questions[0].id].split(".")[0])
        row += 1
        for question in questions:
            sheet.rows[question.id] = row
            sheet.questions.append(question)
            _question_row(ws, row, audit, question, refs)
            row += 1

    for question in sheet.questions:
        _answer_validation(ws, audit, question, sheet.rows[question.id])
    _answer_formats(ws, audit, sheet)
    ws.column_dimensions[_letter(layout.COL_QUESTION_ID)].hidden = True
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1).coordinate
    style.print_setup(
        ws, landscape=True, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", area=f"A1:{_letter(layout.COL_GUIDANCE)}{max(row - 1, HEADER_ROW)}"
    )
    style.protect(ws)


def _section_row(ws: Worksheet, row: int, section: Section, number: str) -> None:
    style.put_text(ws.cell(row=row, column=COLUMN[layout.COL_REF]), number, style.SUBTITLE_FONT)
    text = section.title + (f": {section.description}" if section.description else "")
    style.put_text(ws.cell(row=row, column=COLUMN[layout.COL_QUESTION]), text, style.SUBTITLE_FONT)
    for column in range(1, COLUMN[layout.COL_GUIDANCE] + 1):
        style.dress(ws.cell(row=row, column=column), fill=style.SECTION_FILL)
    # one wide title across the table (the row has no question id, so readers skip it)
    ws.merge_cells(start_row=row, start_column=COLUMN[layout.COL_QUESTION], end_row=row, end_column=COLUMN[layout.COL_GUIDANCE])
    style.fit_row_height(ws, row)


def _question_row(ws: Worksheet, row: int, audit: Audit, question: Question, refs: dict) -> None:
    def cell(key: str):
        return ws.cell(row=row, column=COLUMN[key])

    style.put_text(cell(layout.COL_REF), refs[question.id], alignment=style.WRAP_CENTRE)
    style.put_text(cell(layout.COL_QUESTION), question.text)
    style.put_text(cell(layout.COL_GUIDANCE), guidance_text(audit, question, refs), style.HINT_FONT)
    style.put_text(cell(layout.COL_QUESTION_ID), question.id, alignment=None)
    for key in (layout.COL_ANSWER, layout.COL_COMMENT):
        style.dress(cell(key), font=style.FONT, alignment=style.WRAP, border=style.BOX, fill=style.INPUT_FILL,
                    protection=style.UNLOCKED)
    if question.type is QuestionType.DATE:
        style.dress(cell(layout.COL_ANSWER), number_format=DATE_FORMAT)
    for key in (layout.COL_REF, layout.COL_QUESTION, layout.COL_GUIDANCE):
        style.dress(cell(key), border=style.BOX)
    # answers and evidence are typed on this row: it grows as they are (no custom height)
    paragraph = style.PARAGRAPH_LINES if question.type is QuestionType.TEXT else 1
    style.fit_row_height(ws, row, range(1, COLUMN[layout.COL_GUIDANCE] + 1), min_lines=paragraph, grows=True)


def guidance_text(audit: Audit, question: Question, refs: dict) -> str:
    """What the guidance column says: required or not, the condition, then the definition's guidance."""
    parts = ["Required." if question.required else "Optional."]
    if question.condition:
        ref = refs.get(question.condition.question_id, question.condition.question_id)
        parts.append(f"Answer only if {ref} is '{question.condition.value}'.")
    if question.guidance:
        parts.append(question.guidance)
    return " ".join(parts)


# -- validations and conditional formats -----------------------------------------------------


def _answer_validation(ws: Worksheet, audit: Audit, question: Question, row: int) -> None:
    """Every answer cell gets a validation: a named-list dropdown, a number, a date or a text length."""
    target = ws.cell(row=row, column=COLUMN[layout.COL_ANSWER]).coordinate
    choices = audit.choices_for(question)
    if question.type.has_list and choices is not None:
        dv = DataValidation(type="list", formula1=layout.list_name_for(choices.name))  # as Excel writes it: no "="
        error = f"Please pick one of the answers in the dropdown list ({shortened(', '.join(choices.values), 150)})."
    elif question.type is QuestionType.NUMBER:
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(NUMBER_MAX))
        error = f"Please type a number from 0 to {NUMBER_MAX:,}, without words or units."
    elif question.type is QuestionType.DATE:
        dv = DataValidation(
            type="date", operator="between", formula1=str(int(to_excel(EARLIEST_DATE))), formula2=str(int(to_excel(LATEST_DATE)))
        )
        error = "Please type a date as dd/mm/yyyy, between 01/01/2000 and 31/12/2100."
    else:  # free text; the length limit is Excel's own cell limit
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(CELL_TEXT_MAX))
        error = f"The answer is longer than a cell can hold ({CELL_TEXT_MAX:,} characters). Please shorten it."
    dv.allow_blank = True
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    ref = ws.cell(row=row, column=COLUMN[layout.COL_REF]).value or ""
    dv.errorTitle = prompt_title(f"Answer {ref} not accepted")
    dv.error = prompt_text(error)
    dv.showInputMessage = True
    dv.promptTitle = prompt_title(f"Question {ref}")
    dv.prompt = prompt_text(_prompt(question))
    dv.add(target)
    ws.add_data_validation(dv)


def _prompt(question: Question) -> str:
    """The input prompt: the guidance, or else how to answer."""
    if question.guidance:
        return question.guidance
    hints = {
        QuestionType.NUMBER: "Type a number.",
        QuestionType.DATE: "Type a date as dd/mm/yyyy.",
        QuestionType.TEXT: "Type your answer; evidence can go in the comment column.",
    }
    return hints.get(question.type, "Pick an answer from the dropdown list.")


def _answer_formats(ws: Worksheet, audit: Audit, sheet: AnswerSheet) -> None:
    """Grade colours on grade answers; light yellow on required answers still empty."""
    column = _letter(layout.COL_ANSWER)
    grade_cells: dict[str, list[str]] = {}
    for question in sheet.questions:
        address = f"${column}${sheet.rows[question.id]}"
        if question.type is QuestionType.GRADE and question.choice_list:
            grade_cells.setdefault(question.choice_list, []).append(address.replace("$", ""))
        condition = required_condition(sheet, question, column)
        if condition is not None:
            empty = f"LEN(TRIM({address}))=0"
            formula = f"AND({condition},{empty})" if condition else empty
            ws.conditional_formatting.add(address.replace("$", ""), _formula_rule(formula, style.TO_DO_COLOUR))
    for list_name, cells in grade_cells.items():
        choice_list = audit.choice_list(list_name)
        for choice in choice_list.choices if choice_list else ():
            if choice.colour:
                rule = _equal_rule(_string_literal(choice.value), choice.colour)
                ws.conditional_formatting.add(" ".join(cells), rule)


def _formula_rule(formula: str, colour: str) -> Rule:
    """Fill with `colour` where `formula` is true (openpyxl's FormulaRule, with a shared fill)."""
    return Rule(type="expression", formula=[formula], dxf=style.highlight(colour))


def _equal_rule(literal: str, colour: str) -> Rule:
    """Fill with `colour` where the cell equals `literal` (openpyxl's CellIsRule, with a shared fill)."""
    return Rule(type="cellIs", operator="equal", formula=[literal], dxf=style.highlight(colour))


def required_condition(sheet: AnswerSheet, question: Question, column: str, prefix: str = "") -> str | None:
    """When a question must be answered, as a formula: "" always, None never (or not expressible here).

    A conditional question counts only when its condition's answer is on the same sheet.
    `prefix` ("'Case A'!") makes the reference work from another sheet.
    """
    if not question.required:
        return None
    if question.condition is None:
        return ""
    row = sheet.rows.get(question.condition.question_id)
    if row is None:
        return None
    return f"{prefix}${column}${row}={_string_literal(question.condition.value)}"


# -- start sheet ------------------------------------------------------------------------------


def _write_start(ws: Worksheet, audit: Audit, agency: Agency, sheets: list[AnswerSheet]) -> None:
    s = audit.settings
    style.set_widths(ws, {"A": 24, "B": 28, "C": 11, "D": 17, "E": 11, "F": 14, "G": 14})
    style.put_text(ws["A1"], s.protective_marking, style.MARKING_FONT, None)
    style.put_text(ws["A2"], f"Multi-agency case file audit: {s.theme}", style.TITLE_FONT, None)
    style.put_text(ws["A3"], f"For {agency.name} ({agency.code})", style.SUBTITLE_FONT, None)
    cases = [sheet.name for sheet in sheets if sheet.subject.startswith(layout.SUBJECT_CASE_PREFIX)]
    purpose = (
        f"{s.partnership} is auditing how well agencies worked together for children, on the theme "
        f"'{s.theme}'. Your agency knew {len(cases)} of the audited case{'s' if len(cases) != 1 else ''}: "
        f"{', '.join(cases) or 'none'}. Please answer the questions on each case sheet"
        + (f" and, once, on the '{layout.AGENCY_SHEET}' sheet." if any(sh.name == layout.AGENCY_SHEET for sh in sheets) else ".")
    )
    phone = f", {s.coordinator_phone}" if s.coordinator_phone else ""
    facts = [
        ("Purpose", purpose),
        ("Theme", s.theme),
        ("Partnership", s.partnership),
        ("Audit", s.audit_id),
        ("Period", s.period),
        ("Return by", long_date(s.deadline)),
        ("Coordinator", f"{s.coordinator} ({s.coordinator_email}{phone})"),
        ("Protective marking", f"{s.protective_marking}. Handle and store this workbook accordingly."),
    ]
    row = 5
    for label, value in facts:
        row = _fact_row(ws, row, label, value)
    row += 1
    style.put_text(ws.cell(row=row, column=1), "How to fill in", style.SUBTITLE_FONT, None)
    row += 1
    for number, step in enumerate(how_to_steps(audit), start=1):
        row = _fact_row(ws, row, f"Step {number}", step)
    row += 1
    style.put_text(ws.cell(row=row, column=1), "Your progress (updates as you answer)", style.SUBTITLE_FONT, None)
    row += 1
    _progress_table(ws, row, sheets)
    note = row + len(sheets) + 1
    style.put_text(ws.cell(row=note, column=1), PROGRESS_NOTE, style.HINT_FONT)
    ws.merge_cells(start_row=note, start_column=1, end_row=note, end_column=7)
    style.fit_row_height(ws, note)
    ws.sheet_view.showGridLines = False
    style.print_setup(ws, landscape=False, area=f"A1:G{note}")
    style.protect(ws)


def long_date(day: date) -> str:
    """A date as the start sheet writes it: "Friday 29 January 2027"."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def how_to_steps(audit: Audit) -> list[str]:
    s = audit.settings
    return [
        "Open each case sheet (the tabs at the bottom, named by case reference) in turn.",
        "Read the guidance beside each question, then click its cell in the Answer column: pick from the dropdown, "
        "or type the answer. Written answers such as Strengths and Areas for development are typed in the Answer "
        "column too; the row grows to show all you type.",
        "Type your evidence or comments in the 'Comment / evidence' column beside the answer.",
        "Required questions are highlighted in yellow until they are answered. Some become required only after an "
        "earlier answer (the guidance says which, e.g. 'Answer only if 1.1 is ...'), so the number required "
        "can rise as you answer; the table below counts what is required now, given your answers.",
        "Never write a child's or family member's name: use the case reference only.",
        "Save the workbook as an Excel workbook (.xlsx) under any file name, and email or upload it to "
        f"{s.coordinator} ({s.coordinator_email}) by {long_date(s.deadline)}.",
        "The sheets are protected so that questions cannot be changed by mistake; only the answer and comment cells take typing.",
    ]


def _fact_row(ws: Worksheet, row: int, label: str, value: str) -> int:
    style.put_text(ws.cell(row=row, column=1), label, style.BOLD)
    style.put_text(ws.cell(row=row, column=2), value)
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=7)
    style.fit_row_height(ws, row)  # merged cells do not grow to fit their text
    return row + 1


PROGRESS_HEADERS = ("Sheet", "About", "Questions", "Required now, given your answers", "Answered", "Required still to do", "Status")
PROGRESS_NOTE = (
    "'Required now' counts the questions your answers so far make required: it rises when an answer opens "
    "questions that depend on it. 'Answered' counts every answer given, required or not."
)


def _progress_table(ws: Worksheet, row: int, sheets: list[AnswerSheet]) -> None:
    style.header_row(ws, row, PROGRESS_HEADERS)
    style.fit_row_height(ws, row, min_lines=3)  # bold headers wrap sooner than the estimate
    for sheet in sheets:
        row += 1
        name = _quote(sheet.name)
        answer = _letter(layout.COL_ANSWER)
        link = style.put_text(ws.cell(row=row, column=1), sheet.name, style.LINK_FONT)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{name}!A1", display=sheet.name)
        style.put_text(ws.cell(row=row, column=2), sheet.about)
        style.dress(ws.cell(row=row, column=3, value=len(sheet.questions)), font=style.FONT)
        always, required, to_do = 0, [], []
        for question in sheet.questions:
            when = required_condition(sheet, question, answer, prefix=f"{name}!")
            if when is None:
                continue
            always += when == ""
            empty = f"(LEN(TRIM({name}!${answer}${sheet.rows[question.id]}))=0)"
            required.extend([f"({when})"] if when else [])
            to_do.append(f"({when})*{empty}" if when else empty)
        put = style.put_formula
        put(ws.cell(row=row, column=4), "=" + "+".join([str(always), *required]))
        put(ws.cell(row=row, column=5), f"=COUNTA({name}!${answer}${FIRST_ROW}:${answer}${sheet.last_row})")
        put(ws.cell(row=row, column=6), "=" + ("+".join(to_do) or "0"))
        put(ws.cell(row=row, column=7), f'=IF(F{row}=0,"Complete","To do")')
        for column in range(1, 8):
            style.dress(ws.cell(row=row, column=column), border=style.BOX)
    if not sheets:
        return
    done = f"G{row - len(sheets) + 1}:G{row}"
    ws.conditional_formatting.add(done, _equal_rule('"Complete"', palette.DONE_GREEN))
    ws.conditional_formatting.add(done, _equal_rule('"To do"', style.TO_DO_COLOUR))


# -- hidden metadata ---------------------------------------------------------------------------


def _write_meta(ws: Worksheet, audit: Audit, agency: Agency, sheets: list[AnswerSheet], generated_at: datetime | None,
                identity_key: bytes | None = None) -> None:
    when = generated_at or datetime.now(timezone.utc)
    when = when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)
    values = {
        layout.META_FORMAT: layout.RETURN_FORMAT,
        layout.META_AUDIT_ID: audit.settings.audit_id,
        layout.META_AGENCY: agency.code,
        layout.META_TEMPLATE_VERSION: audit.settings.template_version,
        layout.META_DEFINITION_CHECKSUM: audit.checksum(),
        layout.META_GENERATED_AT: when.isoformat(timespec="seconds"),
    }
    case_rows = [
        (layout.META_CASE_SHEETS, sheet.name, sheet.subject[len(layout.SUBJECT_CASE_PREFIX):])
        for sheet in sheets
        if sheet.subject.startswith(layout.SUBJECT_CASE_PREFIX)
    ]
    if identity_key is not None:
        cases = [case for _, _, case in case_rows]
        values[layout.META_AGENCY_TOKEN] = identity.agency_token(identity_key, audit.settings.audit_id, agency.code, cases)
    for row, values_row in enumerate(meta_sheet.meta_rows(values, case_rows), start=1):
        for column, value in enumerate(values_row, start=1):
            style.put_text(ws.cell(row=row, column=column), value, alignment=None)
    ws.sheet_state = "veryHidden"  # LibreOffice saves it as "hidden": the merge checks, not this
    style.protect(ws)


# -- small helpers -----------------------------------------------------------------------------


def _letter(key: str) -> str:
    return column_letter(COLUMN[key])


def _quote(sheet_name: str) -> str:
    """A sheet name as a formula reference: 'Case A' (quotes doubled inside)."""
    return "'" + sheet_name.replace("'", "''") + "'"


def _string_literal(text: str) -> str:
    """A formula string literal: "Good" (quotes doubled inside)."""
    return '"' + str(text).replace('"', '""') + '"'
