"""The workbook port in real Excel, through xlwings: the only module that imports xlwings."""

from __future__ import annotations

import sys

from ehwb_excel.addin.names import ADDIN_FILE_NAME, SETTINGS_SHEET
from ehwb_excel.addin.port import MESSAGE_TITLE, excel_input_rows
from ehwb_excel.addin.settings_file import addin_file_settings, setting_in
from ehwb_excel.merge.sheet_table import ChoiceColumn, SheetTable


class XlwingsWorkbookPort:
    """The workbook active in Excel when the ribbon button was clicked."""

    def __init__(self, book):
        self.book = book

    @classmethod
    def from_caller(cls) -> "XlwingsWorkbookPort":
        import xlwings as xw  # lazily: the library and the CLI never need Excel

        # Inside a ribbon add-in the caller is the ACTIVE workbook (looked up by name), not
        # the add-in itself: that is the coordinator's master.
        return cls(xw.Book.caller())

    # -- reading -------------------------------------------------------------------------
    def workbook_path(self) -> str:
        try:
            # xlwings turns the web address of a workbook synced with OneDrive or SharePoint
            # into the local file's path (with the ONEDRIVE_*/SHAREPOINT_* settings if needed)
            return self.book.fullname
        except Exception:  # it could not: the web address makes the button say what to do
            return self.book.api.FullName if sys.platform.startswith("win") else self.book.api.full_name.get()

    def has_unsaved_changes(self) -> bool:
        if sys.platform.startswith("win"):
            return not bool(self.book.api.Saved)
        return not bool(self.book.api.saved.get())  # Mac: AppleScript object model

    def setting(self, key: str) -> str | None:
        """From a settings sheet in the open workbook first, then in the add-in (xlwings' order),
        read through Excel or, when Excel will not hand the add-in over, from its file."""
        for book in (self.book, self._addin_book()):
            value = _sheet_setting(book, key)
            if value is not None:
                return value
        installed = self._installed_addin()
        return setting_in(addin_file_settings(installed), key) if installed else None

    def _installed_addin(self):
        from ehwb_excel.addin.install import ExcelNotAvailable, startup_folder

        try:
            path = startup_folder() / ADDIN_FILE_NAME
        except ExcelNotAvailable:
            return None
        return path if path.is_file() else None

    # -- writing -------------------------------------------------------------------------
    def write_sheet(self, table: SheetTable) -> None:
        book = self.book
        is_new = table.name not in [sheet.name for sheet in book.sheets]
        sheet = book.sheets.add(table.name, after=book.sheets[-1]) if is_new else book.sheets[table.name]
        # Clear values only: the sheet, its formats and the charts, pivots and formulas that
        # refer to it stay. Deleting and re-adding the sheet would break them.
        sheet.clear_contents()
        values = excel_input_rows(table)
        target = sheet.range((1, 1)).resize(len(values), len(table.headers))
        target.value = values
        if is_new:  # a sheet made by `ehwb generate` keeps its own look; a new one gets a bold header
            sheet.range((1, 1)).resize(1, len(table.headers)).font.bold = True
        if table.fills:
            target.offset(1, 0).color = None
            for (row, column), colour in table.fills.items():
                sheet.range((row + 1, column)).color = f"#{colour}"
        if table.excel_table:
            self._table_over(sheet, table, target)
        for choice in table.choice_columns():
            _dropdown(sheet.range((2, choice.column), (choice.last_row, choice.column)), choice)

    def _table_over(self, sheet, table: SheetTable, target) -> None:
        # An Excel table needs a data row: an empty result keeps one blank row under the header.
        body = target if table.rows else target.resize(2, len(table.headers))
        existing = {t.name: t for t in sheet.tables}
        if table.excel_table in existing:
            existing[table.excel_table].resize(body)
        else:
            sheet.tables.add(source=body, name=table.excel_table)

    def save(self) -> None:
        self.book.save()

    # -- talking to the user ---------------------------------------------------------------
    def ask_yes_no(self, question: str, title: str = MESSAGE_TITLE) -> bool:
        return self.book.app.alert(question, title=title, buttons="yes_no") == "yes"

    def message_box(self, text: str, title: str = MESSAGE_TITLE) -> None:
        mode = "critical" if text.startswith("Merge stopped") else "info"
        self.book.app.alert(text, title=title, buttons="ok", mode=mode)

    def _addin_book(self):
        try:  # add-ins are not listed in app.books, but Excel finds them by name
            return self.book.app.books[ADDIN_FILE_NAME]
        except Exception:
            return None


def _sheet_setting(book, key: str) -> str | None:
    """The value beside `key` in column A of the settings sheet (case-insensitive, as xlwings)."""
    if book is None:
        return None
    try:
        sheet = book.sheets[SETTINGS_SHEET]
        rows = sheet.range("A1").expand("down").resize(None, 2).value
    except Exception:  # no such sheet, or Excel refuses: the next place is asked
        return None
    rows = rows if rows and isinstance(rows[0], list) else [rows]
    for name, value in rows:
        if isinstance(name, str) and name.strip().upper() == key.upper() and value not in (None, ""):
            return str(value).strip()
    return None


# Excel's constants for Range.Validation.Add (XlDVType, XlDVAlertStyle, XlFormatConditionOperator)
XL_VALIDATE_LIST, XL_VALID_ALERT_STOP, XL_BETWEEN = 3, 1, 1


def _dropdown(cells, choice: ChoiceColumn) -> None:
    """The dropdown `ehwb merge` writes (master/writer.choice_validation), through Excel's COM object
    model on Windows. On a Mac the button writes the column without one (its AppleScript model
    has not been tried here: docs/addin.md says so); `ehwb merge` writes it on every system."""
    if not sys.platform.startswith("win"):
        return
    validation = cells.api.Validation
    validation.Delete()
    # Excel takes a list validation's items comma-separated (the UK's list separator)
    validation.Add(Type=XL_VALIDATE_LIST, AlertStyle=XL_VALID_ALERT_STOP, Operator=XL_BETWEEN, Formula1=",".join(choice.values))
    validation.IgnoreBlank = True
    validation.InCellDropdown = True
    validation.InputMessage = validation.ErrorMessage = choice.prompt
    validation.ErrorTitle = "Not accepted"
