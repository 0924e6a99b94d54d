"""Writes a merge into the master workbook: only the derived sheets, safely, with a backup first.

The coordinator's sheets are never written: the master is loaded whole (formulas kept, not
values-only), only the derived sheets are emptied and filled again, and the result
is saved to a temporary file in the same folder and moved over the old master in one step
(os.replace), so a crash, a full disk or a locked file leaves the previous master as it was.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import shutil
from datetime import date, datetime
from pathlib import Path
from collections.abc import Collection
from typing import TYPE_CHECKING

from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from ehwb_excel.problems.location import column_letter
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableStyleInfo

from ehwb_excel.excel import layout
from ehwb_excel.files.atomic import replacing, write_bytes
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.excel.cell_text import ILLEGAL_CHARACTERS
from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.problems.location import Location
from ehwb_excel.master import derived_parts
from ehwb_excel.master.keepsakes import content_openpyxl_drops
from ehwb_excel.workbook import master_look
from ehwb_excel.files import encryption
from ehwb_excel.master.reader import master_bytes, read_master_audit
from ehwb_excel.problems.problem import EhwbError, Problem
from ehwb_excel.merge.sheet_table import ChoiceColumn, SheetTable
from ehwb_excel.workbook import style

if TYPE_CHECKING:
    from ehwb_excel.merge.merge import MergeResult

BACKUP_FOLDER = "backups"

DATE_FORMAT, MOMENT_FORMAT = master_look.DATE_FORMAT, master_look.MOMENT_FORMAT


def save_master(master_path: str | os.PathLike, result: "MergeResult", *, backup_dir: str | os.PathLike | None = None,
                backup: bool = True, allow_loss: bool = False, password: str | None = None) -> Path | None:
    """Write `result` into the master's derived sheets; the backup copy's path (None without one).

    Raises EhwbError (MASTER_LOCKED) when the master is open in Excel or LibreOffice, and
    (MASTER_TEXT_UNWRITABLE, MASTER_NOT_SAVED) when it cannot be written, and (MASTER_WOULD_LOSE)
    when it holds pivot tables, shapes or other content an openpyxl save drops, unless
    `allow_loss`; in every case the master is left exactly as it was. An encrypted master is
    read with `password` and saved encrypted with it again (never decrypted on disk).
    """
    master = Path(master_path)
    _refuse_if_locked(master)
    workbook = built_master(master, result, allow_loss=allow_loss, password=password)
    encrypted_with = password if encryption.file_is_encrypted(master) else None  # saved as it was: encrypted or not
    backup_path = make_backup(master, backup_dir) if backup else None
    _save_atomically(workbook, master, encrypted_with)
    return backup_path


def built_master(master: Path, result: "MergeResult", *, allow_loss: bool = False, password: str | None = None):
    """The master's workbook in memory with `result` written into its derived sheets, not yet saved.

    Raises EhwbError (MASTER_WOULD_LOSE, MASTER_TEXT_UNWRITABLE, MASTER_NOT_OURS, and what reading an
    encrypted master raises) as `save_master` does; it neither looks for a lock file nor writes anything.
    """
    source = io.BytesIO(master_bytes(master, password))
    lost = [] if allow_loss else content_openpyxl_drops(source)
    if lost:
        raise EhwbError(ret.MASTER_WOULD_LOSE(Location.of(master), what=_joined(lost)))
    _refuse_unwritable_text(master, result.sheets)
    workbook = _load(master, without_cells_of={t.name for t in result.sheets}, source=source)
    if read_master_audit(workbook, master).checksum() != result.audit.checksum():
        raise EhwbError(ret.MASTER_NOT_OURS(Location.of(master), why="it holds another audit definition than the one this merge used"))
    write_derived_sheets(workbook, result.sheets)
    return workbook


# -- the derived sheets ---------------------------------------------------------------------------


def write_derived_sheets(workbook, tables: list[SheetTable]) -> None:
    """Replace each derived sheet's content by its table; every other sheet is left untouched."""
    active = workbook.active.title if workbook.active is not None else None
    _rename_reserved_sheets(workbook)
    master_look.add_named_styles(workbook)
    for table in tables:
        if table.name not in layout.DERIVED_SHEETS:
            raise ValueError(f"'{table.name}' is not a derived sheet; the merge writes no other")
        sheet = _fresh_sheet(workbook, table.name)
        _write_table(sheet, table)
    if active in workbook.sheetnames:
        workbook.active = workbook.sheetnames.index(active)


