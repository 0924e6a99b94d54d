"""A derived sheet as plain values: headers and rows, independent of how it is written."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChoiceColumn:
    """A dropdown over one column's data cells: rows 2 to `last_row` (Excel's numbers) of `column`."""

    column: int  # 1-based
    last_row: int
    values: tuple[str, ...]
    prompt: str

    @property
    def list_formula(self) -> str:
        """The list as a validation's formula holds it: '"Include,Leave out"'."""
        return '"' + ",".join(self.values) + '"'


@dataclass
class SheetTable:
    """What the merge puts on one derived sheet of the master.

    Written by openpyxl (`ehwb merge`) or by xlwings into the open workbook (the ribbon
    button); both writers take this same value. Cell values are str, int, float, date,
    datetime or None; text is always written as text, never as a formula.
    """

    name: str
    headers: tuple[str, ...]
    rows: list[tuple] = field(default_factory=list)
    excel_table: str | None = None  # name of an Excel table (ListObject) over the data, if any
    fills: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 1-based in rows -> "RRGGBB"
    # header -> (allowed values, prompt): a dropdown on that column's data cells, for the coordinator's choice
    choices: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)
    wrap: tuple[str, ...] = ()  # headers of columns whose long text wraps

    def column(self, header: str) -> list:
        """The values under one header, in row order."""
        index = self.headers.index(header)
        return [row[index] for row in self.rows]

    def choice_columns(self) -> list[ChoiceColumn]:
        """The dropdowns every writer puts on the sheet (an empty sheet keeps one row to choose in)."""
        last = max(len(self.rows), 1) + 1
        return [ChoiceColumn(self.headers.index(header) + 1, last, values, prompt)
                for header, (values, prompt) in self.choices.items()]

    def records(self) -> list[dict]:
        return [dict(zip(self.headers, row)) for row in self.rows]
