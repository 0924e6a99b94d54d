"""A return filled in with LibreOffice Calc, as a person would, reads back exactly."""

from __future__ import annotations

import pytest

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.returns.reader import read_return
from tests.audit_factory import small_audit
from tests.libreoffice import libreoffice, op  # noqa: F401  (module-scoped fixture)
from tests.returns_helpers import answer_cell, generated_return

pytestmark = pytest.mark.libreoffice

AUDIT = small_audit()
TYPED = {  # what a person types, through LibreOffice's own validation
    ("Case A", "gender"): "Female",
    ("Case A", "months_known"): 14,
    ("Case A", "self_harm"): "No",
    ("Case A", "voice"): "Good",
    ("Case A", "trauma"): "Requires improvement",
    ("Case B", "gender"): "Male",
    ("Case B", "self_harm"): "Yes",
    ("Case B", "self_harm_detail"): "Referred to the school nurse the same day.",
    ("Case B", "voice"): "Outstanding",
    (None, "training"): "Yes",
}
PASTED = {("Case B", "trauma"): "Very good"}  # through the API: validation is bypassed, as by a paste
TEXT = {("Case A", "voice_notes"): '=HYPERLINK("http://example.org")'}  # typed as text, must stay text
FORMULA = {("Case B", "months_known"): ("=1+2", 3)}  # a formula typed as an answer: only its cached result is read


def _row(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()))


def _moved(cell: str, inserted_at: int) -> str:
    letters = cell.rstrip("0123456789")
    row = _row(cell)
    return f"{letters}{row + 1 if row >= inserted_at else row}"


@pytest.fixture(scope="module")
def filled(libreoffice, tmp_path_factory):
    """Type the answers in LibreOffice after inserting a row above Case B's voice question; save as xlsx."""
    folder = tmp_path_factory.mktemp("lo-return")
    sent = generated_return(folder, AUDIT, "SCT", name="SCT sent.xlsx")
    cells = {key: answer_cell(sent, *key) for key in [*TYPED, *PASTED, *TEXT, *FORMULA]}
    inserted_at = _row(cells[("Case B", "voice")][1])
    expected = {
        key: (sheet, _moved(cell, inserted_at) if sheet == "Case B" else cell) for key, (sheet, cell) in cells.items()
    }
    operations = [op("open", path=str(sent)), op("unprotect", sheet="Case B"), op("insert_rows", sheet="Case B", row=inserted_at, count=1)]
    operations += [op("type_value", sheet=expected[k][0], cell=expected[k][1], value=v) for k, v in TYPED.items()]
    operations += [op("set_value", sheet=expected[k][0], cell=expected[k][1], value=v) for k, v in PASTED.items()]
    operations += [op("set_text", sheet=expected[k][0], cell=expected[k][1], text=v) for k, v in TEXT.items()]
    operations += [op("set_formula", sheet=expected[k][0], cell=expected[k][1], formula=f) for k, (f, _) in FORMULA.items()]
    saved = folder / "returned by libreoffice.xlsx"
    operations.append(op("save_as", path=str(saved)))
    results = libreoffice.run_ok(operations)
    return saved, expected, results


def test_libreoffice_accepted_every_typed_answer(filled):
    _, _, results = filled
    typed = [r for r in results if r["op"] == "type_value"]
    assert len(typed) == len(TYPED) and all(r["accepted"] for r in typed)


def test_every_typed_answer_is_found_once_at_its_new_cell(filled):
    saved, expected, _ = filled
    found = read_return(saved, AUDIT)
    answered = {}
    for answer in found.answered:
        assert (answer.case, answer.question_id) not in answered
        answered[(answer.case, answer.question_id)] = answer
    assert set(answered) == {*TYPED, *PASTED, *TEXT, *FORMULA}
    results = {key: result for key, (_, result) in FORMULA.items()}
    for key, value in {**TYPED, **PASTED, **TEXT, **results}.items():
        assert answered[key].location == Location(saved.name, *expected[key])
        assert answered[key].value == value  # 14 comes back as 14.0, which equals 14


def test_the_pasted_invalid_answer_is_the_only_problem(filled):
    saved, expected, _ = filled
    found = read_return(saved, AUDIT)
    assert [(p.location.file, p.location.sheet, p.location.cell, p.code) for p in found.problems] == [
        (saved.name, *expected[("Case B", "trauma")], ret.ANSWER_NOT_IN_LIST.code)
    ]
    assert not found.rejected


def test_the_file_is_identified_as_saved_by_libreoffice(filled):
    saved, _, _ = filled
    found = read_return(saved, AUDIT)
    assert found.application.startswith("LibreOffice/")
    assert (found.agency_code, found.audit_id) == ("SCT", AUDIT.settings.audit_id)
