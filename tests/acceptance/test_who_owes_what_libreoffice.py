"""Who owes what, with returns typed in LibreOffice Calc and saved into the returns folder the way email and downloads do.

The quarter: SCT answered everything (and an earlier, half-done download of its return is
still in the folder), CAMHS answered one question, WMP opened its workbook and saved it
without answering, and someone sent a PDF instead of a workbook. The deadline was
yesterday, so every return Calc saved today is late, until the coordinator types the
time SCT's email really came.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from ehwb_excel.cli.main import main
from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.workbook.agency_workbook import agency_workbook
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.merge_helpers import HELPER_KEY, merge_audit, real_master
from tests.returns_helpers import typed_in_calc

pytestmark = pytest.mark.libreoffice

UK = ZoneInfo("Europe/London")
TODAY = datetime.now(UK).date()
AUDIT = replace(merge_audit(), settings=replace(merge_audit().settings, deadline=TODAY - timedelta(days=1)))
EMAIL_CAME = datetime.combine(TODAY - timedelta(days=2), datetime.min.time()).replace(hour=16)  # as the coordinator types it (UK)
SCT_HALF = {("Case A", "gender"): "Female", ("Case A", "self_harm"): "No"}
SCT_ALL = {**SCT_HALF, ("Case A", "voice_grade"): "Good", ("Case B", "gender"): "Male", ("Case B", "self_harm"): "Yes",
           ("Case B", "voice_grade"): "Outstanding", (None, "role"): "Designated lead"}
CAMHS_ONE = {("Case A", "gender"): "Female"}  # self_harm, voice_grade and role are required and left blank


@pytest.fixture(scope="module")
def coordinator(libreoffice, tmp_path_factory):
    """The coordinator's folder: the master, and the returns as they were saved from email and downloads."""
    folder = tmp_path_factory.mktemp("coordinator")
    real_master(folder / "master.xlsx", AUDIT)
    sent, agencies = folder / "sent", folder / "agencies"
    sent.mkdir()
    agencies.mkdir()
    for code in ("SCT", "CAMHS", "WMP"):
        agency_workbook(AUDIT, code, identity_key=HELPER_KEY).save(sent / f"{code}.xlsx")
    typed_in_calc(libreoffice, sent / "SCT.xlsx", SCT_HALF, agencies / "SCT half.xlsx")
    typed_in_calc(libreoffice, sent / "SCT.xlsx", SCT_ALL, agencies / "SCT return.xlsx")
    typed_in_calc(libreoffice, sent / "CAMHS.xlsx", CAMHS_ONE, agencies / "CAMHS return.xlsx")
    typed_in_calc(libreoffice, sent / "WMP.xlsx", {}, agencies / "WMP return.xlsx")
    returns = folder / "returns"
    returns.mkdir()
    # saved from email and downloads: new file times; a second download of SCT's gets a browser's name
    for name, as_saved in (("SCT half.xlsx", "SCT return (1).xlsx"), ("SCT return.xlsx", "SCT return.xlsx"),
                           ("CAMHS return.xlsx", "CAMHS return.xlsx"), ("WMP return.xlsx", "WMP return.xlsx")):
        shutil.copy(agencies / name, returns / as_saved)
    (returns / "WMP minutes.pdf").write_bytes(b"%PDF-1.4\n% minutes of the panel\n")
    return folder


def merge(folder) -> tuple[int, dict[str, dict], list[dict]]:
    """Run `ehwb merge`; (exit code, Submissions rows by file, Issues rows)."""
    code = main(["merge", str(folder / "returns"), "--master", str(folder / "master.xlsx"), "--no-backup"])
    book = load_workbook(folder / "master.xlsx")
    submissions = _records(book[layout.SUBMISSIONS_SHEET])
    issues = _records(book[layout.ISSUES_SHEET])
    return code, {r["File"]: r for r in submissions}, issues


def _records(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(v is not None for v in row)]


@pytest.fixture(scope="module")
def first_merge(coordinator):
    return merge(coordinator)


def test_each_agency_is_in_the_state_its_return_is_in(first_merge):
    _code, rows, _issues = first_merge
    state = {file: (r["Agency"], r["Status"]) for file, r in rows.items()}
    assert state == {
        "SCT return.xlsx": ("SCT", "late"),
        "CAMHS return.xlsx": ("CAMHS", "in progress"),
        "WMP return.xlsx": ("WMP", "not started"),
        "SCT return (1).xlsx": ("SCT", "superseded"),
        "WMP minutes.pdf": (None, "rejected"),
    }


def test_in_progress_says_how_many_required_answers_are_missing(first_merge):
    _code, rows, issues = first_merge
    camhs = rows["CAMHS return.xlsx"]
    assert camhs["Required missing"] == 3
    assert camhs["Why"].startswith("3 required answers blank")
    assert sum(i["Code"] == ret.REQUIRED_MISSING.code and i["File"] == "CAMHS return.xlsx" for i in issues) == 3


def test_the_not_started_agency_is_still_owed_and_the_rejected_file_says_why(first_merge):
    _code, rows, issues = first_merge
    assert rows["WMP return.xlsx"]["Answers"] == 0
    assert any(i["Code"] == ret.RETURN_NOT_STARTED.code and i["File"] == "WMP return.xlsx" for i in issues)
    assert "not a spreadsheet" in rows["WMP minutes.pdf"]["Why"]
    assert "'SCT return.xlsx' from SCT is newer" in rows["SCT return (1).xlsx"]["Why"]


def test_a_return_saved_after_the_deadline_is_late_though_its_file_time_is_todays_copy(first_merge):
    code, rows, issues = first_merge
    sct = rows["SCT return.xlsx"]
    assert sct["Received from"] == "workbook's last save"
    saved = sct["Received"].replace(tzinfo=UK)  # the sheet shows UK time, as Calc's clock said when SCT saved
    assert timedelta(0) <= datetime.now(timezone.utc) - saved < timedelta(hours=1)
    assert any(i["Code"] == ret.LATE_RETURN.code and i["File"] == "SCT return.xlsx" for i in issues)
    assert code == 1  # the rejected PDF and CAMHS's blank required answers are errors


def test_the_time_the_coordinator_types_decides_and_survives_the_next_merges(coordinator, first_merge):
    master = coordinator / "master.xlsx"
    book = load_workbook(master)
    sheet = book[layout.SUBMISSIONS_SHEET]
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("File")].value == "SCT return.xlsx")
    row[headers.index("Received")].value = EMAIL_CAME  # typed in Excel over the time the merge put there
    book.save(master)

    for _ in range(2):  # the typed time is kept by the next merge, and the one after
        _code, rows, issues = merge(coordinator)
        sct = rows["SCT return.xlsx"]
        assert (sct["Status"], sct["Received"], sct["Received from"]) == ("received", EMAIL_CAME, "typed in Submissions")
        assert not any(i["Code"] == ret.LATE_RETURN.code and i["File"] == "SCT return.xlsx" for i in issues)
