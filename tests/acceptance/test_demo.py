"""`ehwb demo`: the whole cycle on the built-in default, as the README's first command runs it."""

import json
import shutil

import pytest
from docx import Document
from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.cli.main import main
from ehwb_excel.demo.cycle import CORRECTED_AGENCY, LATE_AGENCY, MISSING_AGENCY, PASTED_AGENCY


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    assert main(["demo", "--out", str(out)]) == 0
    return out


def _records(master, sheet):
    rows = list(master[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:] if any(v is not None for v in row)]


def test_master_has_every_derived_sheet_filled(demo):
    master = load_workbook(next(demo.glob("*master*.xlsx")))
    for sheet in (layout.SUBMISSIONS_SHEET, layout.RESPONSES_SHEET, layout.GRADES_SHEET, layout.CASE_PROFILES_SHEET, layout.ISSUES_SHEET):
        assert master[sheet].max_row > 1, sheet
    status = {r["Agency"]: r["Status"] for r in _records(master, layout.SUBMISSIONS_SHEET)}
    assert status[MISSING_AGENCY] == "missing"
    assert status[LATE_AGENCY] == "late"
    assert len(status) == 11


def test_scenario_problems_are_listed_and_history_kept(demo):
    master = load_workbook(next(demo.glob("*master*.xlsx")))
    issues = _records(master, layout.ISSUES_SHEET)
    assert any(PASTED_AGENCY in r["File"] and "Very good" in r["Message"] for r in issues)
    history = _records(master, layout.HISTORY_SHEET)
    assert [r["Agency"] for r in history] == [CORRECTED_AGENCY]
    responses = _records(master, layout.RESPONSES_SHEET)
    pasted = [r for r in responses if r["Agency"] == PASTED_AGENCY and r["Answer"] == "Very good"]
    assert len(pasted) == 1  # the invalid answer is kept as typed, not dropped


def test_formula_looking_comment_stays_text_in_the_master(demo):
    master = load_workbook(next(demo.glob("*master*.xlsx")))
    comments = [c for c in master[layout.RESPONSES_SHEET].iter_rows() for c in c if isinstance(c.value, str) and c.value.startswith("=")]
    assert comments and all(c.data_type == "s" for c in comments)


def test_report_overview_reads_like_the_real_report(demo):
    text = "\n".join(p.text for p in Document(demo / "report.docx").paragraphs)
    assert "The cases comprised 3 females and 1 male: 3 were White British and 1 was British Pakistani." in text
    assert "1 young person had a diagnosis of ADHD and ASD." in text
    assert "All of the young people experienced anxiety, 3 were known to be self harming and 2 were known to have suicidal ideation." in text


def test_demo_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    (tmp_path / "precious.txt").write_text("coordinator's notes")
    assert main(["demo", "--out", str(tmp_path)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (tmp_path / "precious.txt").exists()


@pytest.mark.parametrize("copy", [shutil.copy, shutil.copy2], ids=["copied-as-email-and-downloads-do", "copied-keeping-file-times"])
def test_copying_the_returns_does_not_change_who_is_late(demo, tmp_path, copy, capsys):
    """A return's lateness goes by the time the agency saved it, which travels inside the file."""
    returns = shutil.copytree(demo / "returns", tmp_path / "returns", copy_function=copy)
    master = shutil.copy(next(demo.glob("*master*.xlsx")), tmp_path / "master.xlsx")
    capsys.readouterr()
    main(["status", str(returns), "--master", str(master), "--json"])
    printed = json.loads(capsys.readouterr().out)
    late = sorted(s["agency"] for s in printed["submissions"] if s["late"])
    assert late == sorted([LATE_AGENCY, CORRECTED_AGENCY])  # the corrected return came after the deadline
    assert {s["received_from"] for s in printed["submissions"] if s["file"]} == {"workbook's last save"}
    assert f"Late: {', '.join(s['agency'] for s in printed['submissions'] if s['late'])}." in printed["summary"]


def test_the_demo_s_merges_and_report_are_on_the_master_s_trail(demo):
    from ehwb_excel.master.trail import read_trail

    trail = read_trail(next(demo.glob("*master*.xlsx")))
    assert [(line["command"], "files" in line) for line in trail] == [("ehwb demo", True), ("ehwb demo", True), ("ehwb demo", False)]
    assert [w["file"] for w in trail[-1]["written"]] == ["report.docx"]
    assert {f["outcome"] for f in trail[0]["files"]} >= {"accepted"}
