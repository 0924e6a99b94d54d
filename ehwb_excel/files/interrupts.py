"""Ctrl-C never leaves half a file: the temporary files to remove, and the moments that must not be cut.

A Ctrl-C handler (the command line's) asks `postpone()` first: inside a `held()` block the
interrupt waits until the block is done. Before it stops the program it calls
`remove_temporary_files()`, which removes every file or folder registered with `temporary()`.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_temporary: list[Path] = []
_held = 0
_pending = False


@contextmanager
def temporary(path: str | os.PathLike) -> Iterator[Path]:
    """`path` is removed by `remove_temporary_files` while the block runs (the block removes it otherwise)."""
    path = Path(path)
    _temporary.append(path)
    try:
        yield path
    finally:
        _temporary.remove(path)


@contextmanager
def held() -> Iterator[None]:
    """A moment Ctrl-C must not cut (moving a set of files in): it is acted on once the block ends."""
    global _held, _pending
    _held += 1
    try:
        yield
    finally:
        _held -= 1
        if not _held and _pending:
            _pending = False
            signal.raise_signal(signal.SIGINT)  # the handler acts on it now


def postpone() -> bool:
    """True inside a `held()` block, where the interrupt is remembered for its end; False: act now."""
    global _pending
    if _held:
        _pending = True
    return bool(_held)


def remove_temporary_files() -> None:
    """Remove what `temporary()` registered: the program is stopping before its blocks could."""
    for path in reversed(_temporary):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            try:
                path.unlink()
            except OSError:
                pass
