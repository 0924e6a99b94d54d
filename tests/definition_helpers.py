"""Build definition workbooks for tests: the default audit's workbook with cells and rows changed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook

from ehwb_excel.definition import sheets
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.reader import read_definition
from ehwb_excel.definition.writer import definition_workbook
from ehwb_excel.problems.location import column_letter
from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.problem import Report


def column(spec: sheets.SheetSpec, key: str) -> str:
    """The column letter of `key` on a definition sheet as the writer lays it out ('E' for choice_list)."""
    return column_letter([c.key for c in spec.columns].index(key) + 1)


def cell(spec: sheets.SheetSpec, key: str, row: int) -> str:
    """'Questions!E14' style address for `edit`."""
    return f"{spec.name}!{column(spec, key)}{row}"


def question_row(question_id: str, audit: Audit | None = None) -> int:
    """The Excel row of a question on the Questions sheet of the default workbook."""
    audit = audit or default_audit()
    return [q.id for q in audit.questions].index(question_id) + 2


def agency_row(code: str) -> int:
    return [a.code for a in default_audit().agencies].index(code) + 2


def case_row(reference: str) -> int:
    return [c.reference for c in default_audit().cases].index(reference) + 2


def agency_column(code: str) -> str:
    """The column of an agency on the Cases sheet (after Reference and Summary)."""
    return column_letter([a.code for a in default_audit().agencies].index(code) + 3)


def section_row(section_id: str) -> int:
    return [s.id for s in default_audit().sections].index(section_id) + 2


def list_row(name: str, value: str) -> int:
    """The Excel row of one value on the Lists sheet."""
    rows = [(cl.name, c.value) for cl in default_audit().choice_lists for c in cl.choices]
    return rows.index((name, value)) + 2


def setting_row(label: str) -> int:
    return [s.label for s in sheets.SETTINGS].index(label) + 2


def definition(
    cells: Mapping[str, object] | None = None,
    *,
    tables: Mapping[str, Sequence[Sequence[object]]] | None = None,
    append: Mapping[str, Sequence[Sequence[object]]] | None = None,
    delete_rows: Mapping[str, Sequence[int]] | None = None,
    rename: Mapping[str, str] | None = None,
    audit: Audit | None = None,
) -> Workbook:
    """The default (or given) audit's definition workbook, then changed in this order:

    `tables` replaces a whole sheet with rows given as lists (row 1 = headers); `append` adds rows
    below the last; `delete_rows` deletes rows (numbers as before deleting); `cells` sets
    'Sheet!A1' cells (None clears); `rename` renames sheets.
    """
    workbook = definition_workbook(audit or default_audit())
    for title, rows in (tables or {}).items():
        ws = workbook[title]
        ws.delete_rows(1, ws.max_row)
        for row in rows:
            ws.append(list(row))
    for title, rows in (append or {}).items():
        for row in rows:
            workbook[title].append(list(row))
    for title, numbers in (delete_rows or {}).items():
        for number in sorted(numbers, reverse=True):
            workbook[title].delete_rows(number)
    for address, value in (cells or {}).items():
        title, ref = address.rsplit("!", 1)
        workbook[title][ref].value = value
    for old, new in (rename or {}).items():
        workbook[old].title = new
    return workbook


def save(workbook: Workbook, folder: Path, name: str = "audit.xlsx") -> Path:
    path = folder / name
    workbook.save(path)
    return path


def check(folder: Path, cells: Mapping[str, object] | None = None, **changes) -> Report:
    """The report of reading the changed default definition saved as `folder/audit.xlsx`."""
    _, report = read_definition(save(definition(cells, **changes), folder))
    return report
