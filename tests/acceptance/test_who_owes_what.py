"""Who owes what: the Submissions sheet, `ehwb status` and the merge summary, as the coordinator chases agencies."""

from __future__ import annotations

import json

from ehwb_excel.cli.main import main
from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.workbook.generate import master_file_name
from tests.definition_helpers import agency_column, case_row, definition, save

AUDIT = default_audit()


def _knowing_no_case(*codes: str) -> dict[str, str]:
    """Cases-sheet cells that take every case away from these agencies."""
    return {f"Cases!{agency_column(code)}{case_row(case.reference)}": "No" for code in codes for case in AUDIT.cases}


def test_agencies_that_know_no_case_get_no_workbook_and_are_not_chased(tmp_path, capsys):
    path = save(definition(_knowing_no_case("COGs", "MST")), tmp_path)
    out = tmp_path / "to-send"
    assert main(["generate", str(path), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    agency_workbooks = [p for p in out.glob("*.xlsx") if p.name != master_file_name(AUDIT)]
    assert len(agency_workbooks) == 9
    assert not [p for p in agency_workbooks if "COGs" in p.name or "MST" in p.name]
    for code in ("COGs", "MST"):  # said once, by the definition check
        assert err.count(f"agency '{code}' knows none of the cases, so it gets no workbook") == 1

    returns = tmp_path / "returns"
    returns.mkdir()
    master = out / master_file_name(AUDIT)
    main(["status", str(returns), "--master", str(master), "--json"])
    status = json.loads(capsys.readouterr().out)
    assert [s["agency"] for s in status["submissions"]] == [a.code for a in AUDIT.agencies if a.code not in ("COGs", "MST")]
    assert {s["status"] for s in status["submissions"]} == {"missing"}
    assert "Missing: SCT, SWBNHS, CCG, CAMHS, Education, WMP, Inclusion Support, RSVP, Kaleidoscope." in status["summary"]
    assert "of 9 agencies" in status["summary"]


def test_the_workbooks_as_generated_merge_as_not_started(tmp_path, capsys):
    path = save(definition(), tmp_path)
    out = tmp_path / "to-send"
    assert main(["generate", str(path), "--out", str(out)]) == 0
    capsys.readouterr()
    main(["status", str(out), "--master", str(out / master_file_name(AUDIT)), "--json"])
    status = json.loads(capsys.readouterr().out)
    assert [(s["agency"], s["status"]) for s in status["submissions"]] == [(a.code, "not started") for a in AUDIT.agencies]
    assert status["summary"].startswith("Merged returns from 0 of 11 agencies")
    assert "Not started (no answers yet): SCT, SWBNHS," in status["summary"]


def test_blank_workbooks_are_one_reminder_each_not_an_error_per_blank_answer(tmp_path, capsys):
    out = tmp_path / "to-send"
    assert main(["generate", str(save(definition(), tmp_path)), "--out", str(out)]) == 0
    capsys.readouterr()
    code = main(["merge", str(out), "--master", str(out / master_file_name(AUDIT)), "--json"])
    merged = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in merged["problems"]] == ["RET_036"] * len(AUDIT.agencies)  # 'has no answers yet: remind ...'
    assert (merged["errors"], code) == (0, 0)  # owed, as a missing return is: a warning, not a failed merge
    assert {s["status"]: s["errors"] for s in merged["submissions"]} == {"not started": 0}
