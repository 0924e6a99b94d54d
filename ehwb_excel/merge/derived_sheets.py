"""The master's derived sheets as SheetTables, built from merged Responses rows and the report."""

from __future__ import annotations

import math
from collections.abc import Mapping

from ehwb_excel.excel import layout
from ehwb_excel.excel.cell_text import ILLEGAL_CHARACTERS, storable
from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.merge.case_profiles import combine
from ehwb_excel.merge.response_row import ResponseRow
from ehwb_excel.merge.quote_choices import QuoteKey, quote_choices_table
from ehwb_excel.audit.model import AskedPer, Audit, QuestionType
from ehwb_excel.problems.problem import Report
from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.merge.submission import Submission

def derived_sheets(audit: Audit, submissions: list[Submission], responses: list[ResponseRow], report: Report,
                   merge_log: list[tuple], history: list[tuple], quote_choices: Mapping[QuoteKey, str] | None = None) -> list[SheetTable]:
    """One SheetTable per layout.DERIVED_SHEETS, in that order; `quote_choices` are the panel's earlier choices."""
    tables = {
        layout.SUBMISSIONS_SHEET: SheetTable(layout.SUBMISSIONS_SHEET, layout.SUBMISSIONS_COLUMNS, [s.row() for s in submissions]),
        layout.RESPONSES_SHEET: SheetTable(layout.RESPONSES_SHEET, layout.RESPONSES_COLUMNS, list(responses), excel_table=layout.RESPONSES_TABLE),
        layout.GRADES_SHEET: grades_table(audit, responses),
        layout.CASE_PROFILES_SHEET: case_profiles_table(audit, responses),
        layout.QUOTE_CHOICES_SHEET: quote_choices_table(audit, responses, quote_choices or {}),
        layout.ISSUES_SHEET: issues_table(report),
        layout.MERGE_LOG_SHEET: SheetTable(layout.MERGE_LOG_SHEET, layout.MERGE_LOG_COLUMNS, list(merge_log)),
        layout.HISTORY_SHEET: SheetTable(layout.HISTORY_SHEET, layout.HISTORY_COLUMNS, list(history)),
    }
    return [storable_table(tables[name]) for name in layout.DERIVED_SHEETS]


def storable_table(table: SheetTable) -> SheetTable:
    """`table` with every header and cell as a cell can hold it (`cell_text.storable`, the rule Issues
    uses too): a message quoting a 32,000-character answer, a file naming its agency in 40,000
    characters or with a control character would otherwise stop the master being saved for everyone."""
    table.headers = tuple(storable(h) for h in table.headers)
    for index, row in enumerate(table.rows):
        if any(_unstorable(v) for v in row):
            table.rows[index] = row._make(map(storable, row)) if hasattr(row, "_make") else tuple(map(storable, row))
    return table


def _answers(responses: list[ResponseRow]) -> dict[tuple, object]:
    """(case, agency, question id) -> answer."""
    return {(r.case, r.agency, r.question_id): r.answer for r in responses}


def grades_table(audit: Audit, responses: list[ResponseRow]) -> SheetTable:
    """Grade questions down, one column per case and agency across, coloured like the grade scale."""
    columns = [(case.reference, code) for case in audit.cases for code in case.agencies]
    headers = layout.GRADES_COLUMNS + tuple(layout.grade_column(case, code) for case, code in columns)
    answers = _answers(responses)
    table = SheetTable(layout.GRADES_SHEET, headers)
    questions = [q for q in audit.questions if q.type is QuestionType.GRADE and q.asked_per is AskedPer.CASE]
    for row_number, question in enumerate(questions, start=1):
        section = audit.section(question.section_id)
        grades = [answers.get((case, code, question.id)) for case, code in columns]
        table.rows.append((section.title if section else None, question.id, question.text, *grades))
        choices = audit.choices_for(question)
        for offset, grade in enumerate(grades, start=len(layout.GRADES_COLUMNS) + 1):
            choice = choices.find(grade) if choices is not None and isinstance(grade, str) else None
            if choice is not None and choice.colour and choice.value == grade:
                table.fills[(row_number, offset)] = choice.colour
    return table


def case_profiles_table(audit: Audit, responses: list[ResponseRow]) -> SheetTable:
    """For each case and case-profile question: the agencies' answers combined by a stated rule."""
    answers = _answers(responses)
    table = SheetTable(layout.CASE_PROFILES_SHEET, layout.CASE_PROFILES_COLUMNS)
    profile_questions = [
        q for section in audit.sections if section.is_profile for q in audit.questions_in(section.id, AskedPer.CASE)
    ]
    for case in audit.cases:
        for question in profile_questions:
            given = [(code, answers[(case.reference, code, question.id)]) for code in _agency_order(audit, case.agencies)
                     if (case.reference, code, question.id) in answers]
            combined, rule, agreed = combine(audit, question, given)
            table.rows.append((case.reference, question.id, question.text, combined, rule, agreed or None, None, None))
            table.rows += [(case.reference, question.id, question.text, None, None, None, code, value) for code, value in given]
    return table


def _agency_order(audit: Audit, codes: tuple[str, ...]) -> list[str]:
    order = {a.code: i for i, a in enumerate(audit.agencies)}
    return sorted(codes, key=lambda c: order.get(c, len(order)))


def issues_table(report: Report) -> SheetTable:
    """Every problem found: file, sheet, cell, code, severity, message."""
    rows = [tuple(storable(value) or None for value in row) for row in report.flatten(layout_fields())]
    return SheetTable(layout.ISSUES_SHEET, layout.ISSUES_COLUMNS, rows)


def _unstorable(value) -> bool:
    if isinstance(value, str):
        return len(value) > CELL_TEXT_MAX or bool(ILLEGAL_CHARACTERS.search(value))
    return isinstance(value, float) and not math.isfinite(value)


def layout_fields() -> list[str]:
    """Problem.to_dict keys in layout.ISSUES_COLUMNS order."""
    return [header.lower() for header in layout.ISSUES_COLUMNS]
