"""The master's derived sheets and its audit, read fast and values only (python-calamine)."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from ehwb_excel.audit.model import Audit
from ehwb_excel.excel import layout
from ehwb_excel.audit.stored import audit_from_meta
from ehwb_excel.excel.meta_sheet import first_value, parse_meta
from ehwb_excel.merge.sheet_table import SheetTable
from ehwb_excel.master.reader import master_bytes
from ehwb_excel.problems.catalogue.returns import MASTER_NOT_OURS
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError

EXPORTED = (layout.RESPONSES_SHEET, layout.SUBMISSIONS_SHEET, layout.GRADES_SHEET)


@dataclass
class MasterTables:
    audit: Audit
    tables: dict[str, SheetTable]  # sheet name -> headers and rows (an absent sheet: no rows)


def read_master_tables(path: str | os.PathLike, sheets: tuple[str, ...] = EXPORTED, password: str | None = None) -> MasterTables:
    """The audit and the named derived sheets of the master at `path`; EhwbError when it is not a master
    (or is encrypted and `password` does not open it: it is decrypted in memory)."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    content = master_bytes(path, password)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
    except BaseException as error:  # calamine's errors, and a Rust panic (a BaseException), are all "cannot open"
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            raise
        why = "the file does not exist" if not path.exists() else f"it cannot be opened as .xlsx ({type(error).__name__})"
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=why)) from None
    try:
        names = set(workbook.sheet_names)
        if layout.MASTER_META_SHEET not in names:
            raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=f"it has no '{layout.MASTER_META_SHEET}' sheet"))
        meta = parse_meta(_rows(workbook, layout.MASTER_META_SHEET))
        audit = audit_from_meta(meta) if first_value(meta, layout.META_FORMAT) == layout.MASTER_FORMAT else None
        if audit is None:
            raise EhwbError(MASTER_NOT_OURS(Location.of(path, layout.MASTER_META_SHEET), why="its metadata is not an ehwb master's"))
        return MasterTables(audit, {name: _table(name, _rows(workbook, name) if name in names else []) for name in sheets})
    finally:
        workbook.close()


def _rows(workbook, name: str) -> list[list]:
    return workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)


def _table(name: str, rows: list[list]) -> SheetTable:
    """Headers from row 1; every later row that is not wholly blank (values as calamine gives them)."""
    if not rows:
        return SheetTable(name, ())
    width = len(rows[0])
    while width and rows[0][width - 1] in (None, ""):
        width -= 1
    headers = tuple(str(h).strip() for h in rows[0][:width])
    body = [tuple(None if v == "" else v for v in row[:width]) for row in rows[1:]]
    return SheetTable(name, headers, [row for row in body if any(v is not None for v in row)])
