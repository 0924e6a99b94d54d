"""The few things the Merge returns button needs from the workbook open in Excel."""

from __future__ import annotations

from datetime import date, datetime
from typing import Protocol

from ehwb_excel.merge.sheet_table import SheetTable

MESSAGE_TITLE = "EHWB Audit"
RETURNS_FOLDER_SETTING = "Returns folder"  # key on the add-in's settings sheet
DEFAULT_RETURNS_FOLDER = "returns"  # beside the master workbook


class WorkbookPort(Protocol):
    """The open workbook as the button sees it; xlwings implements it in Excel, openpyxl in tests."""

    def workbook_path(self) -> str:
        """The workbook's full name as Excel reports it: a path, a web address (OneDrive,
        SharePoint) or a bare name such as 'Book1' for a workbook that was never saved."""

    def has_unsaved_changes(self) -> bool: ...

    def setting(self, key: str) -> str | None:
        """A value from the add-in's settings; None when the key is absent or empty."""

    def write_sheet(self, table: SheetTable) -> None:
        """Replace the sheet's contents by `table` (headers in row 1), creating the sheet if
        missing; the sheet itself, its formatting and what refers to it stay. Text is text."""

    def save(self) -> None: ...

    def ask_yes_no(self, question: str, title: str = MESSAGE_TITLE) -> bool: ...

    def message_box(self, text: str, title: str = MESSAGE_TITLE) -> None: ...


# Excel turns a typed or assigned "=..." into a formula, and "1/2" or "3-4" into a date; a
# leading apostrophe makes it keep any text exactly as text (the apostrophe is not part of
# the value). Every text value gets one, so no answer is ever altered or run.
def excel_input_value(value):
    """A SheetTable cell as Range.Value must receive it to store exactly that value."""
    if isinstance(value, str):
        return f"'{value}" if value else None
    if isinstance(value, bool) or value is None or isinstance(value, (int, float, date, datetime)):
        return value
    return f"'{value}"  # anything else (Decimal, enum...) is shown as its text


def excel_input_rows(table: SheetTable) -> list[list]:
    """Header row and data rows, every value ready for Range.Value."""
    width = len(table.headers)
    rows = [list(table.headers)] + [list(row)[:width] + [None] * (width - len(row)) for row in table.rows]
    return [[excel_input_value(v) for v in row] for row in rows]
