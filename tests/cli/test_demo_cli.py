"""`ehwb demo` says which problems it planted before it shows them, and exits 1 only for one it did not plant."""

from __future__ import annotations

import json

import pytest

from ehwb_excel.audit.default_audit import default_audit
from ehwb_excel.cli.main import main
from ehwb_excel.demo import cycle
from ehwb_excel.demo.planted import LATE_AGENCY, MISSING_AGENCY, PASTED_AGENCY, explanation, unexpected
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.workbook.generate import file_name_for


@pytest.fixture(scope="module")
def told(tmp_path_factory):
    lines: list[str] = []
    result = cycle.run_demo(tmp_path_factory.mktemp("demo"), say=lines.append)
    return lines, result


def test_the_planted_problems_are_told_before_the_first_is_shown(told):
    lines, result = told
    told_at = lines.index(explanation()[0])
    first_problem = next(i for i, line in enumerate(lines) if line.startswith(("  error: ", "  warning: ")))
    assert told_at < first_problem
    assert all(f"  - {code} " in "\n".join(lines[told_at:first_problem]) for code in (LATE_AGENCY, PASTED_AGENCY, MISSING_AGENCY))
    assert result.unexpected == [] and not any("NOT PLANTED" in line for line in lines)


def test_a_problem_the_demo_did_not_plant_is_unexpected():
    audit = default_audit()
    late = ret.LATE_RETURN(Location(file_name_for(audit, LATE_AGENCY)), agency=LATE_AGENCY)
    late_elsewhere = ret.LATE_RETURN(Location(file_name_for(audit, "SCT")), agency="SCT")
    pasted = ret.ANSWER_NOT_IN_LIST(Location(file_name_for(audit, PASTED_AGENCY), "Case A", "C22"), value="Very good")
    missing_elsewhere = ret.MISSING_RETURN(agency="SCT")
    assert unexpected(audit, [late, pasted, late_elsewhere, missing_elsewhere]) == [late_elsewhere, missing_elsewhere]


@pytest.mark.parametrize("as_json", [False, True])
def test_an_unplanted_problem_makes_the_demo_exit_1_and_say_so(as_json, tmp_path, capsys, monkeypatch):
    fault = ret.MISSING_RETURN(agency="SCT")

    def demo_with_a_fault(out, *, pdf, say):
        return cycle.DemoResult(tmp_path, tmp_path / "d.xlsx", tmp_path / "m.xlsx", tmp_path / "r.docx", unexpected=[fault])

    monkeypatch.setattr(cycle, "run_demo", demo_with_a_fault)
    assert main(["demo", "--out", str(tmp_path), *(["--json"] if as_json else [])]) == 1
    out = capsys.readouterr().out
    if as_json:
        printed = json.loads(out)
        assert printed["exit_code"] == 1 and printed["unexpected"][0]["code"] == ret.MISSING_RETURN.code
    else:
        assert "1 problem was not planted (marked NOT PLANTED above), so the exit code is 1" in out
