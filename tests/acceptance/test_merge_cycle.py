"""The merge as the coordinator lives it: returns arrive, one is corrected, the merge is run again and again."""

from functools import lru_cache
from io import BytesIO
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.workbook.agency_workbook import agency_workbook
from ehwb_excel.cli.main import main
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.demo.returns import fill_answers, plausible_answers
from ehwb_excel.demo.saved_time import set_saved_time
from ehwb_excel.workbook.master_skeleton import master_workbook

AUDIT = default_audit()
SENT = datetime(2027, 1, 20, 10, 0, tzinfo=timezone.utc)  # before the default audit's deadline


def returned(folder: Path, agency: str, answers: dict, *, name: str | None = None, at: datetime = SENT) -> Path:
    """The agency's workbook, filled in and saved into the returns folder at `at`."""
    folder.mkdir(exist_ok=True)
    path = folder / (name or f"{agency} audit return.xlsx")
    path.write_bytes(_sent_workbook(agency))
    fill_answers(path, answers)
    set_saved_time(path, at)
    return path


@lru_cache(maxsize=None)
def _sent_workbook(agency: str) -> bytes:
    """The workbook 'ehwb generate' sends the agency (made once per test run)."""
    stream = BytesIO()
    agency_workbook(AUDIT, agency).save(stream)
    return stream.getvalue()


def merge(coordinator: Path) -> int:
    return main(["merge", str(coordinator / "returns"), "--master", str(coordinator / "master.xlsx")])


def responses(coordinator: Path) -> list[dict]:
    sheet = load_workbook(coordinator / "master.xlsx")[layout.RESPONSES_SHEET]
    return [dict(zip(layout.RESPONSES_COLUMNS, row)) for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)]


def sheet_rows(coordinator: Path, name: str) -> list[tuple]:
    return [tuple(r) for r in load_workbook(coordinator / "master.xlsx")[name].iter_rows(values_only=True)]


@pytest.fixture
def coordinator(tmp_path) -> Path:
    """A coordinator's folder: the master from 'ehwb generate', and returns from SCT and CAMHS."""
    master_workbook(AUDIT).save(tmp_path / "master.xlsx")
    for agency in ("SCT", "CAMHS"):
        returned(tmp_path / "returns", agency, plausible_answers(AUDIT, agency))
    return tmp_path


def corrected_camhs() -> dict:
    answers = plausible_answers(AUDIT, "CAMHS")
    answers[("Case A", "voice_grade")] = "Outstanding"
    return answers


def camhs_case_a_voice(coordinator: Path) -> list[dict]:
    return [r for r in responses(coordinator) if (r["Agency"], r["Case"], r["Question ID"]) == ("CAMHS", "Case A", "voice_grade")]


def test_a_corrected_camhs_return_for_case_a_merged_twice_appears_once(coordinator):
    assert merge(coordinator) == 0
    first = camhs_case_a_voice(coordinator)
    assert [r["Answer"] for r in first] == [plausible_answers(AUDIT, "CAMHS")[("Case A", "voice_grade")]]

    # CAMHS sends a corrected return; the coordinator saves it over the first one
    returned(coordinator / "returns", "CAMHS", corrected_camhs(), at=SENT + timedelta(days=2))
    assert merge(coordinator) == 0
    assert merge(coordinator) == 0

    assert [r["Answer"] for r in camhs_case_a_voice(coordinator)] == ["Outstanding"]
    history = [dict(zip(layout.HISTORY_COLUMNS, row)) for row in sheet_rows(coordinator, layout.HISTORY_SHEET)[1:]]
    assert [(h["Agency"], h["File"]) for h in history] == [("CAMHS", "CAMHS audit return.xlsx")]
    assert len(sheet_rows(coordinator, layout.MERGE_LOG_SHEET)) == 1 + 3


def test_a_corrected_return_saved_beside_the_first_wins_and_the_clash_is_reported(coordinator, capsys):
    returned(coordinator / "returns", "CAMHS", corrected_camhs(), name="CAMHS audit return v2.xlsx", at=SENT + timedelta(days=2))
    assert merge(coordinator) == 0
    assert [r["Answer"] for r in camhs_case_a_voice(coordinator)] == ["Outstanding"]
    assert {r["Source file"] for r in responses(coordinator) if r["Agency"] == "CAMHS"} == {"CAMHS audit return v2.xlsx"}
    assert "warning: CAMHS audit return.xlsx: this file and 'CAMHS audit return v2.xlsx' are both returns from CAMHS" in capsys.readouterr().out


def test_a_second_merge_of_the_same_folder_changes_no_data_and_keeps_the_coordinators_words(coordinator):
    assert merge(coordinator) == 0
    master = load_workbook(coordinator / "master.xlsx")
    master[layout.HEADLINES_SHEET].cell(layout.COORDINATOR_HEADER_ROW + 1, 2, "Children's voices were heard well.")
    master.save(coordinator / "master.xlsx")
    before = {name: sheet_rows(coordinator, name) for name in (layout.SUBMISSIONS_SHEET, layout.RESPONSES_SHEET, layout.GRADES_SHEET, layout.CASE_PROFILES_SHEET)}

    assert merge(coordinator) == 0

    assert {name: sheet_rows(coordinator, name) for name in before} == before
    assert sheet_rows(coordinator, layout.HEADLINES_SHEET)[layout.COORDINATOR_HEADER_ROW][1] == "Children's voices were heard well."


def test_every_answered_cell_is_one_row_in_responses(coordinator):
    assert merge(coordinator) == 0
    answered = sum(1 for agency in ("SCT", "CAMHS") for value in plausible_answers(AUDIT, agency).values() if value not in (None, ""))
    assert len(responses(coordinator)) == answered
    log = dict(zip(layout.MERGE_LOG_COLUMNS, sheet_rows(coordinator, layout.MERGE_LOG_SHEET)[1]))
    assert log["Answers read"] == log["Response rows"] == answered


def test_a_return_moved_out_of_the_folder_loses_nothing(coordinator, capsys):
    assert merge(coordinator) == 0
    camhs = [r for r in responses(coordinator) if r["Agency"] == "CAMHS"]
    (coordinator / "returns" / "CAMHS audit return.xlsx").rename(coordinator / "CAMHS audit return.xlsx")
    assert merge(coordinator) == 0
    assert [r for r in responses(coordinator) if r["Agency"] == "CAMHS"] == camhs
    assert "are kept because no file from this agency is in the returns folder now" in capsys.readouterr().out
