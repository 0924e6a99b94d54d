"""The add-in's workbook port over a workbook file, so the button's logic runs without Excel.

A stand-in for Excel in tests and demos: it writes with openpyxl, which drops charts and
pivots an Excel save keeps, so the real add-in never uses it on a coordinator's master.
"""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.datavalidation import DataValidationList

from ehwb_excel.addin.port import MESSAGE_TITLE
from ehwb_excel.master.writer import choice_validation
from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.workbook.style import put_value, solid_fill


class OpenpyxlWorkbookPort:
    """A saved workbook "open" as in Excel: `unsaved` pretends the user has typed since the
    last save, `settings` are the add-in's settings, `answers` the replies to yes/no questions."""

    def __init__(self, path: str | os.PathLike, *, settings: dict[str, str] | None = None,
                 unsaved: bool = False, answers: list[bool] | None = None, full_name: str | None = None):
        self.path = Path(path)
        self.settings = dict(settings or {})
        self.unsaved = unsaved
        self.answers = list(answers or [])
        self.full_name = full_name  # what Excel would report instead of the path (a URL, "Book1")
        self.messages: list[tuple[str, str]] = []  # (title, text) of every message box
        self.questions: list[str] = []
        self.saves = 0
        self._book = None

    # -- reading -------------------------------------------------------------------------
    def workbook_path(self) -> str:
        return self.full_name if self.full_name is not None else str(self.path)

    def has_unsaved_changes(self) -> bool:
        return self.unsaved

    def setting(self, key: str) -> str | None:
        value = self.settings.get(key)
        return (str(value).strip() or None) if value is not None else None

    # -- writing -------------------------------------------------------------------------
    def write_sheet(self, table: SheetTable) -> None:
        book = self._open()
        sheet = book[table.name] if table.name in book.sheetnames else book.create_sheet(table.name)
        if sheet.max_row:
            sheet.delete_rows(1, sheet.max_row)
        for row_number, row in enumerate([table.headers, *table.rows], start=1):
            for column_number, value in enumerate(row, start=1):
                put_value(sheet.cell(row_number, column_number), value)
        for (fill_row, fill_column), colour in table.fills.items():
            sheet.cell(fill_row + 1, fill_column).fill = solid_fill(colour)
        sheet.data_validations = DataValidationList()
        for choice in table.choice_columns():
            sheet.add_data_validation(choice_validation(choice))
        self.unsaved = True

    def save(self) -> None:
        if self._book is not None:
            self._book.save(self.path)
        self.unsaved = False
        self.saves += 1

    # -- talking to the user ---------------------------------------------------------------
    def ask_yes_no(self, question: str, title: str = MESSAGE_TITLE) -> bool:
        self.questions.append(question)
        return self.answers.pop(0) if self.answers else False

    def message_box(self, text: str, title: str = MESSAGE_TITLE) -> None:
        self.messages.append((title, text))

    def _open(self):
        if self._book is None:
            self._book = load_workbook(self.path)
        return self._book
