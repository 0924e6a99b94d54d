"""One merge of a master at a time: an operating-system lock on a small file beside it.

The lock is the system's (fcntl.flock on Linux and macOS, msvcrt.locking on Windows), so it
dies with the process that holds it: a merge that was killed leaves at most the file, which
the next merge takes over. The file says who holds it (process, computer, since when), for
the line a second merge prints. Standard library only.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

WAIT_SECONDS = 5.0  # a second merge waits this long for the first to finish, then refuses
POLL_SECONDS = 0.1
_WINDOWS_LOCK_OFFSET = 1 << 20  # msvcrt locks bytes: lock one far past the holder's note, so others can read the note


class LockHeld(Exception):
    """Another process holds the lock; `holder` says who, as its lock file does ('' when it says nothing)."""

    def __init__(self, path: Path, holder: str):
        self.path, self.holder = path, holder
        super().__init__(f"{path} is held by {holder or 'another process'}")


def lock_path(master: str | os.PathLike) -> Path:
    """The lock file beside `master`: a dot name, so file managers hide it and the returns folder skips it."""
    master = Path(master)
    return master.with_name(f".{master.name}.ehwb-lock")


@contextmanager
def merge_lock(master: str | os.PathLike, *, wait: float | None = None, command: str = "ehwb merge") -> Iterator[Path]:
    """Hold the master's lock for the block (the lock file's path is given); LockHeld when another
    process still holds it after `wait` seconds (default WAIT_SECONDS)."""
    path = lock_path(master)
    fd = _acquire(path, WAIT_SECONDS if wait is None else wait)
    try:
        _write_note(fd, command)
        yield path
    finally:
        _release(fd, path)


def holder_text(note: str) -> str:
    """'process 4242 on COORD-PC (ehwb merge) since 2026-12-02 05:12:03 UTC', from a lock file's note."""
    try:
        facts = json.loads(note)
    except ValueError:
        return ""
    if not isinstance(facts, dict):
        return ""
    parts = [f"process {facts.get('pid', '?')} on {facts.get('host', '?')}"]
    if facts.get("command"):
        parts.append(f"({facts['command']})")
    if facts.get("since"):
        parts.append(f"since {facts['since']}")
    return " ".join(parts)


# -- the system's lock ---------------------------------------------------------------------------


def _acquire(path: Path, wait: float) -> int:
    deadline = time.monotonic() + max(0.0, wait)
    note = ""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        if _try_lock(fd):
            if _same_file(fd, path):
                return fd
            _unlock(fd)  # the holder removed the file as we opened it: ours is a file no one else sees
        else:
            note = _read_note(fd)
        os.close(fd)
        if time.monotonic() >= deadline:
            raise LockHeld(path, holder_text(note))
        time.sleep(POLL_SECONDS)


def _same_file(fd: int, path: Path) -> bool:
    try:
        on_disk = os.stat(path)
    except OSError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:  # BlockingIOError: held by another process
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def _write_note(fd: int, command: str) -> None:
    note = {"pid": os.getpid(), "host": socket.gethostname(), "command": command,
            "since": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC")}
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, json.dumps(note).encode("utf-8"))


def _read_note(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 4096).decode("utf-8", "replace")
    except OSError:
        return ""


def _release(fd: int, path: Path) -> None:
    # removed while still locked, so a merge waiting on this file notices (_same_file) and opens the next one
    try:
        os.unlink(path)
    except OSError:  # Windows: another process has it open; it stays, unlocked, and is taken over next time
        pass
    try:
        _unlock(fd)
    finally:
        os.close(fd)
