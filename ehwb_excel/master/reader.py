"""Reads the master workbook back: its audit definition and the records on its sheets."""

from __future__ import annotations

import io
import os
from datetime import date, datetime
from pathlib import Path

from ehwb_excel.excel import layout
from ehwb_excel.files import encryption
from ehwb_excel.problems.catalogue.returns import MASTER_ENCRYPTED, MASTER_NOT_OURS, WRONG_PASSWORD
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.stored import audit_from_meta
from ehwb_excel.excel.meta_sheet import first_value, parse_meta
from ehwb_excel.audit import identity
from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.merge.previous import MasterState, state_from_records
from ehwb_excel.merge.quote_choices import choices_from_records


def open_master(path: str | os.PathLike, password: str | None = None):
    """The master's values, read by python-calamine, as a workbook with the little of openpyxl's
    read-only interface the readers use (`sheetnames`, `workbook[name].iter_rows(values_only=True)`,
    `close()`); EhwbError when it is not a master.

    Not openpyxl: calamine reads the master's sheets about ten times faster, and a merge and a
    report each read the whole master first. An encrypted master is decrypted in memory with `password`.
    """
    from python_calamine import CalamineWorkbook

    path = Path(path)
    if not path.is_file():
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why="the file does not exist"))
    content = master_bytes(path, password)
    try:
        return ValuesWorkbook(CalamineWorkbook.from_filelike(io.BytesIO(content)))
    except BaseException as error:  # calamine's errors, and a Rust panic (pyo3 makes it a BaseException): not a master we can read
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=f"it cannot be opened as .xlsx ({type(error).__name__})")) from None


def master_bytes(path: Path, password: str | None) -> bytes:
    """The master file's bytes, decrypted in memory when it is encrypted; EhwbError without the password that opens it."""
    try:
        data = path.read_bytes()
    except OSError as error:
        why = "the file does not exist" if not path.exists() else f"it cannot be read ({error.strerror or error})"
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=why)) from None
    if not encryption.is_encrypted(data):
        return data
    if password is None:
        raise EhwbError(MASTER_ENCRYPTED(Location.of(path)))
    try:
        return encryption.decrypt(data, password)
    except encryption.WrongPassword as error:
        raise EhwbError(WRONG_PASSWORD(Location.of(path), why=str(error))) from None


class ValuesWorkbook:
    """A workbook's worksheets as values, as openpyxl's read-only, values-only mode gives them."""

    def __init__(self, book):
        from python_calamine import SheetTypeEnum

        self._book = book
        self.sheetnames = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]

    def __getitem__(self, name: str) -> "ValuesSheet":
        return ValuesSheet(self._book.get_sheet_by_name(name))

    def close(self) -> None:
        self._book.close()


class ValuesSheet:
    def __init__(self, sheet):
        self._sheet = sheet

    def iter_rows(self, min_row: int = 1, max_col: int | None = None, values_only: bool = True):
        """Rows from `min_row` (Excel's number) as tuples from column A (to column `max_col`)."""
        for row in self._sheet.to_python(skip_empty_area=False)[min_row - 1:]:
            yield tuple(map(as_openpyxl_value, row[:max_col]))


def as_openpyxl_value(value):
    """A calamine value as openpyxl gives it: a blank cell is None, a whole number an int, a date a
    datetime at midnight (Excel stores no dates, only moments: calamine guesses, openpyxl does not)."""
    if value == "":
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if isinstance(value, date) and not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day)
    return value


def read_master_audit(workbook, path: str | os.PathLike) -> Audit:
    """The audit definition stored in the master's hidden metadata sheet."""
    if layout.MASTER_META_SHEET not in workbook.sheetnames:
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=f"it has no '{layout.MASTER_META_SHEET}' sheet"))
    meta = parse_meta(workbook[layout.MASTER_META_SHEET].iter_rows(values_only=True))
    audit = audit_from_meta(meta) if first_value(meta, layout.META_FORMAT) == layout.MASTER_FORMAT else None
    if audit is None:
        raise EhwbError(MASTER_NOT_OURS(Location.of(path, layout.MASTER_META_SHEET), why="its metadata is not an ehwb master's"))
    return audit


def read_master_identity_key(workbook) -> bytes | None:
    """The key the agency workbooks' tokens are made with; None for a master made before tokens."""
    if layout.MASTER_META_SHEET not in workbook.sheetnames:
        return None
    meta = parse_meta(workbook[layout.MASTER_META_SHEET].iter_rows(values_only=True))
    return identity.key_from_text(first_value(meta, layout.META_IDENTITY_KEY))


def master_identity_key(path: str | os.PathLike, password: str | None = None) -> bytes | None:
    """The identity key kept in the master at `path` (EhwbError when it is not a master)."""
    workbook = open_master(path, password)
    try:
        read_master_audit(workbook, path)
        return read_master_identity_key(workbook)
    finally:
        workbook.close()


def sheet_records(workbook, sheet: str, header_row: int = 1) -> list[dict]:
    """Rows below `header_row` as dicts keyed by the header text; wholly blank rows skipped.

    Each dict also has `_row`: the Excel row number, for messages. A missing sheet gives [].
    """
    if sheet not in workbook.sheetnames:
        return []
    rows = workbook[sheet].iter_rows(min_row=header_row, values_only=True)
    headers = next(rows, None)
    if not headers:
        return []
    names = [str(h).strip() if h is not None else "" for h in headers]
    records = []
    for number, row in enumerate(rows, start=header_row + 1):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        record = {name: value for name, value in zip(names, row) if name}
        record["_row"] = number
        records.append(record)
    return records


def read_master_state(path: str | os.PathLike, password: str | None = None) -> MasterState:
    """The previous merge's content of the master at `path` (EhwbError when it is not a master)."""
    workbook = open_master(path, password)
    try:
        audit = read_master_audit(workbook, path)
        state = state_from_records(
            audit,
            responses=sheet_records(workbook, layout.RESPONSES_SHEET),
            submissions=sheet_records(workbook, layout.SUBMISSIONS_SHEET),
            history=sheet_records(workbook, layout.HISTORY_SHEET) or sheet_records(workbook, layout.HISTORY_SHEET_BEFORE),
            merge_log=sheet_records(workbook, layout.MERGE_LOG_SHEET),
            quote_choices=choices_from_records(sheet_records(workbook, layout.QUOTE_CHOICES_SHEET)),
        )
        state.identity_key = read_master_identity_key(workbook)
        return state
    finally:
        workbook.close()  # read-only workbooks keep the file open (and locked on Windows) until closed
