"""Drive a running LibreOffice over UNO: run a JSON list of operations on one document, print JSON results.

Runs under /usr/bin/python3 (the only interpreter here that has `uno`), started by
tests/libreoffice.py. Reads one job from stdin:

    {"pipe": "ehwb-lo-1234", "operations": [{"op": "open", "path": "/tmp/a.xlsx"}, ...]}

and writes {"results": [...]} to stdout, one result per operation, in order. A failed
operation gives {"op": ..., "error": "..."} and the following operations still run.

Operations (sheet = sheet name, cell = "C6", range = "A1:H60"; rows are numbered as Excel shows them):
  open(path)                        -> sheets: [{name, visible}]
  sheet_info(sheet)                 -> protected, visible, used (range), hidden_rows, hidden_columns
  named_ranges()                    -> names: {name: content}
  validations(sheet, range)         -> cells: {cell: {type, formula1, formula2, operator, entries, ...}}
                                       for every cell whose validation is not "ANY"; `entries` is the
                                       list a dropdown shows (named range, cell range or inline list)
  unlocked_cells(sheet, range)      -> cells: [cell, ...] whose protection is "not locked"
  get_value(sheet, cell)            -> kind (EMPTY/VALUE/TEXT/FORMULA), string, value, formula
  set_value(sheet, cell, value)     -> sets through the API (a number with setValue, else setString),
                                       which bypasses validation and protection, like a paste in Excel
  set_text(sheet, cell, text)       -> setString: always text
  set_formula(sheet, cell, formula) -> setFormula
  type_value(sheet, cell, value)    -> accepted: bool. As a user typing: the value is entered (a number
                                       with setValue, text with setFormula, which reads it as keyboard
                                       input: "2026-01-05" becomes a date, "12" a number), then
                                       LibreOffice's own validation engine judges it (the detective's
                                       "Mark invalid data", XSheetAuditing.showInvalid, which circles
                                       invalid cells); a refused value is taken back, as a stop alert
                                       does. `kind`/`string` give the cell afterwards.
  insert_rows(sheet, row, count)    -> inserts `count` rows above `row`; protected sheets refuse
                                       (the result has "error") unless `unprotect` ran first
  unprotect(sheet, password="")     -> removes sheet protection
  recalculate()                     -> calculateAll
  save_as(path)                     -> stores as xlsx with the "Calc MS Excel 2007 XML" filter
  close()                           -> closes the document (also done at the end of every job)
"""

from __future__ import annotations

import builtins
import json
import os
import re
import sys
import traceback
from pathlib import Path

import uno  # noqa: F401  (only in /usr/bin/python3)

# The product's own connection code, which also runs under /usr/bin/python3 (the PDF export);
# ehwb_excel's package files import nothing else, so this interpreter can load it from the checkout.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ehwb_excel.report.lo_export import connect, uno_property  # noqa: E402

XLSX_FILTER = "Calc MS Excel 2007 XML"


# -- cell names ---------------------------------------------------------------------------------


def column_name(index: int) -> str:
    """0 -> 'A'."""
    name, index = "", index + 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def cell_name(column: int, row: int) -> str:
    """Zero-based (column, row) -> 'C6'."""
    return f"{column_name(column)}{row + 1}"


def range_cells(address):
    """Every (column, row) of a CellRangeAddress."""
    for row in range(address.StartRow, address.EndRow + 1):
        for column in range(address.StartColumn, address.EndColumn + 1):
            yield column, row