def _fresh_sheet(workbook, name: str):
    """The sheet called `name` emptied of every cell, table, filter, validation and format.

    The sheet itself stays, so what the skeleton set on it survives: the protective marking
    in its header and footer, print set-up, tab colour and visibility.
    """
    if name not in workbook.sheetnames:
        before_meta = workbook.sheetnames.index(layout.MASTER_META_SHEET) if layout.MASTER_META_SHEET in workbook.sheetnames else None
        return workbook.create_sheet(name, before_meta)
    sheet = workbook[name]
    for merged in list(sheet.merged_cells.ranges):
        sheet.unmerge_cells(str(merged))
    sheet.delete_rows(1, sheet.max_row)
    sheet.row_dimensions.clear()
    for table in list(sheet.tables):
        del sheet.tables[table]
    sheet.auto_filter = AutoFilter()
    sheet.conditional_formatting = ConditionalFormattingList()
    sheet.data_validations = DataValidationList()
    return sheet


def _rename_reserved_sheets(workbook) -> None:
    """A master made before the rename has a "History" sheet (Excel reserves the name): give it its new name."""
    old, new = layout.HISTORY_SHEET_BEFORE, layout.HISTORY_SHEET
    if old in workbook.sheetnames and new not in workbook.sheetnames:
        workbook[old].title = new


def _write_table(sheet, table: SheetTable) -> None:
    """Headers, rows in the derived sheets' named styles (master_look), widths, heights and print set-up."""
    widths = master_look.column_widths(table)
    styles: dict[str, object] = {}
    for column, header in enumerate(table.headers, start=1):
        _styled(put_value(sheet.cell(row=1, column=column), header), master_look.HEADER, styles)
        sheet.column_dimensions[column_letter(column)].width = widths[column - 1]
    _set_height(sheet, 1, master_look.row_height(table.headers, widths))
    for row_number, row in enumerate(table.rows, start=2):
        flag = master_look.row_flag(table.headers, row)
        for column, value in enumerate(row, start=1):
            if value is None and not flag and (row_number - 1, column) not in table.fills:
                # no cell for an empty value in plain text: it looks the same, and a fifth of a large
                # master's cells are empty (a cell costs openpyxl about 200 bytes until the save)
                continue
            cell = _data_cell(sheet, row_number, column, value)
            _styled(cell, flag or master_look.value_style(value), styles)
            if flag and isinstance(value, date):
                _own_style(cell)
                put_value(cell, value)  # the date's format over the flag's style
        _set_height(sheet, row_number, master_look.row_height(row, widths))
    _fill(sheet, table.fills)
    sheet.freeze_panes = "A2"
    master_look.print_setup(sheet)
    _choices(sheet, table)
    last_column = column_letter(max(len(table.headers), 1))
    last_row = max(len(table.rows), 1) + 1  # a table needs a data row: an empty one when there is none
    if table.excel_table:
        # the table carries its own filter; a sheet filter over the same cells makes Excel repair the file
        excel_table = Table(displayName=table.excel_table, ref=f"A1:{last_column}{last_row}")
        excel_table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
        sheet.add_table(excel_table)
    else:
        sheet.auto_filter.ref = f"A1:{last_column}{len(table.rows) + 1}"


def _data_cell(sheet, row: int, column: int, value) -> Cell:
    """A new cell holding `value`, as put_value writes it.

    Text and numbers are stored without openpyxl's per-value checks, which were a quarter of
    writing a derived sheet: text is always text here (the "=" and "#N/A" that openpyxl would
    turn into a formula or an error are what put_value forbids). Text no cell can hold (which
    save_master refuses before anything is written) and other values go through put_value.
    """
    cell = Cell(sheet, row=row, column=column)
    kind = type(value)
    if kind is str and len(value) <= CELL_TEXT_MAX and not ILLEGAL_CHARACTERS.search(value):
        cell._value, cell.data_type = value, "s"
    elif kind is int or kind is float:
        cell._value = value  # data type "n", as made
    elif value is not None:
        put_value(cell, value)
    sheet._add_cell(cell)  # what sheet.cell() does, without looking for a cell that is not there
    return cell


