"""The panel curates in LibreOffice Calc: a key finding and a chosen quote typed into the master reach the report and
survive a corrected return's merge; two agencies that disagree on a child's gender make no "Female / Male" category."""

import re

import pytest
from docx import Document
from openpyxl import load_workbook

from ehwb_excel.cli.main import main
from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue.returns import PROFILE_RECORDS_DIFFER
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.merge_helpers import real_master, real_return
from tests.returns_helpers import typed_in_calc

pytestmark = pytest.mark.libreoffice

CHOSEN = "The worker saw the young person every week, at school and at home."
LEFT_OUT = "Visits were consistent."
KEY_FINDING = "Young people were seen often, but their views rarely changed the plan."
TYPED = {  # (agency, case, question id) -> what a person types in Calc, through its validation
    ("SCT", "Case A", "gender"): "Female",
    ("CAMHS", "Case A", "gender"): "Male",  # a tie: one agency each, no answer wins
    ("SCT", "Case A", "voice_grade"): "Good",
    ("CAMHS", "Case A", "voice_grade"): "Requires improvement",
    ("SCT", "Case A", "voice_notes"): CHOSEN,
    ("CAMHS", "Case A", "voice_notes"): LEFT_OUT,
    ("SCT", None, "role"): "Designated lead",
    ("CAMHS", None, "role"): "Team manager",
}


def _returns(libreoffice, folder, camhs_grade="Requires improvement"):
    for agency in ("SCT", "CAMHS"):
        path = real_return(folder, agency, {})
        typed = {(case, qid): value for (who, case, qid), value in TYPED.items() if who == agency}
        if agency == "CAMHS":
            typed[("Case A", "voice_grade")] = camhs_grade
        typed_in_calc(libreoffice, path, typed)


def _quote_row(master, text):
    sheet = load_workbook(master)[layout.QUOTE_CHOICES_SHEET]
    column = layout.QUOTE_CHOICES_COLUMNS.index("Quote")
    return next(number for number, row in enumerate(sheet.iter_rows(values_only=True), start=1) if row[column] == text)


@pytest.fixture(scope="module")
def curated(libreoffice, tmp_path_factory):
    """The master merged, curated in Calc, merged again after CAMHS corrected its grade, and reported."""
    folder = tmp_path_factory.mktemp("panel")
    master = real_master(folder / "master.xlsx")
    returns = folder / "returns"
    _returns(libreoffice, returns)
    assert main(["merge", str(returns), "--master", str(master)]) in (0, 1)

    choice_column = "ABCDEFGHIJ"[layout.QUOTE_CHOICES_COLUMNS.index("In the report")]
    typed = libreoffice.run([
        op("open", path=str(master)),
        op("unprotect", sheet=layout.KEY_FINDINGS_SHEET),
        op("type_value", sheet=layout.KEY_FINDINGS_SHEET, cell=f"B{layout.COORDINATOR_HEADER_ROW + 1}", value=KEY_FINDING),
        op("type_value", sheet=layout.QUOTE_CHOICES_SHEET, cell=f"{choice_column}{_quote_row(master, CHOSEN)}",
           value=layout.QUOTE_INCLUDE),
        op("save_as", path=str(master)),
    ])
    assert not [r for r in typed if "error" in r or r.get("accepted") is False], typed

    _returns(libreoffice, returns, camhs_grade="Good")  # CAMHS sends a corrected return: same words, another grade
    assert main(["merge", str(returns), "--master", str(master)]) in (0, 1)
    report = folder / "report.docx"
    assert main(["report", str(master), "--out", str(report)]) == 0
    document = Document(str(report))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return master, paragraphs, cells


def test_the_key_finding_and_the_chosen_quote_typed_in_calc_are_in_the_report(curated):
    _master, paragraphs, _cells = curated
    assert KEY_FINDING in paragraphs
    assert any(CHOSEN in p and "(SCT; Case A)" in p for p in paragraphs)
    assert not any(LEFT_OUT in p for p in paragraphs)


def test_the_choice_survives_the_corrected_returns_merge(curated):
    master, paragraphs, _cells = curated
    sheet = load_workbook(master)[layout.QUOTE_CHOICES_SHEET]
    choices = {row[2]: row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert choices == {CHOSEN: layout.QUOTE_INCLUDE, LEFT_OUT: layout.QUOTE_LEAVE_OUT}
    assert "All 2 grades were Good." in paragraphs  # the corrected grade is counted, the first one is not


def test_a_tie_between_two_agencies_is_told_as_a_disagreement_never_as_a_category(curated):
    master, paragraphs, cells = curated
    for text in paragraphs + cells:
        assert not re.search(r"\w / \w", text), text  # never "Female / Male"
    assert any("The agencies' records differed on gender of the child for 1 young person" in p for p in paragraphs)
    assert "Recorded differently" in cells  # the case profile table
    assert any("SCT: Female; CAMHS: Male" in p for p in paragraphs)  # the appendix note, once
    issues = load_workbook(master)[layout.ISSUES_SHEET]
    codes = [row[layout.ISSUES_COLUMNS.index("Code")] for row in issues.iter_rows(min_row=2, values_only=True)]
    assert codes.count(PROFILE_RECORDS_DIFFER.code) == 1
