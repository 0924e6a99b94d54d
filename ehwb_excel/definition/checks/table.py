"""A definition sheet as located records: header row 1 mapped to canonical keys, data from row 2."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ehwb_excel.problems.catalogue import definition as problems
from ehwb_excel.definition.sheets import SheetSpec, canonical_header, loose
from ehwb_excel.definition.values import name, text
from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.problems.location import Location, cell_name
from ehwb_excel.problems.problem import Problem, ProblemType


@dataclass
class Table:
    spec: SheetSpec
    location: Location  # file and sheet, as the sheet is really called
    columns: dict[str, int]  # canonical key -> column number (1 = A)
    extra: list[tuple[int, object]]  # (column number, header) of columns that are none of spec's
    records: list["Record"] = field(default_factory=list)

    def header_location(self, column: int) -> Location:
        return self.location.at(1, column)


@dataclass
class Record:
    """One data row, numbered as Excel shows it."""

    table: Table
    row: int
    values: tuple

    def raw(self, key: str) -> object:
        column = self.table.columns.get(key)
        return self.raw_at(column) if column else None

    def raw_at(self, column: int) -> object:
        return self.values[column - 1] if column <= len(self.values) else None

    def text(self, key: str) -> str:
        return text(self.raw(key))

    def name(self, key: str) -> str:
        return name(self.raw(key))

    def cell(self, key: str) -> str:
        """'E14' for this row's cell in column `key` (or 'row 14' when the sheet lacks it)."""
        column = self.table.columns.get(key)
        return cell_name(self.row, column) if column else f"row {self.row}"

    def at(self, key: str | None = None) -> Location:
        column = self.table.columns.get(key) if key else None
        return self.table.location.at(self.row, column)

    @property
    def blank(self) -> bool:
        return all(text(v) == "" for v in self.values)


def read_table(rows: Iterable[tuple], spec: SheetSpec, location: Location) -> tuple[Table | None, list[Problem]]:
    """The sheet's records (blank rows skipped, numbering kept); None when a required column is missing."""
    rows = iter(rows)
    header = tuple(next(rows, ()))
    found: list[Problem] = []
    table = Table(spec, location, {}, [])
    for column, value in enumerate(header, start=1):
        key = canonical_header(spec, value)
        if key is None:
            table.extra.append((column, value))
        elif key in table.columns:
            found.append(problems.DUPLICATE_COLUMN(
                location.at(1, column), column=text(value), other=cell_name(1, table.columns[key])))
        else:
            table.columns[key] = column
    for wanted in spec.columns:
        if wanted.required and wanted.key not in table.columns:
            headers = [text(v) for _, v in table.extra if text(v)]
            found.append(problems.MISSING_COLUMN(
                location.at(1), column=wanted.header, suggestion=did_you_mean(wanted.header, headers),
                found=", ".join(f"'{h}'" for h in headers) or "none"))
    if any(p.type is problems.MISSING_COLUMN for p in found):
        return None, found
    for row_number, values in enumerate(rows, start=2):
        record = Record(table, row_number, tuple(values))
        if not record.blank:
            table.records.append(record)
            found.extend(_overlong_cells(record))
    return table, found


def _overlong_cells(record: Record) -> list[Problem]:
    return [
        problems.TEXT_TOO_LONG(record.table.location.at(record.row, column), length=len(value), limit=CELL_TEXT_MAX)
        for column, value in enumerate(record.values, start=1)
        if isinstance(value, str) and len(value) > CELL_TEXT_MAX
    ]


def did_you_mean(wanted: str, candidates: Iterable[str]) -> str:
    """" (did you mean 'Questions'?)" for the nearest candidates, or '' when none is near."""
    by_loose = {loose(c): c for c in candidates if c}
    close = difflib.get_close_matches(loose(wanted), list(by_loose), n=2, cutoff=0.6)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f"'{by_loose[c]}'" for c in close) + "?)"


def known(values: Iterable[str]) -> str:
    """'grade, yes_no' for messages; 'none' when empty."""
    values = [v for v in values if v]
    return ", ".join(values) if values else "none"


def first_seen(seen: dict[str, "Record"], key: str, record: "Record") -> "Record | None":
    """The record that already used `key` (compared ignoring case), or None after remembering this one."""
    folded = key.casefold()
    if folded in seen:
        return seen[folded]
    seen[folded] = record
    return None


def identified(table: Table, column: str, found: list[Problem], *, blank: ProblemType, duplicate: ProblemType,
               named: str, refuse: Callable[[str, Record], Problem | None] | None = None) -> Iterator[tuple[str, Record]]:
    """(ID, record) for each row whose `column` holds an ID not used by an earlier row, in sheet order.

    Adds to `found` what stops a row: an empty sheet, a blank ID, an ID `refuse` gives a problem
    for, an ID an earlier row has (ignoring case; `named` is the message's name for the ID).
    """
    seen: dict[str, Record] = {}
    if not table.records:
        found.append(problems.EMPTY_SHEET(table.location, what=table.spec.what))
    for record in table.records:
        value = record.name(column)
        if not value:
            found.append(blank(record.at(column), cell=record.cell(column)))
            continue
        refused = refuse(value, record) if refuse else None
        if refused is not None:
            found.append(refused)
            continue
        earlier = first_seen(seen, value, record)
        if earlier:
            found.append(duplicate(record.at(column), first=earlier.row, **{named: value}))
            continue
        yield value, record
