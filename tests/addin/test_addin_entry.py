"""The Merge returns button's logic, end to end through the same port the xlwings layer
implements (here over a workbook file), and every failure as a one-line message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.addin.entry import run_merge_button
from ehwb_excel.addin.openpyxl_port import OpenpyxlWorkbookPort
from ehwb_excel.addin.port import MESSAGE_TITLE, excel_input_rows, excel_input_value
from ehwb_excel.addin.report_offer import DECLINED, report_path
from ehwb_excel.problems.catalogue import addin as add
from ehwb_excel.problems.location import Location
from ehwb_excel.workbook.master_skeleton import master_workbook
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.merge.sheet_table import SheetTable
from tests.audit_factory import small_audit
from tests.returns_helpers import SCT_COMPLETE, filled_return

NOW = datetime(2026, 4, 2, 12, 0)


@pytest.fixture
def master(tmp_path) -> Path:
    path = tmp_path / "EHWB master.xlsx"
    master_workbook(small_audit()).save(path)
    (tmp_path / "returns").mkdir()
    return path


@dataclass
class StubResult:
    sheets: list[SheetTable]
    text: str = "Merged returns from 1 of 3 agencies. Missing: CAMHS, WMP. Rejected: none."
    calls: list = field(default_factory=list)

    def summary(self) -> str:
        return self.text


def stub_merge(result: StubResult | None = None, calls: list | None = None):
    def merge(returns_dir, master_path, *, now=None):
        if calls is not None:
            calls.append((Path(returns_dir), Path(master_path), now))
        return result or StubResult([SheetTable(layout.ISSUES_SHEET, layout.ISSUES_COLUMNS, [])])
    return merge


def raising(error: BaseException):
    def merge(*args, **kwargs):
        raise error
    return merge


def shown(port) -> str:
    assert len(port.messages) == 1, port.messages
    title, text = port.messages[0]
    assert title == MESSAGE_TITLE
    return text


# -- end to end, with the real merge ----------------------------------------------------------------
def test_button_merges_returns_into_the_open_master_and_says_what_happened(master):
    returns = master.parent / "returns"
    filled_return(returns, {**SCT_COMPLETE, ("Case B", "self_harm_detail"): "=HYPERLINK(\"http://x\")"})
    (returns / "broken.xlsx").write_bytes(b"not a workbook")
    port = OpenpyxlWorkbookPort(master)

    message = run_merge_button(port, now=NOW)

    assert shown(port) == message
    assert message.startswith(f"Returns read from {returns}")
    assert "Merged returns from 1 of 3 agencies" in message
    assert "Missing: CAMHS, Inclusion Support." in message and "Rejected 1 file: broken.xlsx" in message
    assert f"listed on the {layout.ISSUES_SHEET} sheet" in message
    assert "The workbook has been saved" in message
    book = load_workbook(master)
    responses = [dict(zip(layout.RESPONSES_COLUMNS, row)) for row in book[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True)]
    assert {r["Agency"] for r in responses} == {"SCT"}
    detail = next(r for r in responses if r["Question ID"] == "self_harm_detail")
    assert detail["Answer"] == "=HYPERLINK(\"http://x\")"  # stored as text, not as a formula
    assert book[layout.RESPONSES_SHEET].cell(1 + 1 + responses.index(detail), 7).data_type == "s"
    assert any(row[0] == "broken.xlsx" for row in book[layout.ISSUES_SHEET].iter_rows(min_row=2, values_only=True))
    assert len(list((master.parent / "backups").glob("EHWB master.backup-*.xlsx"))) == 1
    from ehwb_excel.master.trail import read_trail

    (line,) = read_trail(master)  # the audit trail beside the master, as `ehwb merge` keeps it
    assert line["command"] == "the Merge returns button"
    assert {f["file"]: f["outcome"] for f in line["files"]} == {"SCT return.xlsx": "accepted", "broken.xlsx": "rejected"}


def test_clicking_twice_duplicates_nothing(master):
    filled_return(master.parent / "returns", SCT_COMPLETE)
    run_merge_button(OpenpyxlWorkbookPort(master), now=NOW)
    first = list(load_workbook(master)[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True))
    run_merge_button(OpenpyxlWorkbookPort(master), now=NOW)
    again = list(load_workbook(master)[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True))
    assert again == first and len(first) == len(SCT_COMPLETE)


def test_a_workbook_that_is_not_a_master_is_refused_by_the_merge_in_one_line(tmp_path):
    other = tmp_path / "budget.xlsx"
    load_workbook(filename=_blank(other)).save(other)
    (tmp_path / "returns").mkdir()
    port = OpenpyxlWorkbookPort(other)
    message = run_merge_button(port)
    assert message.startswith("Merge stopped: budget.xlsx")
    assert "RET_001" not in message and "not an ehwb master workbook" in message
    assert "\n" not in message and shown(port) == message


# -- the open workbook and its settings --------------------------------------------------------------
def test_unsaved_changes_are_saved_first_when_the_coordinator_agrees(master):
    calls = []
    port = OpenpyxlWorkbookPort(master, unsaved=True, answers=[True])
    message = run_merge_button(port, merge=stub_merge(calls=calls), now=NOW)
    assert port.questions[0] == f"Save '{master.name}' now and merge the returns into it?\n\nThe merge reads the saved workbook."
    assert calls == [(master.parent / "returns", master, NOW)]
    assert port.saves == 2  # before the merge reads the file, and after the sheets are written
    assert "Merged returns from 1 of 3 agencies" in message


def test_unsaved_changes_and_no_save_stops_before_the_merge(master):
    calls = []
    port = OpenpyxlWorkbookPort(master, unsaved=True, answers=[False])
    message = run_merge_button(port, merge=stub_merge(calls=calls))
    assert message == "Merge stopped: " + str(add.UNSAVED_CHANGES(Location.of(master)))
    assert calls == [] and port.saves == 0 and not (master.parent / "backups").exists()


def test_a_never_saved_workbook_is_refused(master):
    port = OpenpyxlWorkbookPort(master, full_name="Book1")
    assert run_merge_button(port, merge=stub_merge()) == "Merge stopped: " + str(add.WORKBOOK_NEVER_SAVED(Location("Book1")))


def test_a_workbook_open_from_sharepoint_is_refused_with_what_to_do(master):
    url = "https://council.sharepoint.com/sites/lscp/Shared Documents/EHWB master.xlsx"
    message = run_merge_button(OpenpyxlWorkbookPort(master, full_name=url), merge=stub_merge())
    assert message == "Merge stopped: " + str(add.WORKBOOK_NOT_LOCAL(Location("EHWB master.xlsx"), url=url))
    assert "synced folder" in message


def test_returns_folder_setting_is_relative_to_the_master(master):
    (master.parent / "Returns Q1").mkdir()
    calls = []
    run_merge_button(OpenpyxlWorkbookPort(master, settings={"Returns folder": "Returns Q1"}), merge=stub_merge(calls=calls))
    assert calls[0][0] == master.parent / "Returns Q1"


def test_an_absolute_returns_folder_setting_is_used_as_it_is(master, tmp_path):
    elsewhere = tmp_path / "shared" / "returns"
    elsewhere.mkdir(parents=True)
    calls = []
    run_merge_button(OpenpyxlWorkbookPort(master, settings={"Returns folder": str(elsewhere)}), merge=stub_merge(calls=calls))
    assert calls[0][0] == elsewhere


def test_a_missing_returns_folder_says_which_and_how_to_fix_it(master):
    (master.parent / "returns").rmdir()
    message = run_merge_button(OpenpyxlWorkbookPort(master), merge=stub_merge())
    folder = master.parent / "returns"
    assert message == "Merge stopped: " + str(add.RETURNS_FOLDER_MISSING(Location.of(master), folder=f"'{folder}'"))


# -- every failure is one line in a message box ---------------------------------------------------------
@pytest.mark.parametrize("error, expected", [
    (EhwbError([add.RETURNS_FOLDER_MISSING(Location("m.xlsx"), folder="'x'"), add.UNSAVED_CHANGES()]),
     "Merge stopped: m.xlsx: " + add.RETURNS_FOLDER_MISSING.format({"folder": "'x'"}) + " (and 1 more like it)"),
    (PermissionError(13, "Permission denied", "/m/EHWB master.xlsx"),
     "Merge stopped: a file is locked or read-only (/m/EHWB master.xlsx). Close it in Excel or any other program, then click Merge returns again."),
    (FileNotFoundError(2, "No such file or directory", "/m/returns/a.xlsx"),
     "Merge stopped: No such file or directory (/m/returns/a.xlsx)."),
    (ModuleNotFoundError("No module named 'python_calamine'", name="python_calamine"),
     "Merge stopped: " + str(add.MERGE_NOT_INSTALLED(why="ModuleNotFoundError: No module named 'python_calamine'"))),
    (KeyError("Responses"),
     "Merge stopped by an internal error: KeyError: 'Responses' For details run 'ehwb merge RETURNS_FOLDER --master MASTER.xlsx --debug' on the command line."),
])
def test_failures_become_one_line_messages(master, error, expected):
    port = OpenpyxlWorkbookPort(master)
    message = run_merge_button(port, merge=raising(error))
    assert message == expected
    assert "\n" not in message and "Traceback" not in message
    assert shown(port) == message


def test_a_long_reason_is_cut_to_fit_a_message_box(master):
    message = run_merge_button(OpenpyxlWorkbookPort(master), merge=raising(RuntimeError("line\n" * 500)))
    assert len(message) < 600 and "\n" not in message and "…" in message


def test_a_sheet_excel_will_not_write_names_the_sheet(master):
    class Protected(OpenpyxlWorkbookPort):
        def write_sheet(self, table):
            raise RuntimeError("The cell or chart you're trying to change is on a protected sheet.")

    message = run_merge_button(Protected(master), merge=stub_merge())
    assert message.startswith(f"Merge stopped: {master.name}, sheet '{layout.ISSUES_SHEET}': the merge sheet could not be written")
    assert "protected sheet" in message and "Review > Unprotect" in message


def test_text_no_cell_can_hold_is_refused_before_anything_is_written(master):
    written = []

    class Recording(OpenpyxlWorkbookPort):
        def write_sheet(self, table):
            written.append(table.name)

    huge = SheetTable(layout.RESPONSES_SHEET, ("Answer",), [("x" * 40_000,)])
    message = run_merge_button(Recording(master), merge=stub_merge(StubResult([huge])))
    assert message.startswith(f"Merge stopped: {master.name}, sheet '{layout.RESPONSES_SHEET}', cell A2:")
    assert written == []


def test_a_save_that_fails_after_writing_is_a_warning_in_the_summary(master):
    class ReadOnly(OpenpyxlWorkbookPort):
        def save(self):
            raise PermissionError(13, "read-only file")

    message = run_merge_button(ReadOnly(master), merge=stub_merge())
    assert "Merged returns from 1 of 3 agencies" in message
    assert message.endswith(str(add.NOT_SAVED_AFTER_MERGE(Location.of(master), why="[Errno 13] read-only file")))


def test_a_message_box_that_fails_still_returns_the_message(master):
    class NoScreen(OpenpyxlWorkbookPort):
        def message_box(self, text, title=MESSAGE_TITLE):
            raise RuntimeError("Excel is busy")

    assert run_merge_button(NoScreen(master), merge=raising(OSError("disk"))) == "Merge stopped: disk."


# -- what Excel receives -------------------------------------------------------------------------------
@pytest.mark.parametrize("value, expected", [
    ("=1+2", "'=1+2"), ("+44 121", "'+44 121"), ("-", "'-"), ("@risk", "'@risk"),
    ("1/2", "'1/2"), ("3-4", "'3-4"), ("00123", "'00123"), ("'quoted", "''quoted"), ("Good", "'Good"),
    ("", None), (None, None), (3, 3), (2.5, 2.5), (True, True),
    (date(2026, 1, 15), date(2026, 1, 15)), (datetime(2026, 1, 15, 9, 30), datetime(2026, 1, 15, 9, 30)),
])
def test_every_text_reaches_excel_as_text(value, expected):
    assert excel_input_value(value) == expected


def test_rows_for_excel_have_the_header_first_and_the_table_width():
    table = SheetTable("Issues", ("File", "Code"), [("a.xlsx",), ("b.xlsx", "RET_002", "extra")])
    assert excel_input_rows(table) == [["'File", "'Code"], ["'a.xlsx", None], ["'b.xlsx", "'RET_002"]]


def test_the_port_writes_fills_and_replaces_old_rows(master):
    port = OpenpyxlWorkbookPort(master)
    port.write_sheet(SheetTable(layout.GRADES_SHEET, ("Case", "SCT"), [("Case A", "Good"), ("Case B", "Inadequate")],
                                fills={(1, 2): "92D050"}))
    port.write_sheet(SheetTable(layout.GRADES_SHEET, ("Case", "SCT"), [("Case A", "Good")], fills={(1, 2): "92D050"}))
    port.save()
    sheet = load_workbook(master)[layout.GRADES_SHEET]
    assert list(sheet.iter_rows(values_only=True)) == [("Case", "SCT"), ("Case A", "Good")]
    assert sheet["B2"].fill.fgColor.rgb.endswith("92D050")


def _blank(path: Path) -> Path:
    from openpyxl import Workbook

    Workbook().save(path)
    return path


def test_a_save_that_fails_before_the_merge_stops_it(master):
    calls = []

    class ReadOnly(OpenpyxlWorkbookPort):
        def save(self):
            raise RuntimeError("Microsoft Excel cannot access the file")

    message = run_merge_button(ReadOnly(master, unsaved=True, answers=[True]), merge=stub_merge(calls=calls))
    assert message == "Merge stopped: " + str(add.NOT_SAVED_BEFORE_MERGE(Location.of(master), why="Microsoft Excel cannot access the file"))
    assert calls == []


# -- the report, offered after a merge ------------------------------------------------------------
def test_after_a_merge_the_button_offers_the_report_and_writes_nothing_when_declined(master):
    filled_return(master.parent / "returns", SCT_COMPLETE)
    port = OpenpyxlWorkbookPort(master, answers=[False])

    message = run_merge_button(port, now=NOW)

    assert port.questions == [f"Write the report beside '{master.name}' now?\n\n"
                              f"It is saved as '{report_path(master).name}' (Word), and as a PDF where LibreOffice is installed."]
    assert message.endswith(DECLINED)
    assert not report_path(master).exists()


@pytest.mark.libreoffice
def test_the_report_is_written_beside_the_master_as_word_and_pdf(master):
    filled_return(master.parent / "returns", SCT_COMPLETE)
    port = OpenpyxlWorkbookPort(master, answers=[True])

    message = run_merge_button(port, now=NOW)

    docx = report_path(master)
    assert docx == master.with_name("EHWB master report.docx") and docx.stat().st_size > 0
    assert docx.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert f"The report is written: {docx} and {docx.with_suffix('.pdf')}." in message
    assert "The workbook has been saved" in message  # the merge's own news comes first


def test_no_report_is_offered_when_the_merge_could_not_be_saved(master):
    class Unsaveable(OpenpyxlWorkbookPort):
        def save(self):
            raise PermissionError("read-only")

    filled_return(master.parent / "returns", SCT_COMPLETE)
    port = Unsaveable(master, answers=[True])
    run_merge_button(port, now=NOW)
    assert port.questions == [] and not report_path(master).exists()


def test_the_button_does_not_merge_while_another_merge_of_the_master_runs(master, monkeypatch):
    from ehwb_excel.files import merge_lock
    from tests.files.test_merge_lock import lock_held

    monkeypatch.setattr(merge_lock, "WAIT_SECONDS", 0.2)
    calls: list = []
    with lock_held(master) as holder:
        port = OpenpyxlWorkbookPort(master)
        message = run_merge_button(port, merge=stub_merge(calls=calls), now=NOW)
    assert message.startswith("Merge stopped: ") and "another merge of this master is running" in message
    assert f"process {holder.pid} on " in message and calls == []
