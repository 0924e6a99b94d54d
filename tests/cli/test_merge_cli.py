"""`ehwb merge` and `ehwb status` over a folder of generated, filled-in returns."""

import errno
import json
import os
from datetime import timedelta
from pathlib import Path

import pytest

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.cli.main import main
from ehwb_excel.master.reader import open_master, sheet_records
from ehwb_excel.master.merge_returns import merge_returns
from ehwb_excel.problems.problem import EhwbError
from tests.full_disk import disk_fills
from tests.merge_helpers import LATE, NOW, full_answers, real_master, real_return


@pytest.fixture
def folder(tmp_path):
    """A master and a returns folder holding complete, on-time returns from SCT and CAMHS."""
    real_master(tmp_path / "master.xlsx")
    for agency in ("SCT", "CAMHS"):
        real_return(tmp_path / "returns", agency, full_answers(agency))
    return tmp_path


def merge_cli(folder, *extra):
    return main(["merge", str(folder / "returns"), "--master", str(folder / "master.xlsx"), *extra])


def test_a_clean_merge_exits_0_prints_the_summary_and_writes_the_master(folder, capsys):
    real_return(folder / "returns", "WMP", full_answers("WMP"))
    assert merge_cli(folder) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Merged returns from 3 of 3 agencies (3 files in the returns folder).")
    assert out[-1].startswith(f"Master written: {folder / 'master.xlsx'} (previous version kept as ")
    assert len(list((folder / "backups").glob("master.backup-*.xlsx"))) == 1


def test_warnings_alone_exit_0_and_each_is_one_line(folder, capsys):
    real_return(folder / "returns", "SCT", full_answers("SCT"), modified=LATE)
    assert merge_cli(folder, "--no-backup") == 0
    lines = capsys.readouterr().out.splitlines()
    assert "warning: SCT return.xlsx: the return from SCT was received on 01/04/2026 01:30 UK time (workbook's last save)" in "\n".join(lines)
    assert sum(line.startswith("warning: ") for line in lines) == 2  # late SCT, missing WMP
    assert not (folder / "backups").exists()


def test_a_rejected_file_exits_1_with_one_located_line(folder, capsys):
    (folder / "returns" / "minutes.pdf").write_bytes(b"%PDF-1.4 minutes")
    assert merge_cli(folder) == 1
    lines = capsys.readouterr().out.splitlines()
    rejected = [line for line in lines if "minutes.pdf" in line and line.startswith("error: ")]
    assert rejected == [f"error: minutes.pdf: {ret.NOT_A_WORKBOOK(None, why='it is a PDF document').message}"]
    assert "Rejected 1 file: minutes.pdf (this file is not a spreadsheet (it is a PDF document))" in lines[0]


def test_json_output_is_the_library_result(folder, capsys, monkeypatch):
    (folder / "returns" / "notes.txt").write_text("not a return")
    expected = merge_returns(folder / "returns", folder / "master.xlsx", now=NOW).to_dict()

    def at_now(returns_dir, master_path, *, now=None, **options):
        return merge_returns(returns_dir, master_path, now=NOW, **options)

    monkeypatch.setattr("ehwb_excel.master.merge_returns.merge_returns", at_now)
    assert merge_cli(folder, "--json") == 1
    printed = json.loads(capsys.readouterr().out)
    assert {k: printed[k] for k in expected} == expected
    assert printed["master"] == str(folder / "master.xlsx") and printed["backup"].endswith(".xlsx")


def test_a_locked_master_is_one_line_on_stderr_exit_2_and_unchanged(folder, capsys):
    (folder / "~$master.xlsx").write_bytes(b"owner")
    before = (folder / "master.xlsx").read_bytes()
    assert merge_cli(folder) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: master.xlsx: the master workbook cannot be written")
    assert (folder / "master.xlsx").read_bytes() == before


def test_a_missing_returns_folder_is_refused_in_one_line(tmp_path, capsys):
    real_master(tmp_path / "master.xlsx")
    assert main(["merge", str(tmp_path / "nowhere"), "--master", str(tmp_path / "master.xlsx")]) == 2
    assert capsys.readouterr().err.strip() == f"error: {tmp_path / 'nowhere'}: the returns folder does not exist. Give the folder the agencies' returns were saved in."


def test_merge_then_merge_again_changes_no_data(folder):
    assert merge_cli(folder) == 0
    first = merge_returns(folder / "returns", folder / "master.xlsx", now=NOW)
    assert merge_cli(folder) == 0
    second = merge_returns(folder / "returns", folder / "master.xlsx", now=NOW + timedelta(hours=1))
    for name in (layout.SUBMISSIONS_SHEET, layout.RESPONSES_SHEET, layout.GRADES_SHEET, layout.CASE_PROFILES_SHEET, layout.HISTORY_SHEET):
        assert second.sheet(name).rows == first.sheet(name).rows, name
    assert len(second.sheet(layout.MERGE_LOG_SHEET).rows) == len(first.sheet(layout.MERGE_LOG_SHEET).rows) + 1


def test_status_shows_who_returned_and_writes_nothing(folder, capsys):
    (folder / "returns" / "old.xls").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    before = (folder / "master.xlsx").read_bytes()
    assert main(["status", str(folder / "returns"), "--master", str(folder / "master.xlsx")]) == 1  # a rejected file
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "Errors found: 1 on the Issues sheet (1 file rejected), so the exit code is 1."
    assert out[0].split() == "Agency Status File Received (UK time) Received from Answers Required missing Errors Warnings Why".split()
    assert out[2].split()[:2] == ["SCT", "received"] and out[4].split()[:2] == ["WMP", "missing"]
    assert out[5].split()[:3] == ["?", "rejected", "old.xls"]
    assert any(line.startswith("Rejected old.xls: ") for line in out)
    assert (folder / "master.xlsx").read_bytes() == before
    assert not (folder / "backups").exists()


