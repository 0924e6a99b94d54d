"""Ctrl-C at any moment: the line "interrupted", exit 130, no traceback, and no half set of workbooks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.cli.main import main
from ehwb_excel.definition.writer import write_definition
from ehwb_excel.cli import main as cli_main
from ehwb_excel.files import interrupts
from ehwb_excel.files.file_set import staged_files
from ehwb_excel.workbook.generate import master_file_name, planned_names

PROJECT = Path(__file__).resolve().parents[2]
# after Python itself has started (a Ctrl-C inside the interpreter's own start-up is Python's to
# report), from ehwb's first line and its heavy imports to the end of the run (a few seconds here)
MOMENTS = (0.0, 0.1, 0.3, 0.6, 1.0, 1.5, 2.5, 4.0)


@pytest.fixture(scope="module")
def definition(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("definition") / "audit.xlsx"
    write_definition(default_audit(), path)
    return path


ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}


@pytest.fixture(scope="module")
def python_start() -> float:
    """Seconds a fresh interpreter takes to reach ehwb's first line here, with a margin for a busy machine."""
    times = []
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import ehwb_excel.cli.entry"], env=ENV, check=True, timeout=60)
        times.append(time.perf_counter() - started)
    return 2 * max(times)


@pytest.fixture(scope="module")
def generate_takes(definition, tmp_path_factory) -> float:
    """Seconds one whole `ehwb generate` takes here, start to exit."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ehwb_excel", "generate", str(definition), "--out", str(tmp_path_factory.mktemp("timed") / "out")],
                   env=ENV, check=True, capture_output=True, timeout=300)
    return time.perf_counter() - started


def _generate_interrupted_after(seconds: float, definition: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    process = subprocess.Popen([sys.executable, "-m", "ehwb_excel", "generate", str(definition), "--out", str(out), *extra],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    time.sleep(seconds)
    process.send_signal(signal.SIGINT)
    out_text, err_text = process.communicate(timeout=120)
    return subprocess.CompletedProcess(process.args, process.returncode, out_text, err_text)


@pytest.mark.parametrize("seconds", MOMENTS)
def test_ctrl_c_during_generate_leaves_all_or_nothing(seconds, python_start, definition, tmp_path):
    out = tmp_path / "to-send"
    done = _generate_interrupted_after(python_start + seconds, definition, out)
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr
    complete = sorted(planned_names(default_audit()) + [master_file_name(default_audit())])
    if done.returncode == 130:
        assert done.stderr == "interrupted\n" and done.stdout == ""
        assert not out.exists() or sorted(p.name for p in out.iterdir()) == complete  # the set was being moved in
    else:  # it finished before the signal came
        assert done.returncode == 0, done.stderr
        assert sorted(p.name for p in out.iterdir()) == complete
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["to-send"])  # no staging folder left behind


@pytest.mark.parametrize("fraction", (0.85, 0.95, 1.0, 1.05))
def test_ctrl_c_near_the_end_of_generate_leaves_all_or_nothing(fraction, generate_takes, definition, tmp_path):
    out = tmp_path / "to-send"
    done = _generate_interrupted_after(fraction * generate_takes, definition, out)
    assert "Traceback" not in done.stderr and done.returncode in (0, 130), done.stderr
    names = sorted(p.name for p in out.iterdir()) if out.exists() else []
    assert names in ([], sorted(planned_names(default_audit()) + [master_file_name(default_audit())]))
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["to-send"])


def test_generate_replaces_agency_workbooks_only_with_force_and_says_so(definition, tmp_path, capsys):
    out = tmp_path / "to-send"
    assert main(["generate", str(definition), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    capsys.readouterr()
    assert main(["generate", str(definition), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {out}: 11 of the workbooks to write are already in this folder (") and "--force" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert main(["generate", str(definition), "--out", str(out), "--force"]) == 0
    assert f"replacing 11 agency workbooks in {out}: " in capsys.readouterr().err
    master = master_file_name(default_audit())
    assert (out / master).read_bytes() == before[master]  # a master is never replaced


def test_ctrl_c_while_replacing_workbooks_leaves_the_old_set_or_the_new(python_start, definition, tmp_path):
    out = tmp_path / "to-send"
    assert main(["generate", str(definition), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    done = _generate_interrupted_after(python_start + 1.0, definition, out, "--force")
    assert "Traceback" not in done.stderr and done.returncode in (0, 130)
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(after) == set(before)
    changed = sorted(name for name in before if after[name] != before[name])
    assert changed in ([], sorted(planned_names(default_audit())))  # the old set, or the new one whole
    assert changed or done.returncode == 130
    assert sorted(p.name for p in tmp_path.iterdir()) == ["to-send"]


def test_a_ctrl_c_inside_a_held_moment_waits_for_its_end():
    steps = []
    previous = signal.signal(signal.SIGINT, cli_main._interrupted)
    try:
        with pytest.raises(KeyboardInterrupt):
            with interrupts.held():
                os.kill(os.getpid(), signal.SIGINT)
                time.sleep(0.05)
                steps.append("the block went on to its end")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert steps == ["the block went on to its end"]


def test_temporary_files_are_removed_when_the_program_stops_early(tmp_path):
    (tmp_path / "half").mkdir()
    (tmp_path / "half" / "a.xlsx").write_bytes(b"half")
    (tmp_path / ".master.tmp.xlsx").write_bytes(b"half")
    with interrupts.temporary(tmp_path / "half"), interrupts.temporary(tmp_path / ".master.tmp.xlsx"):
        interrupts.remove_temporary_files()
        assert list(tmp_path.iterdir()) == []


def test_a_set_that_fails_half_way_leaves_nothing(tmp_path):
    with pytest.raises(RuntimeError):
        with staged_files(tmp_path / "set") as staging:
            (staging / "a.xlsx").write_bytes(b"a")
            raise RuntimeError("the second file could not be made")
    assert list(tmp_path.iterdir()) == []


def test_a_set_arrives_whole_in_a_folder_that_has_other_files(tmp_path):
    (tmp_path / "set").mkdir()
    (tmp_path / "set" / "notes.txt").write_text("kept")
    with staged_files(tmp_path / "set") as staging:
        for name in ("a.xlsx", "b.xlsx"):
            (staging / name).write_bytes(name.encode())
        assert sorted(p.name for p in (tmp_path / "set").iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in (tmp_path / "set").iterdir()) == ["a.xlsx", "b.xlsx", "notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["set"]
