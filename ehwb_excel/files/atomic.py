"""Writing a file atomically: readers see the old file or the whole new one, never half of one."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ehwb_excel.files import interrupts


@contextmanager
def replacing(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `path` to write to; when the block ends without an error, it
    replaces `path` in one step (os.replace), keeping the old file's permissions.

    On an error (a crash in the writer, a full disk, a locked target) `path` is left exactly
    as it was and the temporary file is removed; the error propagates.
    """
    path = Path(path)
    # the same folder, so the rename never crosses a file system; a dot name, so it looks hidden
    temporary = path.with_name(f".{path.stem}.{uuid.uuid4().hex[:8]}.tmp{path.suffix}")
    with interrupts.temporary(temporary):  # removed by a Ctrl-C that stops the program, too
        try:
            yield temporary
            if path.exists():
                shutil.copymode(path, temporary)
            os.replace(temporary, path)
        finally:
            if temporary.exists():
                temporary.unlink()


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """`data` written to `path` atomically (see `replacing`); the path written."""
    with replacing(path) as temporary:
        temporary.write_bytes(data)
    return Path(path)
