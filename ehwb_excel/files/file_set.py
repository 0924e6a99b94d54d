"""A set of files that appears in its folder all together or not at all (an interrupted run leaves none of them)."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_files(folder: str | os.PathLike) -> Iterator[Path]:
    """A hidden folder beside `folder` to write the whole set into; when the block ends without
    an error, its files are moved into `folder` (made if missing) and the staging folder goes.

    On any error or Ctrl-C inside the block nothing reaches `folder` and the staging folder is
    removed. When `folder` does not exist yet the set arrives in one rename; otherwise file by
    file, with Ctrl-C held back until the last one is in.
    """
    folder = Path(folder).resolve()
    folder.parent.mkdir(parents=True, exist_ok=True)
    # beside it, so every move is a rename on the same file system; a dot name, so it looks hidden
    staging = folder.with_name(f".{folder.name}.writing-{uuid.uuid4().hex[:8]}")
    staging.mkdir()
    try:
        yield staging
        with interrupts_held():
            _move_in(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_in(staging: Path, folder: Path) -> None:
    if not folder.exists():
        try:
            os.rename(staging, folder)  # the whole set in one step
            return
        except OSError:  # made meanwhile by someone else: move file by file below
            pass
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(staging.iterdir()):
        os.replace(path, folder / path.name)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C inside the block is raised (as KeyboardInterrupt) only once the block is done.

    Off the main thread, where Python delivers no signal, it does nothing.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if caught:  # now, as it would have been: by the handler that was there (it may ignore it)
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous != signal.SIG_IGN:
            raise KeyboardInterrupt
