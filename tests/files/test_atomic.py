"""Writing a file atomically: the old file or the whole new one, never half of one, and no temporary file left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.files.atomic import remove_stale_temporaries, replacing, temporaries_of, write_bytes

from tests.full_disk import disk_fills

ROOT = Path(__file__).resolve().parents[2]


def test_a_write_that_fails_half_way_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"the earlier report")
    with pytest.raises(OSError), replacing(target) as temporary:
        temporary.write_bytes(b"half of the")
        raise OSError("disk full")
    assert target.read_bytes() == b"the earlier report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_a_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "master.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o640)
    write_bytes(target, b"new")
    assert target.read_bytes() == b"new" and (target.stat().st_mode & 0o777) == 0o640


def test_the_definition_writer_is_atomic(tmp_path, monkeypatch):
    target = tmp_path / "definition.xlsx"
    write_definition(default_audit(), target)
    before = target.read_bytes()

    def fail_half_way(self, filename):
        with open(filename, "wb") as file:
            file.write(b"PK\x03\x04 half a workbook")
        raise OSError("the disk is full")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", fail_half_way)
    with pytest.raises(OSError):
        write_definition(default_audit(), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["definition.xlsx"]


# -- no temporary file is left, however the save ends ---------------------------------------------

HOLDS_A_TEMPORARY = """
import sys, time
from ehwb_excel.cli import entry  # noqa: F401  (installs the command line's signal handlers, as `ehwb` does)
from ehwb_excel.files.atomic import replacing
with replacing(sys.argv[1]) as temporary:
    temporary.write_bytes(b"half a master")
    print("writing", flush=True)
    time.sleep(60)
"""


def _stopped_while_writing(target: Path, how: signal.Signals) -> int:
    child = subprocess.Popen([sys.executable, "-c", HOLDS_A_TEMPORARY, str(target)], cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert child.stdout is not None and child.stdout.readline().strip() == "writing"
    assert temporaries_of(target)  # the save is under way
    child.send_signal(how)
    child.communicate(timeout=30)
    return child.returncode


@pytest.mark.skipif(os.name != "posix", reason="signals other than Ctrl-C are POSIX")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGHUP])
def test_a_save_killed_politely_removes_its_temporary_file(tmp_path, how):
    target = tmp_path / "master.xlsx"
    target.write_bytes(b"the earlier master")
    assert _stopped_while_writing(target, how) == -how  # it still ends as killed by that signal
    assert target.read_bytes() == b"the earlier master"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]


@pytest.mark.skipif(os.name != "posix", reason="the owner of a temporary file is looked up by process id on POSIX")
def test_a_temporary_file_left_by_a_killed_save_is_removed_by_the_next_save(tmp_path):
    target = tmp_path / "master.xlsx"
    target.write_bytes(b"the earlier master")
    assert _stopped_while_writing(target, signal.SIGKILL) == -signal.SIGKILL  # nothing can clean up after SIGKILL
    assert len(temporaries_of(target)) == 1
    write_bytes(target, b"the new master")
    assert target.read_bytes() == b"the new master"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]


def test_a_running_saves_temporary_file_and_other_files_are_left_alone(tmp_path):
    target = tmp_path / "master.xlsx"
    mine = tmp_path / f".master.{os.getpid()}-0123abcd.tmp.xlsx"  # this process is still writing it
    other = tmp_path / ".master.notes.tmp.xlsx"  # not a name replacing() makes
    for path in (target, mine, other):
        path.write_bytes(b"x")
    assert remove_stale_temporaries(target) == []
    assert mine.exists() and other.exists()
    old = tmp_path / ".master.99999999-0123abcd.tmp.xlsx"
    old.write_bytes(b"x")
    os.utime(old, (time.time() - 2 * 3600, time.time() - 2 * 3600))  # over an hour old, whoever made it
    assert remove_stale_temporaries(target) == [old]


def test_a_full_disk_while_writing_is_one_error_and_leaves_nothing(tmp_path, monkeypatch):
    target = tmp_path / "master.xlsx"
    target.write_bytes(b"the earlier master")

    disk_fills(monkeypatch, after=10)
    with pytest.raises(OSError, match="No space left"):
        write_bytes(target, b"the new master")
    assert target.read_bytes() == b"the earlier master"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["master.xlsx"]
