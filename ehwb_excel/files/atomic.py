"""Writing a file atomically: readers see the old file or the whole new one, never half of one."""

from __future__ import annotations

import glob
import os
import re
import shutil
import stat
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ehwb_excel.files import interrupts

STALE_AFTER = 3600  # seconds: a temporary file this old is left from a save that was killed, wherever it ran
OWNER_ONLY = 0o600  # what a new file we write is: read and write for its owner, nothing for anyone else


def owner_only(path: str | os.PathLike) -> None:
    """Make `path` readable and writable by its owner only, where the system has such permissions
    (POSIX; on Windows a file takes its folder's access list, which is the coordinator's to set)."""
    if os.name == "posix":
        os.chmod(path, OWNER_ONLY)


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `path` to write to; when the block ends without an error, it
    replaces `path` in one step (os.replace), keeping the old file's permissions (a new file is
    owner-only: the temporary file is made so before anything is written to it).

    On an error (a crash in the writer, a full disk, a locked target) `path` is left exactly
    as it was and the temporary file is removed; the error propagates. The temporary file's
    name carries this process's id, so one left by a save that was killed (SIGKILL, a power
    cut) is recognised and removed by the next save beside it.
    """
    path = Path(path)
    remove_stale_temporaries(path)
    # the same folder, so the rename never crosses a file system; a dot name, so it looks hidden
    temporary = path.with_name(f".{path.stem}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    with interrupts.temporary(temporary):  # removed by a Ctrl-C or a kill that stops the program, too
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))
            owner_only(temporary)  # the mode os.open gives passes through the umask; this one does not
            yield temporary
            if path.exists():
                shutil.copymode(path, temporary)
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()


def write_bytes(path: str | os.PathLike, data: bytes | memoryview) -> Path:
    """`data` written to `path` atomically (see `replacing`), on the disk before it replaces `path`; the path written."""
    with replacing(path) as temporary:
        with open(temporary, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())  # else a power cut just after the rename can leave an empty file under the old name
    return Path(path)


def temporaries_of(path: Path) -> list[Path]:
    """The temporary files `replacing` made (or left) beside `path`."""
    pattern = re.compile(rf"\.{re.escape(path.stem)}\.(?:\d+-)?[0-9a-f]{{8}}\.tmp{re.escape(path.suffix)}")
    found = path.parent.glob(f".{glob.escape(path.stem)}.*.tmp{glob.escape(path.suffix)}")
    return sorted(p for p in found if pattern.fullmatch(p.name))


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files beside `path` left by saves that were killed; the ones removed.

    One is stale when the process that made it has gone (on this system) or it is over an
    hour old (a save never takes that long, and the process may have run on another computer
    writing to the same shared folder).
    """
    removed = []
    for candidate in temporaries_of(path):
        try:
            facts = candidate.lstat()
            if not stat.S_ISREG(facts.st_mode):
                continue
            owner = candidate.name[len(path.stem) + 2:].split("-", 1)[0]
            gone = owner.isdigit() and not _running(int(owner))
            if gone or time.time() - facts.st_mtime > STALE_AFTER:
                candidate.unlink()
                removed.append(candidate)
        except OSError:  # removed meanwhile, or not ours to remove: the save goes on
            continue
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":  # Windows has no harmless probe (os.kill terminates): age alone decides there
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True
