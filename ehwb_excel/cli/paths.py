"""The paths a command is given: an input that fits the mistake when it is not there, an output never replaced by surprise."""

from __future__ import annotations

import os
from pathlib import Path

from ehwb_excel.problems.catalogue import command_line as problems
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def input_workbook(path: str | os.PathLike, what: str) -> Path:
    """`path`, when it is a file that may be an Excel workbook; else EhwbError with the one line that fits."""
    path = Path(path)
    where = Location(str(path))
    if path.is_dir():
        raise EhwbError(problems.FOLDER_NOT_FILE(where, what=what, inside=_workbooks_inside(path)))
    if not path.exists():
        raise EhwbError(problems.NO_SUCH_FILE(where, what=what, near=_near(path)))
    kind = _not_a_workbook(path)
    if kind:
        raise EhwbError(problems.WRONG_KIND(where, what=what, kind=kind))
    return path


def output_file(path: str | os.PathLike, what: str, *, force: bool) -> Path:
    """`path`, when writing it replaces nothing (or --force was given); else EhwbError."""
    path = Path(path)
    if path.is_dir():
        raise EhwbError(problems.OUTPUT_NAME(Location(str(path)), why=f"this is a folder; the {what} needs a file name",
                                             suffixes=path.suffix or "the file's type"))
    if path.exists() and not force:
        raise EhwbError(problems.OUTPUT_EXISTS(Location(str(path)), what=what))
    return path


def _workbooks_inside(folder: Path) -> str:
    """', such as 'returns/x.xlsx'' — workbooks in the folder the user may have meant."""
    try:
        names = sorted(p.name for p in folder.iterdir() if p.suffix.lower() in WORKBOOK_SUFFIXES and not p.name.startswith((".", "~$")))
    except OSError:
        return ""
    if not names:
        return "; this folder holds no Excel workbook"
    shown = " or ".join(f"'{folder / n}'" for n in names[:2])
    return f", such as {shown}" + (f" ({len(names)} workbooks are in it)" if len(names) > 2 else "")


def _near(path: Path) -> str:
    """' in /home/x/audit (which holds no file of that name)' — where the name was looked up."""
    folder = path.parent if str(path.parent) not in ("", ".") else Path.cwd()
    if not folder.is_dir():
        return f" (the folder {folder} does not exist either)"
    return f" in {folder.resolve()}"


def _not_a_workbook(path: Path) -> str | None:
    """What the file is, by its first bytes, when it cannot be an Excel workbook; None when it may be one."""
    from ehwb_excel.returns.intake import OLE_SIGNATURE, ZIP_SIGNATURES, _not_a_zip_why  # one place knows file signatures

    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError as error:
        return f"it cannot be read ({error.strerror or error})"
    if head.startswith(ZIP_SIGNATURES):
        return None  # the reader says what kind of zip it is
    if head.startswith(OLE_SIGNATURE):
        from ehwb_excel.files.encryption import is_encrypted_package

        if is_encrypted_package(path):
            return None  # a workbook with a password to open it: the reader asks for the password
        return "it is an old-style Excel 97-2003 (.xls) file"
    return _not_a_zip_why(head)
