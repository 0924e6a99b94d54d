"""Returns filled in with LibreOffice Calc, as people do, merge with every typed answer present exactly once."""

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.cli.main import main
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.merge_helpers import real_master, real_return
from tests.returns_helpers import answer_cell

pytestmark = pytest.mark.libreoffice

LINK = '=HYPERLINK("http://example.org","click")'
TYPED = {  # (agency, case, question id) -> what a person types, through Calc's own validation
    ("SCT", "Case A", "gender"): "Female",
    ("SCT", "Case A", "self_harm"): "No",
    ("SCT", "Case A", "years_known"): 3,
    ("SCT", "Case A", "assessed"): 46037,  # 15/01/2026 in a date-formatted cell
    ("SCT", "Case A", "voice_grade"): "Good",
    ("SCT", "Case B", "gender"): "Male",
    ("SCT", "Case B", "self_harm"): "Yes",
    ("SCT", "Case B", "voice_grade"): "Outstanding",
    ("SCT", None, "role"): "Designated lead",
    ("CAMHS", "Case A", "gender"): "Female",
    ("CAMHS", "Case A", "self_harm"): "Yes",
    ("CAMHS", "Case A", "voice_grade"): "Requires improvement",
    ("CAMHS", None, "role"): "Team manager",
}
STORED = {"assessed": date(2026, 1, 15)}  # what the merge stores when it differs from what was typed
AS_TEXT = {("SCT", "Case A", "voice_notes"): LINK}  # typed with a leading apostrophe: text, never a formula
PASTED = {("CAMHS", "Case A", "years_known"): "three"}  # pasted over the cell: validation is bypassed
INSERTED_ABOVE = ("SCT", "Case A", "voice_grade")  # the agency inserted a row above this question


@pytest.fixture(scope="module")
def merged(libreoffice, tmp_path_factory):
    """The master after `ehwb merge` of the returns SCT and CAMHS filled in with Calc."""
    folder = tmp_path_factory.mktemp("coordinator")
    master = real_master(folder / "master.xlsx")
    returns = folder / "returns"
    for agency in ("SCT", "CAMHS"):
        path = real_return(returns, agency, {})
        operations = [op("open", path=str(path))]
        for (who, case, question_id), value in {**TYPED, **AS_TEXT, **PASTED}.items():
            if who != agency:
                continue
            sheet, cell = answer_cell(path, case, question_id)
            if (who, case, question_id) in AS_TEXT:
                operations.append(op("set_text", sheet=sheet, cell=cell, text=value))
            elif (who, case, question_id) in PASTED:
                operations.append(op("set_value", sheet=sheet, cell=cell, value=value))
            else:
                operations.append(op("type_value", sheet=sheet, cell=cell, value=value))
        if INSERTED_ABOVE[0] == agency:
            sheet, cell = answer_cell(path, INSERTED_ABOVE[1], INSERTED_ABOVE[2])
            row = int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
            sent_at = (sheet, cell)
            operations += [op("unprotect", sheet=sheet), op("insert_rows", sheet=sheet, row=row, count=1)]
        operations.append(op("save_as", path=str(path)))
        results = libreoffice.run(operations)
        assert not [r for r in results if "error" in r or r.get("accepted") is False], results
    exit_code = main(["merge", str(returns), "--master", str(master)])
    book = load_workbook(master)
    responses = [dict(zip(layout.RESPONSES_COLUMNS, r)) for r in book[layout.RESPONSES_SHEET].iter_rows(min_row=2, values_only=True)]
    issues = [dict(zip(layout.ISSUES_COLUMNS, r)) for r in book[layout.ISSUES_SHEET].iter_rows(min_row=2, values_only=True)]
    return exit_code, responses, issues, book, sent_at


def rows_for(responses, agency, case, question_id):
    return [r for r in responses if (r["Agency"], r["Case"], r["Question ID"]) == (agency, case, question_id)]


def test_every_typed_answer_is_in_responses_exactly_once(merged):
    _exit, responses, _issues, _book, _sent = merged
    for (agency, case, question_id), typed in {**TYPED, **AS_TEXT}.items():
        found = rows_for(responses, agency, case, question_id)
        assert len(found) == 1, (agency, case, question_id, found)
        stored = found[0]["Answer"]
        if isinstance(stored, datetime):  # Excel has no date type: a date reads back as midnight
            stored = stored.date()
        assert stored == STORED.get(question_id, typed), (agency, case, question_id)
    assert len(responses) == len(TYPED) + len(AS_TEXT) + len(PASTED)


def test_the_answer_below_the_inserted_row_is_found_at_its_new_cell(merged):
    _exit, responses, _issues, _book, (sheet, sent_cell) = merged
    agency, case, question_id = INSERTED_ABOVE
    row = rows_for(responses, agency, case, question_id)[0]
    column, sent_row = sent_cell[0], int(sent_cell[1:])
    assert (row["Sheet"], row["Cell"]) == (sheet, f"{column}{sent_row + 1}")
    assert row["Answer"] == "Good" and row["Score"] == 3


def test_the_pasted_value_is_kept_as_typed_and_listed_and_the_merge_says_so(merged):
    exit_code, responses, issues, _book, _sent = merged
    (agency, case, question_id), pasted = next(iter(PASTED.items()))
    row = rows_for(responses, agency, case, question_id)[0]
    assert row["Answer"] == pasted
    assert [(i["File"], i["Sheet"], i["Cell"], i["Code"]) for i in issues if i["Severity"] == "error"] == [
        (row["Source file"], row["Sheet"], row["Cell"], ret.NOT_A_NUMBER.code)
    ]
    assert exit_code == 1  # an answer-level error: the coordinator is told, though nothing was rejected


def test_text_typed_like_a_formula_is_stored_as_text(merged):
    _exit, responses, _issues, book, _sent = merged
    index = next(i for i, r in enumerate(responses) if r["Answer"] == LINK)
    assert book[layout.RESPONSES_SHEET].cell(index + 2, layout.RESPONSES_COLUMNS.index("Answer") + 1).data_type == "s"
