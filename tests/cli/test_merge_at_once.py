"""Two `ehwb merge` runs on one master at the same time lose nothing: the second waits for the first,
or refuses in one line and a run after merges it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ehwb_excel.excel import layout
from ehwb_excel.master.reader import open_master, sheet_records
from tests.files.test_merge_lock import lock_held
from tests.merge_helpers import full_answers, real_master, real_return

PROJECT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join([str(PROJECT), os.environ.get("PYTHONPATH", "")])}


def start_merge(returns: Path, master: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "ehwb_excel", "merge", str(returns), "--master", str(master), "--no-backup", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)


def finished(run: subprocess.Popen) -> tuple[int, str, str]:
    out, err = run.communicate(timeout=180)
    return run.returncode, out, err


def merged_agencies(master: Path) -> set[str]:
    workbook = open_master(master)
    try:
        return {r["Agency"] for r in sheet_records(workbook, layout.RESPONSES_SHEET) if r.get("Agency")}
    finally:
        workbook.close()


def two_folders(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A master, a folder holding SCT's return and another holding CAMHS's (each merge alone keeps the other's earlier answers)."""
    master = real_master(tmp_path / "master.xlsx")
    real_return(tmp_path / "sct", "SCT", full_answers("SCT"))
    real_return(tmp_path / "camhs", "CAMHS", full_answers("CAMHS"))
    return master, tmp_path / "sct", tmp_path / "camhs"


def test_two_merges_at_once_both_land(tmp_path):
    master, sct, camhs = two_folders(tmp_path)
    runs = [start_merge(sct, master, "--wait", "120"), start_merge(camhs, master, "--wait", "120")]
    outcomes = [finished(run) for run in runs]
    assert [code for code, _, _ in outcomes] == [0, 0], outcomes
    assert merged_agencies(master) == {"SCT", "CAMHS"}


def test_a_merge_that_does_not_wait_refuses_in_one_line_and_a_run_after_merges_it(tmp_path):
    master, sct, camhs = two_folders(tmp_path)
    runs = {"sct": start_merge(sct, master, "--wait", "0"), "camhs": start_merge(camhs, master, "--wait", "0")}
    refused = []
    for name, run in runs.items():
        code, out, err = finished(run)
        if code == 2:
            lines = (out + err).strip().splitlines()
            assert len(lines) == 1 and "another merge of this master is running" in lines[0], lines
            refused.append(name)
        else:
            assert code == 0, (out, err)
    for name in refused:
        assert finished(start_merge({"sct": sct, "camhs": camhs}[name], master))[0] == 0
    assert merged_agencies(master) == {"SCT", "CAMHS"}


def test_a_merge_refused_by_a_held_lock_names_the_holder_and_changes_nothing(tmp_path):
    master, sct, _ = two_folders(tmp_path)
    before = master.read_bytes()
    with lock_held(master) as holder:
        code, out, err = finished(start_merge(sct, master, "--wait", "0.3"))
    assert code == 2
    lines = (out + err).strip().splitlines()
    assert len(lines) == 1 and f"process {holder.pid} on " in lines[0] and master.name in lines[0], lines
    assert master.read_bytes() == before
