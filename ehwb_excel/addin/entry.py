"""What the Merge returns button runs: the same merge as `ehwb merge`, into the open workbook.

The merge reads the master FILE (its audit definition and the previous merge's sheets), so
the button first makes sure the open workbook is saved: it offers to save it, and refuses
with a message otherwise. The derived sheets are then written into the open workbook through
Excel, which keeps the coordinator's charts, pivots and formatting, and Excel saves it, so
the file and the screen agree for the next merge. As `ehwb merge` does, a copy of the master
as it was is kept in `backups/` beside it first. Once the merge is saved, the button offers to
write the report beside the master (report_offer.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ehwb_excel.addin.port import DEFAULT_RETURNS_FOLDER, RETURNS_FOLDER_SETTING, WorkbookPort
from ehwb_excel.addin.report_offer import offer_report
from ehwb_excel.problems.catalogue.addin import (
    MERGE_NOT_INSTALLED,
    NOT_SAVED_AFTER_MERGE,
    NOT_SAVED_BEFORE_MERGE,
    RETURNS_FOLDER_MISSING,
    SHEET_NOT_WRITTEN,
    UNSAVED_CHANGES,
    WORKBOOK_NEVER_SAVED,
    WORKBOOK_NOT_LOCAL,
)
from ehwb_excel.problems.catalogue.returns import MASTER_TEXT_UNWRITABLE
from ehwb_excel.problems.location import Location
from ehwb_excel.master.one_at_a_time import merging_alone
from ehwb_excel.master.trail import merge_entry, recorded
from ehwb_excel.master.writer import make_backup, text_unwritable
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.merge.sheet_table import SheetTable

if TYPE_CHECKING:  # the merge is imported only when the button is clicked
    from ehwb_excel.merge.merge import MergeResult

Merge = Callable[..., "MergeResult"]  # merge_returns(returns_dir, master_path, *, now=None)
MAX_REASON = 400  # characters of a failure shown in the message box


def run_merge_button(port: WorkbookPort, *, merge: Merge | None = None, now: datetime | None = None) -> str:
    """Merge the returns into the open workbook and show what happened in a message box.

    Returns the message shown. Every failure becomes a one-line message, never a traceback.
    """
    try:
        message = _merge_into_open_workbook(port, merge, now)
    except EhwbError as error:
        more = f" (and {len(error.problems) - 1} more like it)" if len(error.problems) > 1 else ""
        message = "Merge stopped: " + _one_line(str(error.problems[0]) if error.problems else str(error)) + more
    except OSError as error:
        message = "Merge stopped: " + _one_line(_os_reason(error))
    except ImportError as error:  # the Python Excel runs lacks a package the merge needs
        message = "Merge stopped: " + _one_line(str(MERGE_NOT_INSTALLED(why=f"{type(error).__name__}: {error}")))
    except Exception as error:  # a bug of ours: one line in Excel, the details on the command line
        message = "Merge stopped by an internal error: " + _one_line(f"{type(error).__name__}: {error}") + \
            " For details run 'ehwb merge RETURNS_FOLDER --master MASTER.xlsx --debug' on the command line."
    try:
        port.message_box(message)
    except Exception:  # nothing is left that could show it; Excel must not get a traceback
        pass
    return message


def main() -> None:
    """The ribbon button's entry point (called by RunPython through `ehwb_audit.main`)."""
    try:
        from ehwb_excel.addin.excel_layer import XlwingsWorkbookPort

        port = XlwingsWorkbookPort.from_caller()
    except Exception as error:  # no Excel to show a message in: report through xlwings' own error box
        raise SystemExit(f"EHWB Audit: Excel could not be reached ({type(error).__name__}: {error})") from None
    run_merge_button(port)


# -- the steps --------------------------------------------------------------------------------
def _merge_into_open_workbook(port: WorkbookPort, merge: Merge | None, now: datetime | None) -> str:
    master = master_path(port)
    if port.has_unsaved_changes():
        if not port.ask_yes_no(f"Save '{master.name}' now and merge the returns into it?\n\n"
                               "The merge reads the saved workbook."):
            raise EhwbError(UNSAVED_CHANGES(Location.of(master)))
        try:
            port.save()
        except Exception as error:
            raise EhwbError(NOT_SAVED_BEFORE_MERGE(Location.of(master), why=_reason(error))) from error
    returns_dir = returns_folder(port, master)
    with merging_alone(master, command="the Merge returns button"):  # as `ehwb merge`: one merge of a master at a time
        return _merge_and_save(port, master, returns_dir, merge, now)


