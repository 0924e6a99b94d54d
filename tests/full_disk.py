"""A disk that fills while a file is written: the atomic writer's own writes fail as they would (ENOSPC)."""

from __future__ import annotations

import errno
import os


def disk_fills(monkeypatch, after: int = 100) -> None:
    """Every file `files.atomic` writes gets its first `after` bytes, then "No space left on device"."""
    from ehwb_excel.files import atomic

    class Filling:
        def __init__(self, path, mode):
            self.stream = open(path, mode)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.stream.close()

        def write(self, data):
            self.stream.write(bytes(data)[:after])
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic, "open", Filling, raising=False)
