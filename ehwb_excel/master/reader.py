"""Reads the master workbook back: its audit definition and the records on its sheets."""

from __future__ import annotations

import os
from pathlib import Path

from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue.returns import MASTER_NOT_OURS
from ehwb_excel.problems.location import Location
from ehwb_excel.excel.meta_sheet import audit_from_meta, first_value, parse_meta
from ehwb_excel.audit.model import Audit
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.master.state import MasterState, state_from_records
from ehwb_excel.merge.quote_choices import choices_from_records


def open_master(path: str | os.PathLike, *, read_only: bool = True):
    """The master as an openpyxl workbook (values only); EhwbError when it is not a master."""
    path = Path(path)
    if not path.is_file():
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why="the file does not exist"))
    try:
        return load_workbook(path, read_only=read_only, data_only=True)
    except Exception as error:  # zip, XML or format errors all mean: not a master we can read
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=f"it cannot be opened as .xlsx ({type(error).__name__})")) from error


def read_master_audit(workbook, path: str | os.PathLike) -> Audit:
    """The audit definition stored in the master's hidden metadata sheet."""
    if layout.MASTER_META_SHEET not in workbook.sheetnames:
        raise EhwbError(MASTER_NOT_OURS(Location.of(path), why=f"it has no '{layout.MASTER_META_SHEET}' sheet"))
    meta = parse_meta(workbook[layout.MASTER_META_SHEET].iter_rows(values_only=True))
    audit = audit_from_meta(meta) if first_value(meta, layout.META_FORMAT) == layout.MASTER_FORMAT else None
    if audit is None:
        raise EhwbError(MASTER_NOT_OURS(Location.of(path, layout.MASTER_META_SHEET), why="its metadata is not an ehwb master's"))
    return audit


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


def read_master_state(path: str | os.PathLike) -> MasterState:
    """The previous merge's content of the master at `path` (EhwbError when it is not a master)."""
    workbook = open_master(path)
    try:
        audit = read_master_audit(workbook, path)
        return state_from_records(
            audit,
            responses=sheet_records(workbook, layout.RESPONSES_SHEET),
            submissions=sheet_records(workbook, layout.SUBMISSIONS_SHEET),
            history=sheet_records(workbook, layout.HISTORY_SHEET) or sheet_records(workbook, layout.HISTORY_SHEET_BEFORE),
            merge_log=sheet_records(workbook, layout.MERGE_LOG_SHEET),
            quote_choices=choices_from_records(sheet_records(workbook, layout.QUOTE_CHOICES_SHEET)),
        )
    finally:
        workbook.close()  # read-only workbooks keep the file open (and locked on Windows) until closed
