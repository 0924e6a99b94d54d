"""One merge of a master at a time, for `ehwb merge` and the ribbon button alike (files/merge_lock.py holds the lock)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager

from ehwb_excel.files.merge_lock import LockHeld, merge_lock
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import EhwbError


@contextmanager
def merging_alone(master: str | os.PathLike, *, wait: float | None = None, command: str = "ehwb merge") -> Iterator[None]:
    """The block runs while no other merge of `master` does: from reading the master to saving it,
    so a second merge reads what the first wrote and nothing is lost.

    Waits up to `wait` seconds (files.merge_lock.WAIT_SECONDS by default) for another merge to
    finish, then raises EhwbError (MERGE_IN_PROGRESS) naming who holds it; nothing is read or written then.
    """
    with ExitStack() as stack:
        try:
            stack.enter_context(merge_lock(master, wait=wait, command=command))
        except LockHeld as error:
            raise EhwbError(ret.MERGE_IN_PROGRESS(Location.of(master), holder=error.holder or "another process")) from None
        yield