def _merge_and_save(port: WorkbookPort, master: Path, returns_dir: Path, merge: Merge | None, now: datetime | None) -> str:
    result = (merge or merge_function())(returns_dir, master, now=now)
    refuse_unwritable_text(master, result.sheets)
    backup = make_backup(master)  # the saved master as it was before this merge, as `ehwb merge` keeps
    for table in result.sheets:
        try:
            port.write_sheet(table)
        except Exception as error:
            raise EhwbError(SHEET_NOT_WRITTEN(Location.of(master, table.name), why=_reason(error))) from error
    saved_note = f"The workbook has been saved; the version before this merge is kept as {backup}."
    try:
        port.save()
    except Exception as error:
        return summary_message(result, returns_dir, str(NOT_SAVED_AFTER_MERGE(Location.of(master), why=_reason(error))))
    unrecorded = recorded(master, merge_entry(result, master, "the Merge returns button"))
    if unrecorded is not None:
        saved_note += f"\n\n{unrecorded}"
    return summary_message(result, returns_dir, saved_note, offer_report(port, master))


def master_path(port: WorkbookPort) -> Path:
    """The open workbook as a file on this computer; EhwbError when it is not one."""
    full_name = port.workbook_path() or ""
    if "://" in full_name:
        raise EhwbError(WORKBOOK_NOT_LOCAL(Location.of(full_name.rsplit("/", 1)[-1]), url=full_name))
    path = Path(full_name)
    if not path.is_absolute() or not path.is_file():
        raise EhwbError(WORKBOOK_NEVER_SAVED(Location(full_name)))
    return path


def returns_folder(port: WorkbookPort, master: Path) -> Path:
    """The folder the returns are read from: the setting (relative to the master's folder) or
    'returns' beside the master; EhwbError when it does not exist."""
    setting = port.setting(RETURNS_FOLDER_SETTING) or DEFAULT_RETURNS_FOLDER
    folder = master.parent / Path(os.path.expandvars(os.path.expanduser(setting)))  # an absolute setting wins
    if not folder.is_dir():
        raise EhwbError(RETURNS_FOLDER_MISSING(Location.of(master), folder=f"'{folder}'"))
    return folder


def merge_function() -> Merge:
    """The library's merge (the one `ehwb merge` runs), imported only when the button is clicked."""
    try:
        from ehwb_excel.master.merge_returns import merge_returns
    except ImportError as error:
        raise EhwbError(MERGE_NOT_INSTALLED(why=_one_line(f"{type(error).__name__}: {error}"))) from error
    return merge_returns


def refuse_unwritable_text(master: Path, tables: list[SheetTable]) -> None:
    """Text no Excel cell can hold is refused before anything is written (as `ehwb merge` does)."""
    for table in tables:
        for row_number, row in enumerate([table.headers, *table.rows], start=1):
            for column, value in enumerate(row, start=1):
                why = text_unwritable(value)
                if why:
                    raise EhwbError(MASTER_TEXT_UNWRITABLE(Location.of(master, table.name, row_number, column), why=why,
                                                           source=f"sheet '{table.name}'"))


def summary_message(result, returns_dir: Path, saved_note: str, report_note: str | None = None) -> str:
    """What the coordinator reads after a merge: where the returns came from, the merge's own
    summary (merged, missing, late, rejected, and where the problems are listed), the save, the report."""
    parts = [f"Returns read from {returns_dir}", result.summary().strip(), saved_note]
    return "\n\n".join(parts + ([report_note] if report_note else []))


def _one_line(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def _reason(error: Exception) -> str:
    return _one_line(str(error)) or type(error).__name__


def _os_reason(error: OSError) -> str:
    where = f" ({error.filename})" if getattr(error, "filename", None) else ""
    if isinstance(error, PermissionError):
        return f"a file is locked or read-only{where}. Close it in Excel or any other program, then click Merge returns again."
    return f"{error.strerror or error}{where}."
