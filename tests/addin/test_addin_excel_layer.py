"""The xlwings port against a stand-in for the part of xlwings' object model it uses: which
sheet it writes, what values Excel receives, how it keeps an Excel table, what it asks Excel."""

from __future__ import annotations

import subprocess
import sys

from ehwb_excel.addin import excel_layer
from ehwb_excel.addin.excel_layer import XlwingsWorkbookPort
from ehwb_excel.addin.names import ADDIN_FILE_NAME, SETTINGS_SHEET
from ehwb_excel.merge.sheet_table import SheetTable


class FakeRange:
    def __init__(self, sheet, row: int, column: int, rows: int = 1, columns: int = 1):
        self.sheet, self.row, self.column, self.rows, self.columns = sheet, row, column, rows, columns

    def resize(self, rows=None, columns=None):
        return FakeRange(self.sheet, self.row, self.column, rows or self.rows, columns or self.columns)

    def offset(self, rows=0, columns=0):
        return FakeRange(self.sheet, self.row + rows, self.column + columns, self.rows, self.columns)

    def expand(self, direction):
        rows = 1
        while self.sheet.cells.get((self.row + rows, self.column)) is not None:
            rows += 1
        return self.resize(rows, 1)

    @property
    def address(self):
        return (self.row, self.column, self.rows, self.columns)

    @property
    def value(self):
        grid = [[self.sheet.cells.get((r, c)) for c in range(self.column, self.column + self.columns)]
                for r in range(self.row, self.row + self.rows)]
        return grid if self.rows > 1 else grid[0]

    @value.setter
    def value(self, rows):
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                self.sheet.cells[(self.row + r, self.column + c)] = v

    @property
    def color(self):
        return None

    @color.setter
    def color(self, colour):
        self.sheet.colour_calls.append((self.address, colour))

    @property
    def font(self):
        return self.sheet.font_for(self.address)

    @property
    def api(self):  # the COM Range: only its Validation is used
        return self.sheet.validations.setdefault(self.address, FakeValidation())


class FakeValidation:
    """Excel's Range.Validation: what was deleted, added and set."""

    def __init__(self):
        self.calls, self.settings = [], {}

    @property
    def Validation(self):
        return self

    def Delete(self):
        self.calls.append(("Delete",))

    def Add(self, **options):
        self.calls.append(("Add", options))

    def __setattr__(self, name, value):
        if name in ("calls", "settings"):
            object.__setattr__(self, name, value)
        else:
            self.settings[name] = value


class FakeFont:
    def __init__(self):
        self.bold = False


class FakeTable:
    def __init__(self, name, source):
        self.name, self.range = name, source.address

    def resize(self, source):
        self.range = source.address


class FakeTables(list):
    def add(self, source, name):
        self.append(FakeTable(name, source))


class FakeSheet:
    def __init__(self, name, cells=None):
        self.name, self.cells = name, dict(cells or {})
        self.tables, self.colour_calls, self.fonts, self.validations = FakeTables(), [], {}, {}

    def range(self, address, last=None):
        if address == "A1":
            return FakeRange(self, 1, 1)
        if last is not None:  # range((row, column), (last row, last column))
            return FakeRange(self, *address, last[0] - address[0] + 1, last[1] - address[1] + 1)
        return FakeRange(self, *address)

    def clear_contents(self):
        self.cells.clear()

    def font_for(self, address):
        return self.fonts.setdefault(address, FakeFont())


class FakeSheets(list):
    def __getitem__(self, key):
        if isinstance(key, str):
            for sheet in self:
                if sheet.name == key:
                    return sheet
            raise KeyError(key)
        return list.__getitem__(self, key)

    def add(self, name, after=None):
        sheet = FakeSheet(name)
        self.insert(self.index(after) + 1 if after is not None else 0, sheet)
        return sheet


class FakeApp:
    def __init__(self, books=None, replies=None):
        self.books, self.replies, self.alerts = dict(books or {}), list(replies or []), []

    def alert(self, prompt, title=None, buttons="ok", mode=None):
        self.alerts.append((prompt, title, buttons, mode))
        return self.replies.pop(0) if self.replies else "ok"


class FakeApi:
    def __init__(self, saved=True, full_name=""):
        self.Saved, self.FullName = saved, full_name