def _styled(cell, name: str, styles: dict) -> None:
    """`cell.style = name`, the style's formatting looked up once per sheet and shared by its cells.

    openpyxl finds a named style by name and copies it for every cell (a fifth of a large
    master's save); a copy per cell was still a tenth. Every cell in one style holds the same
    style array, so a cell whose look changes afterwards takes its own first (`_own_style`).
    """
    if name not in styles:
        cell.style = name
        styles[name] = cell._style
    cell._style = styles[name]


def _fill(sheet, fills: dict[tuple[int, int], str]) -> None:
    """Each (row, column) of the table's data filled with its colour; cells of one look and one colour share one style array.

    Setting `cell.fill` makes openpyxl find the fill in the workbook's table by hashing it (a
    tenth of writing the Grades sheet when done per cell): done once per look and colour here.
    """
    filled: dict[tuple, object] = {}
    for (row, column), colour in fills.items():
        cell = sheet.cell(row=row + 1, column=column)
        look = (tuple(cell._style), colour)
        if look not in filled:
            _own_style(cell).fill = style.solid_fill(colour)
            filled[look] = cell._style
        cell._style = filled[look]


def _own_style(cell):
    """The cell, with a style array of its own that it can change without changing its neighbours'."""
    cell._style = copy.copy(cell._style)
    return cell


def _choices(sheet, table: SheetTable) -> None:
    """Dropdowns on the columns the coordinator chooses in."""
    for choice in table.choice_columns():
        sheet.add_data_validation(choice_validation(choice))


def choice_validation(choice: ChoiceColumn) -> DataValidation:
    """openpyxl's validation for a dropdown a coordinator chooses in: only the listed values are accepted."""
    validation = DataValidation(type="list", formula1=choice.list_formula, allow_blank=True,
                                showErrorMessage=True, showInputMessage=True, errorStyle="stop",
                                errorTitle="Not accepted", error=choice.prompt, prompt=choice.prompt)
    letter = column_letter(choice.column)
    validation.add(f"{letter}2:{letter}{choice.last_row}")
    return validation


def put_value(cell, value):
    """Write a value as data (text stays text: style.put_value), dates shown as UK readers read them."""
    style.put_value(cell, value)
    if isinstance(value, datetime):
        cell.number_format = MOMENT_FORMAT
    elif isinstance(value, date):
        cell.number_format = DATE_FORMAT
    return cell


def _set_height(sheet, row: int, height: float | None) -> None:
    """A wrapped row's height, which Excel may still re-fit (no custom height): LibreOffice does not fit rows on opening."""
    if height is not None:
        sheet.row_dimensions[row] = style.GrowingRow(sheet, index=row, ht=height)


