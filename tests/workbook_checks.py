"""Look-ups over a generated agency workbook (openpyxl), shared by the workbook tests."""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ehwb_excel.excel import layout


@dataclass(frozen=True)
class AnswerRow:
    sheet: str
    row: int
    question_id: str
    answer: str  # cell name, e.g. "C6"
    comment: str


def key_row(ws: Worksheet) -> tuple[int, dict[str, int]]:
    """(row number, key -> column) of the hidden key row, found by its ehwb: keys."""
    for row in ws.iter_rows(min_row=1, max_row=20):
        keys = {c.value: c.column for c in row if isinstance(c.value, str) and c.value.startswith(layout.KEY_PREFIX)}
        if layout.COL_ANSWER in keys:
            return row[0].row, keys
    raise AssertionError(f"sheet '{ws.title}' has no key row")


def answer_sheets(wb: Workbook) -> list[Worksheet]:
    """Every sheet with a key row: the case sheets and the agency sheet."""
    found = []
    for ws in wb.worksheets:
        try:
            key_row(ws)
        except AssertionError:
            continue
        found.append(ws)
    return found


def subject(ws: Worksheet) -> str:
    row, keys = key_row(ws)
    return ws.cell(row=row, column=keys[layout.COL_SUBJECT] + 1).value


def answer_rows(ws: Worksheet) -> list[AnswerRow]:
    row, keys = key_row(ws)
    found = []
    for r in range(row + 2, ws.max_row + 1):
        qid = ws.cell(row=r, column=keys[layout.COL_QUESTION_ID]).value
        if qid:
            found.append(
                AnswerRow(
                    ws.title, r, qid,
                    ws.cell(row=r, column=keys[layout.COL_ANSWER]).coordinate,
                    ws.cell(row=r, column=keys[layout.COL_COMMENT]).coordinate,
                )
            )
    return found


def validations_by_cell(ws: Worksheet) -> dict[str, object]:
    """Cell name -> the DataValidation covering it (each cell of every sqref)."""
    found = {}
    for dv in ws.data_validations.dataValidation:
        for cell_range in dv.sqref.ranges:
            for row in ws.iter_rows(min_row=cell_range.min_row, max_row=cell_range.max_row,
                                    min_col=cell_range.min_col, max_col=cell_range.max_col):
                for cell in row:
                    found[cell.coordinate] = dv
    return found


def unlocked_cells(ws: Worksheet) -> set[str]:
    return {c.coordinate for row in ws.iter_rows() for c in row if c.has_style and not c.protection.locked}


def meta(wb: Workbook) -> dict[str, list[list[str]]]:
    from ehwb_excel.excel.meta_sheet import parse_meta

    return parse_meta(wb[layout.META_SHEET].iter_rows(values_only=True))