class FakeBook:
    def __init__(self, sheets=(), app=None, fullname="C:\\audit\\EHWB master.xlsx", saved=True):
        self.sheets, self.app, self._fullname = FakeSheets(sheets), app or FakeApp(), fullname
        self.api, self.saves = FakeApi(saved, fullname), 0

    @property
    def fullname(self):
        if isinstance(self._fullname, Exception):
            raise self._fullname
        return self._fullname

    def save(self):
        self.saves += 1


RESPONSES = SheetTable("Responses", ("Case", "Answer"), [("Case A", "=1+2"), ("Case B", "1/2")], excel_table="Responses")


def test_writes_into_the_existing_sheet_and_keeps_it_in_place():
    coordinator, old = FakeSheet("Headlines", {(5, 1): "typed"}), FakeSheet("Responses", {(1, 1): "Case", (9, 2): "old"})
    book = FakeBook([coordinator, old])
    XlwingsWorkbookPort(book).write_sheet(RESPONSES)
    assert [s.name for s in book.sheets] == ["Headlines", "Responses"] and book.sheets[1] is old
    assert old.cells == {(1, 1): "'Case", (1, 2): "'Answer", (2, 1): "'Case A", (2, 2): "'=1+2", (3, 1): "'Case B", (3, 2): "'1/2"}
    assert coordinator.cells == {(5, 1): "typed"}
    assert old.fonts == {}  # an existing sheet keeps its own look


def test_a_missing_sheet_is_added_last_with_a_bold_header():
    book = FakeBook([FakeSheet("Headlines")])
    XlwingsWorkbookPort(book).write_sheet(SheetTable("Issues", ("File", "Code"), []))
    assert [s.name for s in book.sheets] == ["Headlines", "Issues"]
    assert book.sheets["Issues"].fonts[(1, 1, 1, 2)].bold is True


def test_the_excel_table_is_resized_over_the_new_rows_not_recreated():
    sheet = FakeSheet("Responses")
    sheet.tables.append(FakeTable("Responses", FakeRange(sheet, 1, 1, 40, 2)))
    XlwingsWorkbookPort(FakeBook([sheet])).write_sheet(RESPONSES)
    assert len(sheet.tables) == 1 and sheet.tables[0].range == (1, 1, 3, 2)


def test_an_excel_table_is_added_when_missing_and_keeps_a_row_when_empty():
    sheet = FakeSheet("Responses")
    XlwingsWorkbookPort(FakeBook([sheet])).write_sheet(SheetTable("Responses", ("Case", "Answer"), [], excel_table="Responses"))
    assert [(t.name, t.range) for t in sheet.tables] == [("Responses", (1, 1, 2, 2))]


def test_fills_are_reset_then_set_per_cell():
    sheet = FakeSheet("Grades")
    table = SheetTable("Grades", ("Case", "SCT"), [("Case A", "Good")], fills={(1, 2): "92D050"})
    XlwingsWorkbookPort(FakeBook([sheet])).write_sheet(table)
    assert sheet.colour_calls == [((2, 1, 2, 2), None), ((2, 2, 1, 1), "#92D050")]


CHOOSING = SheetTable("Quote choices", ("Quote", "Report?"), [("Listens well", ""), ("Late plans", "Include")],
                      choices={"Report?": (("Include", "Leave out"), "Include puts this quote in the report.")})


def test_on_windows_a_choice_column_gets_excel_s_own_dropdown_over_its_data_rows(monkeypatch):
    monkeypatch.setattr(excel_layer.sys, "platform", "win32")
    sheet = FakeSheet("Quote choices")
    XlwingsWorkbookPort(FakeBook([sheet])).write_sheet(CHOOSING)
    [(address, validation)] = sheet.validations.items()
    assert address == (2, 2, 2, 1)  # B2:B3
    assert validation.calls == [("Delete",), ("Add", {"Type": 3, "AlertStyle": 1, "Operator": 1, "Formula1": "Include,Leave out"})]
    assert validation.settings == {"IgnoreBlank": True, "InCellDropdown": True, "InputMessage": "Include puts this quote in the report.",
                                   "ErrorMessage": "Include puts this quote in the report.", "ErrorTitle": "Not accepted"}