def _joined(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _load(master: Path, without_cells_of: Collection[str] = (), source: io.BytesIO | None = None):
    """The whole master, formulas kept (not values-only, so the coordinator's formulas survive),
    except the cells of the sheets named, which the save replaces (see `derived_parts`).
    `source`: the master's bytes already read (decrypted), else the file is read."""
    if not master.is_file():
        raise EhwbError(ret.MASTER_NOT_OURS(Location.of(master), why="the file does not exist"))
    package = source if source is not None else master
    try:
        return load_workbook(derived_parts.without_cells_of(package, without_cells_of) if without_cells_of else package)
    except Exception as error:  # zip, XML or format errors all mean: not a master we can write
        raise EhwbError(ret.MASTER_NOT_OURS(Location.of(master), why=f"it cannot be opened as .xlsx ({type(error).__name__})")) from error


def _refuse_unwritable_text(master: Path, tables: list[SheetTable]) -> None:
    """Text a cell cannot hold is refused before anything is written (openpyxl would cut it)."""
    problems: list[Problem] = []
    for table in tables:
        for row_number, row in enumerate([table.headers, *table.rows], start=1):
            for column, value in enumerate(row, start=1):
                why = text_unwritable(value)
                if why:
                    source = _source(table, row) if row_number > 1 else "the sheet headers"
                    problems.append(ret.MASTER_TEXT_UNWRITABLE(
                        Location.of(master, table.name, row_number, column), why=why, source=source,
                    ))
    if problems:
        raise EhwbError(problems)


def text_unwritable(value) -> str | None:
    """Why `value` cannot be stored in an Excel cell as it is; None when it can."""
    if not isinstance(value, str):
        return None
    if len(value) > CELL_TEXT_MAX:
        return f"{len(value):,} characters, more than the {CELL_TEXT_MAX:,} a cell holds"
    if ILLEGAL_CHARACTERS.search(value):
        return "it contains control characters a workbook cannot store"
    return None


def _source(table: SheetTable, row: tuple) -> str:
    record = dict(zip(table.headers, row))
    if record.get("Source file"):
        return f"{record['Source file']}, sheet '{record.get('Sheet')}', cell {record.get('Cell')}"
    return f"sheet '{table.name}'"


# -- backup, lock and atomic save -------------------------------------------------------------


def lock_files(master: Path) -> list[Path]:
    """Lock files beside the master that say it is open: Excel's `~$name`, LibreOffice's `.~lock.name#`."""
    candidates = [f"~${master.name}", f".~lock.{master.name}#"]
    if len(master.name) > 2:
        candidates.append(f"~${master.name[2:]}")  # Office shortens long names to '~$' + all but two characters
    return [master.parent / name for name in candidates if (master.parent / name).exists()]


def _refuse_if_locked(master: Path) -> None:
    found = lock_files(master)
    if found:
        raise EhwbError(ret.MASTER_LOCKED(
            Location.of(master),
            why=f"its lock file '{found[0].name}' is beside it; if it is not open anywhere, delete that lock file",
        ))


def backup_name(master: Path, moment: datetime) -> str:
    """`master.backup-20260402-120000.xlsx`."""
    return f"{master.stem}.backup-{moment:%Y%m%d-%H%M%S}{master.suffix}"


def make_backup(master: Path, backup_dir: str | os.PathLike | None = None) -> Path:
    """A timestamped copy of the master in `backups/` beside it (or `backup_dir`)."""
    folder = Path(backup_dir) if backup_dir is not None else master.parent / BACKUP_FOLDER
    target = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        name = Path(backup_name(master, datetime.now()))
        target, number = folder / name, 2
        while target.exists():  # two merges within one second
            target = folder / f"{name.stem}-{number}{name.suffix}"
            number += 1
        with replacing(target) as temporary:  # a copy cut short (killed, full disk) never has a backup's name
            shutil.copy2(master, temporary)
    except OSError as error:
        if target is not None and target.exists():  # a copy cut short (full disk) must not pass for a backup
            with contextlib.suppress(OSError):
                target.unlink()
        raise EhwbError(ret.MASTER_NOT_SAVED(Location.of(master), why=f"the backup copy could not be made: {error}")) from error
    return target


def _save_atomically(workbook, master: Path, password: str | None = None) -> None:
    # saved in memory first: on a full disk only our own write fails, cleanly, instead of a zip file
    # openpyxl leaves open on disk, whose clean-up at exit printed "Exception ignored ... OSError";
    # an encrypted master is encrypted there too, so the plain workbook never reaches the disk
    content = io.BytesIO()
    workbook.save(content)
    try:
        write_bytes(master, content.getbuffer() if password is None else encryption.encrypt(content.getvalue(), password))
    except PermissionError as error:
        raise EhwbError(ret.MASTER_LOCKED(
            Location.of(master), why=f"the system refused to replace it: {error.strerror or error}",
        )) from error
    except OSError as error:
        raise EhwbError(ret.MASTER_NOT_SAVED(Location.of(master), why=str(error.strerror or error))) from error

