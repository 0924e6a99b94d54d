"""The library call behind `ehwb merge`, `ehwb status` and the ribbon button: a returns folder and a master, merged in memory."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime, timezone
from pathlib import Path

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.master.reader import read_master_state
from ehwb_excel.merge.merge import MergeResult, merge
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.returns.returned import ReturnFile


def merge_returns(returns_dir: str | os.PathLike, master_path: str | os.PathLike, *, now: datetime | None = None) -> MergeResult:
    """Every return in `returns_dir` merged over what the master at `master_path` holds; writes nothing.

    Each file is read and checked once, by `read_return` (a bad file becomes a rejected
    submission with its reason, never an exception); lock files are skipped with a warning. Save the result with
    `master_writer.save_master`, or write `result.sheets` into an open workbook.
    """
    from ehwb_excel.returns.intake import files_in_returns_folder
    from ehwb_excel.returns.reader import read_return

    folder = Path(returns_dir)
    if not folder.is_dir():
        why = "is a file, not a folder" if folder.exists() else "does not exist"
        raise EhwbError(ret.RETURNS_FOLDER_NOT_FOUND(Location(str(folder)), why=why))
    state = read_master_state(master_path)
    master = Path(master_path).resolve()
    paths, skipped = files_in_returns_folder(folder)
    returns: list[ReturnFile] = []
    for path in paths:
        if path.resolve() == master:
            continue  # the master kept in the returns folder is not a return
        try:
            found = read_return(path, state.audit)  # read and checked
        except Exception as error:  # a reader bug must not stop the other returns: refuse this file, say why
            found = _unreadable(path, error)
        returns.append(found)
    return merge(state.audit, returns, state, now=now or datetime.now(timezone.utc), folder_problems=skipped)


def _unreadable(path: Path, error: Exception) -> ReturnFile:
    problem = ret.CORRUPT_WORKBOOK(Location.of(path), why=f"{type(error).__name__}: {error}")
    try:
        data = path.read_bytes()
        modified = datetime.fromtimestamp(path.stat().st_mtime, tz=timezone.utc)
    except OSError:  # the file went (a sync client, an agency saving again): still one refused file, not a crash
        return ReturnFile(path=str(path), file_name=path.name, sha256="", size=0, modified=None, problems=[problem])
    return ReturnFile(path=str(path), file_name=path.name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                      modified=modified, problems=[problem])