def test_on_a_mac_the_choice_column_is_written_without_a_dropdown(monkeypatch):
    monkeypatch.setattr(excel_layer.sys, "platform", "darwin")
    sheet = FakeSheet("Quote choices")
    XlwingsWorkbookPort(FakeBook([sheet])).write_sheet(CHOOSING)
    assert sheet.validations == {} and sheet.cells[(3, 2)] == "'Include"


def test_settings_come_from_the_open_workbook_first_then_the_add_in():
    addin = FakeBook([FakeSheet(SETTINGS_SHEET, {(1, 1): "Interpreter_Win", (1, 2): "C:\\py.exe", (2, 1): "Returns folder", (2, 2): "Returns Q1"})])
    app = FakeApp(books={ADDIN_FILE_NAME: addin})
    port = XlwingsWorkbookPort(FakeBook([FakeSheet("Headlines")], app=app))
    assert port.setting("returns folder") == "Returns Q1"
    assert port.setting("Missing key") is None
    override = FakeSheet(SETTINGS_SHEET, {(1, 1): "Returns folder", (1, 2): "Q2 returns"})
    assert XlwingsWorkbookPort(FakeBook([override], app=app)).setting("Returns folder") == "Q2 returns"


def test_no_add_in_book_means_no_setting():
    assert XlwingsWorkbookPort(FakeBook([FakeSheet("Headlines")])).setting("Returns folder") is None


def test_messages_and_questions_go_through_excel_alerts():
    app = FakeApp(replies=["yes", "no"])
    port = XlwingsWorkbookPort(FakeBook(app=app))
    assert port.ask_yes_no("Save?") is True and port.ask_yes_no("Save?") is False
    port.message_box("Merge stopped: x")
    port.message_box("Merged returns from 1 of 3 agencies.")
    assert app.alerts[2:] == [("Merge stopped: x", "EHWB Audit", "ok", "critical"),
                              ("Merged returns from 1 of 3 agencies.", "EHWB Audit", "ok", "info")]


def test_unsaved_changes_and_path_on_windows(monkeypatch):
    monkeypatch.setattr(excel_layer.sys, "platform", "win32")
    assert XlwingsWorkbookPort(FakeBook(saved=False)).has_unsaved_changes() is True
    assert XlwingsWorkbookPort(FakeBook(saved=True)).has_unsaved_changes() is False
    unresolved = FakeBook(fullname=RuntimeError("Couldn't find your local OneDrive file"))
    unresolved.api.FullName = "https://d.docs.live.net/abc/EHWB master.xlsx"
    assert XlwingsWorkbookPort(unresolved).workbook_path() == "https://d.docs.live.net/abc/EHWB master.xlsx"


def test_this_module_is_the_only_one_that_imports_xlwings():
    import ehwb_excel.addin.entry  # noqa: F401
    import ehwb_excel.cli.commands.addin  # noqa: F401

    from tests.conftest import PROJECT_ROOT

    importers = sorted(str(p.relative_to(PROJECT_ROOT)) for p in (PROJECT_ROOT / "ehwb_excel").rglob("*.py")
                       if "import xlwings" in p.read_text(encoding="utf-8"))
    assert importers == ["ehwb_excel/addin/excel_layer.py"]



def test_the_library_cli_and_button_logic_load_without_xlwings():
    code = ("import sys, ehwb_excel.cli.main, ehwb_excel.addin.entry, ehwb_excel.addin.build, ehwb_excel.addin.install, "
            "ehwb_excel.addin.excel_layer, ehwb_audit; ehwb_excel.cli.main.build_parser(); print('xlwings' in sys.modules)")
    from tests.conftest import PROJECT_ROOT

    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr


def test_settings_fall_back_to_the_installed_add_in_file(tmp_path, monkeypatch):
    from ehwb_excel.addin.build import build_addin

    xlstart = tmp_path / "Microsoft" / "Excel" / "XLSTART"
    build_addin(xlstart, interpreters={}, returns_folder="From the file")
    monkeypatch.setattr(excel_layer.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path))
    port = XlwingsWorkbookPort(FakeBook([FakeSheet("Headlines")]))  # Excel does not hand the add-in over
    assert port.setting("Returns folder") == "From the file"
