"""The Cases sheet: anonymous reference, summary, and a Yes column per agency that knows the case."""

from __future__ import annotations

import re

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.checks.table import Record, Table, first_seen, known
from ehwb_excel.definition.values import name, text, yes_no
from ehwb_excel.excel.limits import sheet_name_problem
from ehwb_excel.audit.model import Agency, Case
from ehwb_excel.problems.problem import Problem

# 'Case A', 'Case 12', 'Case B2': what an anonymous reference looks like. Anything else may be
# a child's name (or initials), so it is flagged for a person to look at.
ANONYMOUS_REFERENCE = re.compile(r"^case\s*[-_#]?\s*[A-Za-z0-9]{1,3}$", re.IGNORECASE)


def read_cases(table: Table, agencies: list[Agency] | None) -> tuple[list[Case], list[Problem]]:
    """The cases in sheet order; `agencies` None means the Agencies sheet could not be read."""
    found: list[Problem] = []
    columns, column_problems = _agency_columns(table, agencies)
    found.extend(column_problems)
    order = {a.code: i for i, a in enumerate(agencies or [])}
    cases: list[Case] = []
    seen: dict[str, Record] = {}
    if not table.records:
        found.append(problems.EMPTY_SHEET(table.location, what=table.spec.what))
    for record in table.records:
        reference = record.name("reference")
        if not reference:
            found.append(problems.BLANK_CASE_REFERENCE(record.at("reference"), cell=record.cell("reference")))
            continue
        found.extend(_reference_problems(record, reference, seen))
        knowing, value_problems = _knowing_agencies(record, columns)
        found.extend(value_problems)
        if not knowing and not value_problems and columns is not None:
            found.append(problems.CASE_WITHOUT_AGENCIES(record.at("reference"), reference=reference, row=record.row))
        cases.append(Case(reference, tuple(sorted(knowing, key=lambda code: order.get(code, len(order)))), record.text("summary")))
    return cases, found


def _agency_columns(table: Table, agencies: list[Agency] | None) -> tuple[dict[int, str] | None, list[Problem]]:
    """Column number -> agency code for every extra header; None when the agencies are unknown."""
    if agencies is None:
        return None, []
    codes = {a.code.casefold(): a.code for a in agencies}
    columns: dict[int, str] = {}
    found: list[Problem] = []
    for column, header in table.extra:
        code = name(header)
        if not code:
            continue
        if code.casefold() in codes:
            columns[column] = codes[code.casefold()]
        else:
            found.append(problems.UNKNOWN_AGENCY_COLUMN(
                table.header_location(column), code=code, known=known(codes.values()), cell=table.header_location(column).cell))
    return columns, found


def _knowing_agencies(record: Record, columns: dict[int, str] | None) -> tuple[list[str], list[Problem]]:
    knowing: list[str] = []
    found: list[Problem] = []
    for column, code in (columns or {}).items():
        raw = record.raw_at(column)
        flag = yes_no(raw)
        if flag is None and text(raw):
            where = record.table.location.at(record.row, column)
            found.append(problems.NOT_YES_NO(where, value=text(raw), column=code, cell=where.cell))
        elif flag:
            knowing.append(code)
    return knowing, found


def _reference_problems(record: Record, reference: str, seen: dict[str, Record]) -> list[Problem]:
    where, cell = record.at("reference"), record.cell("reference")
    earlier = first_seen(seen, reference, record)
    if earlier:
        return [problems.DUPLICATE_CASE_REFERENCE(where, reference=reference, first=earlier.row)]
    why = sheet_name_problem(reference)
    if why:
        return [problems.BAD_CASE_SHEET_NAME(where, reference=reference, why=why, cell=cell)]
    if not ANONYMOUS_REFERENCE.match(reference):
        return [problems.REFERENCE_LOOKS_LIKE_NAME(where, reference=reference)]
    return []
