"""Write one workbook per agency and the master skeleton into a folder, never leaving a half-written file."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from pathlib import Path

from openpyxl import Workbook

from ehwb_excel.files import encryption
from ehwb_excel.files.atomic import replacing, write_bytes
from ehwb_excel.files.file_set import staged_files
from ehwb_excel.workbook.agency_workbook import agency_workbook
from ehwb_excel.workbook.master_skeleton import master_workbook
from ehwb_excel.audit import identity
from ehwb_excel.audit.model import Audit
from ehwb_excel.master.reader import master_identity_key
from ehwb_excel.problems.catalogue.returns import MASTER_ENCRYPTED, WRONG_PASSWORD
from ehwb_excel.problems.problem import EhwbError

# Characters Windows or macOS refuse in file names, and names Windows reserves.
_ILLEGAL = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
NAME_MAX = 120  # well under every file system's limit, leaving room for the folder path


def safe_file_name(stem: str, suffix: str = ".xlsx") -> str:
    """`stem` made legal on Windows, macOS and Linux, plus `suffix`."""
    stem = _ILLEGAL.sub("_", " ".join(stem.split()))
    stem = stem.strip(" .")[:NAME_MAX].rstrip(" .") or "workbook"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    return stem + suffix


def file_name_for(audit: Audit, agency_code: str) -> str:
    """The agency workbook's file name, e.g. "EHWB-2026-Q1 - Inclusion Support.xlsx"."""
    agency = audit.agency(agency_code)
    code = agency.code if agency else agency_code
    return safe_file_name(f"{audit.settings.audit_id} - {code}")


def master_file_name(audit: Audit) -> str:
    """The master workbook's file name, e.g. "EHWB-2026-Q1 - master.xlsx"."""
    return safe_file_name(f"{audit.settings.audit_id} - master")


def generate(
    audit: Audit,
    out_dir: str | os.PathLike,
    progress: Callable[[Path], None] | None = None,
    *,
    agencies: Iterable[str] | None = None,
    generated_at: datetime | None = None,
    password: str | None = None,
) -> list[Path]:
    """Write the agency workbooks (all, or the given agency codes) and the master; the paths written.

    Each agency workbook carries its agency's token, made with the key kept in the master
    (a new master gets a new key; an existing master's key is reused, so its merges accept
    the new workbooks). An agency that knows none of the cases gets no workbook (the definition check warns of
    it once) and is not chased by the merge. An existing master is never replaced: the coordinator may already have typed into it.
    The files appear in `out_dir` all together at the end (`staged_files`): an error or Ctrl-C
    half-way leaves none of them. `progress` is called with each file's path as soon as it is ready.
    With `password` every file is encrypted (Office's password to open, ECMA-376 agile, as Excel
    writes it), in memory: no plain copy reaches the disk.
    Raises ValueError for an unknown agency code or two agencies whose file names clash.
    """
    out = Path(out_dir)
    codes = agency_codes(audit, agencies)
    when = generated_at or datetime.now(timezone.utc)
    names = [file_name_for(audit, code) for code in codes]
    master = out / master_file_name(audit)
    # the key agency tokens are made with lives only in the master: a master kept from an
    # earlier run keeps its key (None if it was made before tokens), a new master gets a new one
    key = _kept_key(master, password) if master.exists() else identity.new_key()
    with staged_files(out) as staging:
        for code, name in zip(codes, names):
            _save(agency_workbook(audit, code, when, identity_key=key), staging / name, password)
            if progress:
                progress(out / name)
        if not master.exists():
            names.append(master.name)
            _save(master_workbook(audit, key), staging / master.name, password)
            if progress:
                progress(master)
    return [out / name for name in names]


def planned_names(audit: Audit, agencies: Iterable[str] | None = None) -> list[str]:
    """The file names of the agency workbooks `generate` writes (the master's is `master_file_name`)."""
    return [file_name_for(audit, code) for code in agency_codes(audit, agencies)]


def planned_files(audit: Audit, agencies: Iterable[str] | None = None) -> int:
    """How many files `generate` may write (for a progress bar's total)."""
    return len(agency_codes(audit, agencies)) + 1


def agency_codes(audit: Audit, agencies: Iterable[str] | None = None) -> list[str]:
    """The codes of the agencies that get a workbook (all, or those given), in the definition's order.

    Raises ValueError for an unknown code or two agencies whose file names clash.
    """
    if agencies is None:
        codes = [a.code for a in audit.agencies]
    else:
        codes = []
        for code in agencies:
            agency = audit.agency(code)
            if agency is None:
                known = ", ".join(a.code for a in audit.agencies)
                raise ValueError(f"agency '{code}' is not in the definition (known: {known})")
            if agency.code not in codes:
                codes.append(agency.code)
    codes = [code for code in codes if audit.cases_for(code)]  # nothing to ask an agency that knows no case
    names: dict[str, str] = {}
    for code in codes:
        name = file_name_for(audit, code).casefold()  # Windows and macOS ignore case
        if name in names:
            raise ValueError(f"agencies '{names[name]}' and '{code}' would get the same file name; change one code")
        names[name] = code
    return codes


def _kept_key(master: Path, password: str | None) -> bytes | None:
    """The identity key of the master kept in the folder; None when it has none (or is no master the merge could use).

    EhwbError when the kept master is encrypted and `password` does not open it.
    """
    try:
        return master_identity_key(master, password)
    except EhwbError as error:
        if any(p.type in (MASTER_ENCRYPTED, WRONG_PASSWORD) for p in error.problems):
            raise  # its key is needed: workbooks without tokens would all be refused by its merges
        return None


def _save(wb: Workbook, path: Path, password: str | None = None) -> Path:
    """Save to a temporary name in the same folder, then rename: a reader never sees half a file.
    With `password`, the workbook is encrypted in memory first."""
    if password is None:
        with replacing(path) as temporary:
            wb.save(temporary)
        return path
    buffer = io.BytesIO()
    wb.save(buffer)
    return write_bytes(path, encryption.encrypt(buffer.getvalue(), password))
