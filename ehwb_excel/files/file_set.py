"""A set of files that appears in its folder all together or not at all (an interrupted run leaves none of them)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ehwb_excel.files import interrupts


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
    with interrupts.temporary(staging):
        staging.mkdir()
        try:
            yield staging
            with interrupts.held():
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
