"""The audit trail beside the master: a line per merge and per report, each file's checksum and outcome, owner-only files."""

from __future__ import annotations

import hashlib
import stat
import sys

import pytest

from ehwb_excel.cli.main import main
from ehwb_excel.master.trail import read_trail, trail_path
from tests.merge_helpers import full_answers, real_master, real_return

owner_only = pytest.mark.skipif(sys.platform == "win32", reason="Windows has no owner-only mode bits")


@pytest.fixture
def folder(tmp_path):
    real_master(tmp_path / "master.xlsx")
    real_return(tmp_path / "returns", "SCT", full_answers("SCT"))
    (tmp_path / "returns" / "minutes.pdf").write_bytes(b"%PDF-1.4 not a return")
    return tmp_path


def merge(folder) -> int:
    return main(["merge", str(folder / "returns"), "--master", str(folder / "master.xlsx"), "--no-backup"])


def test_each_merge_adds_a_line_with_every_file_its_checksum_and_outcome(folder):
    assert merge(folder) == 1  # the PDF is rejected
    real_return(folder / "returns", "SCT", full_answers("SCT", grade="Outstanding"))  # a corrected return
    assert merge(folder) == 1
    first, second = read_trail(folder / "master.xlsx")
    assert first["command"] == "ehwb merge" and first["at"].endswith("Z") and first["previous_line_sha256"] is None
    files = {f["file"]: f for f in first["files"]}
    sct = folder / "returns" / "SCT return.xlsx"
    assert files["minutes.pdf"]["outcome"] == "rejected" and "not a spreadsheet" in files["minutes.pdf"]["why"]
    assert files["minutes.pdf"]["sha256"] == hashlib.sha256(b"%PDF-1.4 not a return").hexdigest()
    assert files["SCT return.xlsx"]["outcome"] == "accepted"
    assert {f["file"]: f["outcome"] for f in second["files"]}["SCT return.xlsx"] == "replaced earlier answers"
    assert {f["file"]: f["sha256"] for f in second["files"]}["SCT return.xlsx"] == hashlib.sha256(sct.read_bytes()).hexdigest()
    assert second["master_sha256"] == hashlib.sha256((folder / "master.xlsx").read_bytes()).hexdigest()
    first_line = trail_path(folder / "master.xlsx").read_bytes().split(b"\n")[0]
    assert second["previous_line_sha256"] == hashlib.sha256(first_line).hexdigest()  # a line removed or changed shows


def test_a_report_adds_a_line_naming_what_it_wrote(folder):
    merge(folder)
    report = folder / "report.docx"
    assert main(["report", str(folder / "master.xlsx"), "--out", str(report)]) == 0
    last = read_trail(folder / "master.xlsx")[-1]
    assert last["command"] == "ehwb report"
    assert last["written"] == [{"file": "report.docx", "sha256": hashlib.sha256(report.read_bytes()).hexdigest()}]


def test_a_trail_kept_in_the_returns_folder_is_not_taken_for_a_return(tmp_path):
    returns = tmp_path / "returns"
    real_return(returns, "SCT", full_answers("SCT"))
    master = real_master(returns / "master.xlsx")  # the coordinator keeps everything in one folder
    assert main(["merge", str(returns), "--master", str(master), "--no-backup"]) == 0
    assert main(["merge", str(returns), "--master", str(master), "--no-backup"]) == 0
    assert all(f["file"] != trail_path(master).name for f in read_trail(master)[-1]["files"])


@owner_only
def test_generated_files_and_the_trail_are_readable_by_their_owner_only(folder, tmp_path):
    from ehwb_excel.definition.writer import write_definition
    from tests.merge_helpers import merge_audit

    definition = tmp_path / "definition.xlsx"
    write_definition(merge_audit(), definition)
    assert main(["generate", str(definition), "--out", str(tmp_path / "sent")]) == 0
    merge(folder)
    assert main(["report", str(folder / "master.xlsx"), "--out", str(folder / "report.docx")]) == 0
    written = [*(tmp_path / "sent").iterdir(), trail_path(folder / "master.xlsx"), folder / "report.docx"]
    assert {p.name: stat.S_IMODE(p.stat().st_mode) for p in written} == {p.name: 0o600 for p in written}
