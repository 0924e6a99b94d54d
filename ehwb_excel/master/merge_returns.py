"""The library call behind `ehwb merge`, `ehwb status` and the ribbon button: a returns folder and a master, merged in memory."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.master.reader import read_master_state
from ehwb_excel.master.trail import trail_path
from ehwb_excel.merge.merge import MergeResult, merge
from ehwb_excel.problems.problem import EhwbError
from ehwb_excel.audit.model import Audit
from ehwb_excel.returns.returned import ReturnFile

# told (files read so far, files to read) once before the first file and after each one
OnFileRead = Callable[[int, int], None]


def merge_returns(returns_dir: str | os.PathLike, master_path: str | os.PathLike, *, now: datetime | None = None,
                  jobs: int = 1, on_file_read: OnFileRead | None = None, password: str | None = None) -> MergeResult:
    """Every return in `returns_dir` merged over what the master at `master_path` holds; writes nothing.

    Each file is read and checked once, by `read_return` (a bad file becomes a rejected
    submission with its reason, never an exception); lock files are skipped with a warning. With `jobs` > 1 the files are
    read in that many worker processes (`available_cores()`: one per core), with the same
    result as in one. Save the result with `master_writer.save_master`, or write
    `result.sheets` into an open workbook. `on_file_read` follows the reading (a progress bar).
    `password` opens an encrypted master and encrypted returns (in memory); a return it does
    not open is refused, with why.
    """
    from ehwb_excel.returns.intake import files_in_returns_folder

    folder = Path(returns_dir)
    if not folder.is_dir():
        why = "is a file, not a folder" if folder.exists() else "does not exist"
        raise EhwbError(ret.RETURNS_FOLDER_NOT_FOUND(Location(str(folder)), why=why))
    state = read_master_state(master_path, password)
    master = Path(master_path).resolve()
    paths, skipped = files_in_returns_folder(folder)
    beside = {master, trail_path(master).resolve()}  # the master (and its trail) kept in the returns folder are not returns
    paths = [path for path in paths if path.resolve() not in beside]
    returns = read_returns(paths, state.audit, jobs=jobs, on_file_read=on_file_read, identity_key=state.identity_key,
                           password=password)
    if state.identity_key is None:  # once per merge, not once per return
        skipped = [ret.MASTER_WITHOUT_IDENTITY_KEY(Location.of(master_path)), *skipped]
    return merge(state.audit, returns, state, now=now or datetime.now(timezone.utc), folder_problems=skipped)


# -- reading the files, in this process or in workers -------------------------------------------

# Below this many files per worker, starting workers costs more than it saves (a default
# return reads and checks in about 10 ms; a worker starts in 20 ms forked, 1 s spawned).
FILES_PER_WORKER = 8


def available_cores() -> int:
    """The cores this process may run on (fewer than the machine's under a container's or scheduler's limit)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def read_and_check(path: Path, audit: Audit, identity_key: bytes | None = None, password: str | None = None) -> ReturnFile:
    """One return read and checked (its identity token too, given the master's key); never raises: a reader bug refuses this file, with why."""
    from ehwb_excel.returns.reader import read_return

    try:
        found = read_return(path, audit, identity_key=identity_key, password=password)  # given the audit, the reader runs every check once
    except Exception as error:  # a reader bug must not stop the other returns: refuse this file, say why
        found = _unreadable(path, error)
    return found


def read_returns(paths: list[Path], audit: Audit, *, jobs: int = 1, on_file_read: OnFileRead | None = None,
                 identity_key: bytes | None = None, password: str | None = None) -> list[ReturnFile]:
    """Each file read and checked, in the order of `paths`, in up to `jobs` worker processes."""
    told = on_file_read or (lambda done, total: None)
    told(0, len(paths))
    workers = min(jobs, len(paths) // FILES_PER_WORKER)
    if workers <= 1:
        read = []
        for path in paths:
            read.append(read_and_check(path, audit, identity_key, password))
            told(len(read), len(paths))
        return read
    options = (identity_key, password)
    found = _read_in_workers(paths, audit, workers, lambda done: told(done, len(paths)), options=options)
    for path in [p for p in paths if p not in found]:
        # a worker stopped (the native reader can abort a process): each file it may have been
        # reading is read again alone, so only the file that stops a worker is refused
        found[path] = _read_in_workers([path], audit, 1, options=options).get(path) or _unreadable(path, WorkerStopped())
    return [found[path] for path in paths]


class WorkerStopped(Exception):
    def __str__(self) -> str:
        return "the reader stopped while reading this file"


def _read_in_workers(paths: list[Path], audit: Audit, workers: int,
                     told: Callable[[int], None] = lambda done: None,
                     options: tuple[bytes | None, str | None] = (None, None)) -> dict[Path, ReturnFile]:
    """Path -> its ReturnFile, for every file whose worker did not stop; `told` the count after each."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    found = {}
    pool = ProcessPoolExecutor(workers, mp_context=_worker_context(), initializer=_start_worker, initargs=(audit, *options))
    try:
        futures = [(path, pool.submit(_worker_reads, path)) for path in paths]
        for path, future in futures:
            try:
                found[path] = future.result()
            except BrokenProcessPool:
                continue  # read again alone by the caller
            except Exception as error:  # the result could not come back (pickling): this file alone is refused
                found[path] = _unreadable(path, error)
            told(len(found))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # also on Ctrl-C: no worker is left behind
    return found


def _worker_context():
    """Forked workers where the system forks safely (Linux: no import, 20 ms each); spawned elsewhere."""
    import multiprocessing
    import sys

    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


_worker_audit: Audit | None = None
_worker_key: bytes | None = None
_worker_password: str | None = None  # kept in the worker's memory only, as in the coordinator's process


def _start_worker(audit: Audit, identity_key: bytes | None = None, password: str | None = None) -> None:
    import signal

    global _worker_audit, _worker_key, _worker_password
    _worker_audit, _worker_key, _worker_password = audit, identity_key, password
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the coordinator's process's to handle, once


def _worker_reads(path: Path) -> ReturnFile:
    assert _worker_audit is not None, "a worker is started with the audit"
    return read_and_check(path, _worker_audit, _worker_key, _worker_password)


def _unreadable(path: Path, error: Exception) -> ReturnFile:
    from ehwb_excel.returns.intake import read_regular_file

    problem = ret.CORRUPT_WORKBOOK(Location.of(path), why=f"{type(error).__name__}: {error}")
    try:
        found = read_regular_file(path, 0)  # never opens a pipe swapped in meanwhile
    except OSError:  # the file went (a sync client, an agency saving again): still one refused file, not a crash
        found = "gone"
    if isinstance(found, str):
        return ReturnFile(path=str(path), file_name=path.name, sha256="", size=0, modified=None, problems=[problem])
    _, size, modified, sha256 = found
    return ReturnFile(path=str(path), file_name=path.name, sha256=sha256, size=size,
                      modified=datetime.fromtimestamp(modified, tz=timezone.utc), problems=[problem])