class Driver:
    def __init__(self, desktop):
        self.desktop = desktop
        self.doc = None

    # -- document -------------------------------------------------------------------------------
    def open(self, path: str, password: str | None = None) -> dict:
        """Open a spreadsheet (its sheets come back) or a text document (its text comes back), with the password to open it if given."""
        self.close()
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        args = (uno_property("Hidden", True), uno_property("MacroExecutionMode", 0), uno_property("UpdateDocMode", 0))
        if password is not None:
            args += (uno_property("Password", password),)
        self.doc = self.desktop.loadComponentFromURL(url, "_blank", 0, args)
        if self.doc is None:
            raise RuntimeError(f"LibreOffice could not open {path}")
        if self.doc.supportsService("com.sun.star.text.TextDocument"):
            return {"text": self.doc.Text.String}
        return {"sheets": [{"name": s.Name, "visible": bool(s.IsVisible)} for s in self._sheets()]}

    def close(self) -> dict:
        if self.doc is not None:
            try:
                self.doc.close(True)
            except Exception:  # already closed or vetoed: dispose instead
                self.doc.dispose()
            self.doc = None
        return {}

    def save_as(self, path: str) -> dict:
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        self.doc.storeToURL(url, (uno_property("FilterName", XLSX_FILTER), uno_property("Overwrite", True)))
        return {"path": path}

    def recalculate(self) -> dict:
        self.doc.calculateAll()
        return {}

    def named_ranges(self) -> dict:
        names = self.doc.NamedRanges
        return {"names": {n: names.getByName(n).getContent() for n in names.getElementNames()}}

    # -- sheets ---------------------------------------------------------------------------------
    def _sheets(self):
        sheets = self.doc.Sheets
        return [sheets.getByIndex(i) for i in range(sheets.getCount())]

    def _sheet(self, name: str):
        return self.doc.Sheets.getByName(name)

    def sheet_info(self, sheet: str) -> dict:
        ws = self._sheet(sheet)
        cursor = ws.createCursor()
        cursor.gotoEndOfUsedArea(False)
        end = cursor.getRangeAddress()
        rows, columns = ws.getRows(), ws.getColumns()
        return {
            "protected": bool(ws.isProtected()),
            "visible": bool(ws.IsVisible),
            "used": f"A1:{cell_name(end.EndColumn, end.EndRow)}",
            "hidden_rows": [r + 1 for r in range(end.EndRow + 1) if not rows.getByIndex(r).IsVisible],
            "hidden_columns": [column_name(c) for c in range(end.EndColumn + 1) if not columns.getByIndex(c).IsVisible],
        }

    def unprotect(self, sheet: str, password: str = "") -> dict:
        self._sheet(sheet).unprotect(password)
        return {}

    def insert_rows(self, sheet: str, row: int, count: int = 1) -> dict:
        self._sheet(sheet).getRows().insertByIndex(row - 1, count)
        return {}

    def unlocked_cells(self, sheet: str, range: str) -> dict:
        # format ranges: blocks of cells sharing one format, so one look-up per block
        blocks = self._sheet(sheet).getCellRangeByName(range).getCellFormatRanges()
        cells = []
        for i in builtins.range(blocks.getCount()):  # `range` is the caller's argument here
            block = blocks.getByIndex(i)
            if not block.CellProtection.IsLocked:
                cells.extend(cell_name(c, r) for c, r in range_cells(block.getRangeAddress()))
        return {"cells": sorted(cells, key=_cell_order)}

    # -- validations ----------------------------------------------------------------------------
    def validations(self, sheet: str, range: str) -> dict:
        ws = self._sheet(sheet)
        address = ws.getCellRangeByName(range).getRangeAddress()
        found = {}
        for column, row in range_cells(address):
            validation = ws.getCellByPosition(column, row).Validation
            kind = validation.Type.value
            if kind == "ANY":
                continue
            found[cell_name(column, row)] = self._describe(validation, kind, sheet)
        return {"cells": found}

    def _describe(self, v, kind: str, sheet: str) -> dict:
        formula1 = v.getFormula1()
        return {
            "type": kind,
            "operator": v.getOperator().value,
            "formula1": formula1,
            "formula2": v.getFormula2(),
            "entries": self._entries(formula1, sheet) if kind == "LIST" else None,
            "show_list": int(v.ShowList),  # 0 = no arrow; 1/2 = arrow (unsorted/sorted)
            "ignore_blank": bool(v.IgnoreBlankCells),
            "show_error": bool(v.ShowErrorMessage),
            "error_style": v.ErrorAlertStyle.value,
            "error_title": v.ErrorTitle,
            "error_message": v.ErrorMessage,
            "show_input": bool(v.ShowInputMessage),
            "input_title": v.InputTitle,
            "input_message": v.InputMessage,
        }

    def _entries(self, formula: str, sheet: str):
        """What the dropdown lists: a named range's cells, a cell range's cells, or an inline list."""
        text = formula.strip().lstrip("=")
        if text.startswith('"'):
            return [part.strip('"') for part in re.split(r'";\s*"|","', text)]
        names = self.doc.NamedRanges
        if names.hasByName(text):
            cells = names.getByName(text).getReferredCells()
        else:
            target, _, cell_range = text.rpartition(".") if "." in text else ("", "", text)
            ws = self._sheet(target.strip("$'")) if target else self._sheet(sheet)
            cells = ws.getCellRangeByName(cell_range)
        if cells is None:
            return None
        return [str(value) for row in cells.getDataArray() for value in row if value != ""]

    # -- cell values ----------------------------------------------------------------------------
    def get_value(self, sheet: str, cell: str) -> dict:
        c = self._sheet(sheet).getCellRangeByName(cell)
        return {"kind": c.Type.value, "string": c.getString(), "value": c.getValue(), "formula": c.getFormula()}

    def set_value(self, sheet: str, cell: str, value) -> dict:
        c = self._sheet(sheet).getCellRangeByName(cell)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            c.setValue(value)
        else:
            c.setString(str(value))
        return self.get_value(sheet, cell)

    def set_text(self, sheet: str, cell: str, text: str) -> dict:
        self._sheet(sheet).getCellRangeByName(cell).setString(text)
        return self.get_value(sheet, cell)

    def set_formula(self, sheet: str, cell: str, formula: str) -> dict:
        self._sheet(sheet).getCellRangeByName(cell).setFormula(formula)
        return self.get_value(sheet, cell)

    def type_value(self, sheet: str, cell: str, value) -> dict:
        ws = self._sheet(sheet)
        target = ws.getCellRangeByName(cell)
        before = target.getFormula()
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            target.setValue(value)
        else:
            target.setFormula(str(value))  # interpreted as typed input
        accepted = not self._marked_invalid(ws, target)
        if not accepted:
            target.setFormula(before)  # a stop alert keeps the old content
        return {"accepted": accepted, **self.get_value(sheet, cell)}

    def _marked_invalid(self, ws, target) -> bool:
        """True when LibreOffice's detective circles `target` as invalid data."""
        ws.clearArrows()
        ws.showInvalid()
        page = ws.getDrawPage()
        pos, size = target.Position, target.Size
        try:
            for i in range(page.getCount()):
                shape = page.getByIndex(i)
                sp, ss = shape.getPosition(), shape.getSize()
                mid_x, mid_y = sp.X + ss.Width / 2, sp.Y + ss.Height / 2
                if pos.X <= mid_x <= pos.X + size.Width and pos.Y <= mid_y <= pos.Y + size.Height:
                    return True
            return False
        finally:
            ws.clearArrows()


def _cell_order(name: str):
    letters = name.rstrip("0123456789")
    return int(name[len(letters):]), len(letters), letters


def run(job: dict) -> list[dict]:
    driver = Driver(connect(job["pipe"]))
    results = []
    try:
        for operation in job["operations"]:
            operation = dict(operation)
            name = operation.pop("op")
            try:
                if name.startswith("_") or not hasattr(driver, name):
                    raise ValueError(f"unknown operation {name!r}")
                result = getattr(driver, name)(**operation)
                results.append({"op": name, **result})
            except Exception as error:  # report and go on: the caller asserts on it
                results.append({"op": name, "error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc(limit=3)})
    finally:
        driver.close()
    return results


def main() -> int:
    job = json.load(sys.stdin)
    json.dump({"results": run(job)}, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
