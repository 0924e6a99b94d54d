"""One merge of a master at a time: the system's lock beside it, who holds it, and a lock left by a killed merge."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from collections.abc import Iterator
from contextlib import contextmanager

from ehwb_excel.files.merge_lock import LockHeld, holder_text, lock_path, merge_lock

PROJECT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}
HOLD = """
import sys, time
from ehwb_excel.files.merge_lock import merge_lock
with merge_lock(sys.argv[1], command="a test holder"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def lock_held(master: Path, seconds: float = 60) -> Iterator[subprocess.Popen]:
    """Another process holding the master's lock for `seconds` (the block starts once it holds it); killed after the block."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(master), str(seconds)], stdout=subprocess.PIPE, text=True, env=ENV)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.communicate()


@pytest.fixture
def master(tmp_path):
    path = tmp_path / "master.xlsx"
    path.write_bytes(b"stands in for a master")
    return path


def test_a_second_merge_waits_briefly_then_refuses_naming_who_holds_it(master):
    with lock_held(master) as holder:
        started = time.monotonic()
        with pytest.raises(LockHeld) as caught:
            with merge_lock(master, wait=0.5):
                pytest.fail("the lock was taken twice")
        assert time.monotonic() - started >= 0.5
        assert caught.value.holder.startswith(f"process {holder.pid} on {socket.gethostname()} (a test holder) since ")
        assert caught.value.holder.endswith(" UTC")


def test_the_lock_is_taken_as_soon_as_the_first_merge_ends_within_the_wait(master):
    with lock_held(master, 0.5) as holder:
        started = time.monotonic()
        with merge_lock(master, wait=30):
            assert time.monotonic() - started < 20  # taken when the holder let go, not at the end of the wait
        assert holder.wait(timeout=20) == 0
    assert not lock_path(master).exists()  # nothing is left beside the master


def test_a_lock_left_by_a_killed_merge_does_not_stop_the_next(master):
    with lock_held(master):
        pass  # SIGKILL at the end of the block: no clean-up runs, the file stays, the system's lock goes with the process
    assert lock_path(master).exists()
    with merge_lock(master, wait=0):
        pass
    assert not lock_path(master).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="Windows has no owner-only mode bits")
def test_the_lock_file_is_readable_by_its_owner_only(master):
    with merge_lock(master) as path:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_lock_file_saying_nothing_useful_still_gives_a_line():
    assert holder_text("") == "" and holder_text("[1, 2]") == ""
    assert holder_text('{"pid": 7, "host": "PC"}') == "process 7 on PC"