def test_status_json_lists_the_submissions(folder, capsys):
    assert main(["status", str(folder / "returns"), "--master", str(folder / "master.xlsx"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [(s["agency"], s["status"]) for s in printed["submissions"]] == [("SCT", "received"), ("CAMHS", "received"), ("WMP", "missing")]
    assert printed["summary"].startswith("Merged returns from 2 of 3 agencies")


def test_the_library_call_refuses_a_file_that_is_not_a_master(folder):
    with pytest.raises(EhwbError) as refused:
        merge_returns(folder / "returns", folder / "returns" / "SCT return.xlsx")
    assert refused.value.problems[0].code == ret.MASTER_NOT_OURS.code


@pytest.mark.real_files
def test_every_file_saved_by_a_real_application_is_refused_with_a_reason_and_the_merge_completes(real_files, tmp_path, capsys):
    returns = tmp_path / "returns"
    returns.mkdir()
    names = sorted(p.name for p in real_files.iterdir() if p.is_file())
    for name in names:
        (returns / name).write_bytes((real_files / name).read_bytes())
    real_master(tmp_path / "master.xlsx")
    assert main(["merge", str(returns), "--master", str(tmp_path / "master.xlsx")]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    errors = [line for line in captured.out.splitlines() if line.startswith("error: ")]
    assert sorted({line.split(": ")[1] for line in errors}) == names
    result = merge_returns(returns, tmp_path / "master.xlsx", now=NOW)
    assert sorted(s.file for s in result.rejected) == names
    assert all(s.reasons for s in result.rejected)
    assert f"and {len(names) - 5} more (see the Submissions sheet)" in result.summary()


def test_lock_files_are_skipped_with_a_warning_on_the_issues_sheet(folder):
    (folder / "returns" / "~$SCT return.xlsx").write_bytes(b"owner")
    (folder / "returns" / ".~lock.CAMHS return.xlsx#").write_text("lock")
    result = merge_returns(folder / "returns", folder / "master.xlsx", now=NOW)
    assert [s.status for s in result.submissions] == ["received", "received", "missing"]
    issues = result.sheet(layout.ISSUES_SHEET).records()
    assert sorted((i["File"], i["Code"]) for i in issues if i["Code"] == ret.LOCK_FILE.code) == [
        (".~lock.CAMHS return.xlsx#", ret.LOCK_FILE.code), ("~$SCT return.xlsx", ret.LOCK_FILE.code),
    ]


def test_a_master_kept_in_the_returns_folder_is_not_read_as_a_return(folder):
    master = real_master(folder / "returns" / "master.xlsx")
    result = merge_returns(folder / "returns", master, now=NOW)
    assert result.files == ["CAMHS return.xlsx", "SCT return.xlsx"]
    assert result.rejected == []


def test_a_full_disk_is_one_line_on_stderr_exit_2_and_the_master_byte_for_byte_unchanged(folder, capsys, monkeypatch):
    before = (folder / "master.xlsx").read_bytes()

    disk_fills(monkeypatch)  # part of the file is written before the disk fills
    assert merge_cli(folder) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: master.xlsx: the master workbook could not be saved (No space left on device)")
    assert "unchanged" in err[0]
    assert (folder / "master.xlsx").read_bytes() == before
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp.xlsx")]  # no half-written temporary file


def test_a_backup_cut_short_by_a_full_disk_is_not_left_looking_like_a_backup(folder, capsys, monkeypatch):
    before = (folder / "master.xlsx").read_bytes()

    def half_copy(source, target, **_):
        Path(target).write_bytes(Path(source).read_bytes()[:100])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("shutil.copy2", half_copy)
    assert merge_cli(folder) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "the backup copy could not be made" in err[0]
    assert (folder / "master.xlsx").read_bytes() == before
    backups = folder / "backups"
    assert not backups.exists() or list(backups.iterdir()) == []  # a truncated copy would be mistaken for a backup


def test_a_return_whose_file_name_holds_a_line_break_merges_and_the_master_saves(folder, capsys):
    sct = next((folder / "returns").glob("*SCT*"))
    sct.rename(sct.with_name("SCT\nreturn.xlsx"))
    assert merge_cli(folder) == 0, capsys.readouterr().err
    records = {r["Agency"]: r for r in sheet_records(open_master(folder / "master.xlsx"), layout.SUBMISSIONS_SHEET)}
    assert records["SCT"]["File"] == "SCT\\nreturn.xlsx"  # shown escaped, on one line


FULL_DISK_MERGE = """
import sys
from tests.full_disk import disk_fills
class Patch:  # pytest's monkeypatch, outside pytest
    def setattr(self, target, name, value, raising=True):
        setattr(target, name, value)
disk_fills(Patch())
from ehwb_excel.cli.main import main
sys.exit(main(["merge", sys.argv[1], "--master", sys.argv[2], "--no-backup"]))
"""


def test_a_full_disk_prints_our_one_line_and_nothing_after_it_when_the_program_ends(folder):
    # openpyxl used to write the zip straight to the disk: the zip file it left open on the error
    # was closed when the program ended, and printed "Exception ignored ... OSError" after our line
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    before = (folder / "master.xlsx").read_bytes()
    done = subprocess.run([sys.executable, "-c", FULL_DISK_MERGE, str(folder / "returns"), str(folder / "master.xlsx")], cwd=root,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]  # one line
    assert "No space left on device" in done.stderr and "Exception ignored" not in done.stderr
    assert (folder / "master.xlsx").read_bytes() == before
    assert not [p.name for p in folder.iterdir() if p.name.endswith(".tmp.xlsx")]
