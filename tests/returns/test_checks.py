"""Every check on a return: (file, sheet, cell, code), the message from the catalogue, and whether the file still merges."""

from __future__ import annotations

from datetime import date, datetime

from ehwb_excel.excel import layout
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks import check_return
from ehwb_excel.returns.reader import read_return
from tests.audit_factory import small_audit
from tests.returns_helpers import SCT_COMPLETE, answer_cell, edit_return, filled_return, rewrite_parts, set_meta

AUDIT = small_audit()


def located(found) -> list[tuple]:
    return [(p.location.file, p.location.sheet, p.location.cell, p.code) for p in found.problems]


def answers(**changes) -> dict:
    """SCT_COMPLETE with some answers replaced (value None removes the answer)."""
    result = dict(SCT_COMPLETE)
    for key, value in changes.items():
        case, question_id = key.split("__")
        key = (None if case == "agency" else f"Case {case}", question_id)
        if value is None:
            result.pop(key)
        else:
            result[key] = value
    return result


def at(path, case, question_id, code) -> tuple:
    return (path.name, *answer_cell(path, case, question_id), code.code)


# -- identification: the file is refused -------------------------------------------------------


def test_a_return_from_another_audit_is_refused_and_nothing_else_is_checked(tmp_path):
    path = set_meta(filled_return(tmp_path, answers(A__voice="Very good")), layout.META_AUDIT_ID, "EHWB-2025-Q4")
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, layout.META_SHEET, None, ret.OTHER_AUDIT.code)]
    assert found.rejected
    assert found.problems[0].message == ret.OTHER_AUDIT.format({"found": "EHWB-2025-Q4", "expected": "EHWB-2026-Q1"})


def test_an_unknown_agency_is_refused(tmp_path):
    path = set_meta(filled_return(tmp_path), layout.META_AGENCY, "Fire Service")
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, layout.META_SHEET, None, ret.UNKNOWN_AGENCY.code)]
    assert found.rejected and "'Fire Service'" in found.problems[0].message and "Inclusion Support" in found.problems[0].message


def test_agency_codes_match_ignoring_case(tmp_path):
    path = set_meta(filled_return(tmp_path), layout.META_AGENCY, "sct")
    assert located(read_return(path, AUDIT)) == []


# -- the template changed: warned, still merged ---------------------------------------------------


def test_an_older_template_version_is_a_warning_and_the_answers_still_count(tmp_path):
    path = set_meta(filled_return(tmp_path), layout.META_TEMPLATE_VERSION, "0")
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, layout.META_SHEET, None, ret.TEMPLATE_VERSION_DIFFERS.code)]
    assert not found.rejected and len(found.answered) == len(SCT_COMPLETE)


def test_a_changed_definition_is_a_warning_with_both_checksums(tmp_path):
    path = set_meta(filled_return(tmp_path), layout.META_DEFINITION_CHECKSUM, "0123456789abcdef0123")
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, layout.META_SHEET, None, ret.DEFINITION_CHANGED.code)]
    assert found.problems[0].message == ret.DEFINITION_CHANGED.format({"found": "0123456789ab", "expected": AUDIT.checksum()[:12]})
    assert not found.rejected


# -- one answer: kept as typed, reported ---------------------------------------------------------


def test_an_answer_pasted_over_the_dropdown_is_reported_at_its_cell(tmp_path):
    path = filled_return(tmp_path, answers(A__voice="Very good", B__voice="requires Improvement "))
    found = read_return(path, AUDIT)
    assert located(found) == [at(path, "Case A", "voice", ret.ANSWER_NOT_IN_LIST)]
    assert not found.rejected
    cell = answer_cell(path, "Case A", "voice")[1]
    assert found.problems[0].message == (
        f"answer 'Very good' is not in the list 'grade' (Outstanding, Good, Requires improvement, Inadequate, Not applicable). "
        f"Choose one from the dropdown in {cell} and send the return again."
    )
    assert next(a.value for a in found.answers if (a.case, a.question_id) == ("Case A", "voice")) == "Very good"


def test_text_in_a_number_or_a_date_question_is_the_wrong_type(tmp_path):
    path = filled_return(tmp_path, answers(A__months_known="about a year", B__first_contact="last spring"))
    found = read_return(path, AUDIT)
    assert sorted(located(found)) == sorted([
        at(path, "Case A", "months_known", ret.NOT_A_NUMBER),
        at(path, "Case B", "first_contact", ret.NOT_A_DATE),
    ])
    assert not found.rejected


def test_a_required_answer_left_blank_is_missing_where_its_question_applies(tmp_path):
    # Case A: self-harm No, so its detail does not apply; Case B: Yes, and the detail is blank
    path = filled_return(tmp_path, answers(A__gender=None, B__self_harm_detail=None, agency__training=None))
    found = read_return(path, AUDIT)
    assert sorted(located(found)) == sorted([
        at(path, "Case A", "gender", ret.REQUIRED_MISSING),
        at(path, "Case B", "self_harm_detail", ret.REQUIRED_MISSING),
        at(path, None, "training", ret.REQUIRED_MISSING),
    ])
    assert not found.rejected


def test_a_question_whose_condition_is_unanswered_is_not_missing(tmp_path):
    path = filled_return(tmp_path, answers(B__self_harm=None, B__self_harm_detail=None))
    assert located(read_return(path, AUDIT)) == [at(path, "Case B", "self_harm", ret.REQUIRED_MISSING)]


def test_a_deleted_question_row_is_missing_on_its_sheet(tmp_path):
    path = filled_return(tmp_path, answers(A__trauma=None))
    sheet, cell = answer_cell(path, "Case A", "trauma")
    edit_return(path, lambda wb: wb[sheet].delete_rows(int(cell[1:])))
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, "Case A", None, ret.REQUIRED_MISSING.code)]
    assert "its row is not on the sheet" in found.problems[0].message


def test_an_answer_where_the_condition_says_no_is_a_warning(tmp_path):
    path = filled_return(tmp_path, answers(A__self_harm_detail="Seen by the school nurse."))
    found = read_return(path, AUDIT)
    assert located(found) == [at(path, "Case A", "self_harm_detail", ret.ANSWER_NOT_APPLICABLE)]
    assert "'self_harm' is 'Yes' (the answer there is 'No')" in found.problems[0].message
    assert not found.rejected


def test_a_deleted_case_sheet_is_reported_and_the_other_case_still_merges(tmp_path):
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: wb.remove(wb["Case B"]))
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, None, None, ret.CASE_SHEET_MISSING.code)]
    assert "Case B" in found.problems[0].message and not found.rejected
    assert {a.case for a in found.answered} == {"Case A", None}


def test_a_deleted_agency_sheet_is_reported(tmp_path):
    path = filled_return(tmp_path)
    edit_return(path, lambda wb: wb.remove(wb[layout.AGENCY_SHEET]))
    found = read_return(path, AUDIT)
    assert located(found) == [(path.name, None, None, ret.CASE_SHEET_MISSING.code)]
    assert f"'{layout.AGENCY_SHEET}'" in found.problems[0].message


def test_a_sheet_for_a_case_the_agency_does_not_know_is_a_warning(tmp_path):
    path = filled_return(tmp_path)

    def other_case(wb):
        for row in wb["Case B"].iter_rows(max_row=5):
            for cell in row:
                if cell.value == layout.COL_SUBJECT:
                    wb["Case B"].cell(row=cell.row, column=cell.column + 1).value = "case:Case Z"

    edit_return(path, other_case)
    found = read_return(path, AUDIT)
    assert set(located(found)) == {
        (path.name, "Case B", None, ret.UNKNOWN_CASE.code),
        (path.name, None, None, ret.CASE_SHEET_MISSING.code),  # Case B's answers are now on no sheet
    }


def test_a_row_with_an_unknown_question_id_is_a_warning(tmp_path):
    path = filled_return(tmp_path)
    sheet, cell = answer_cell(path, "Case A", "voice")

    def rename_id(wb):
        for row in wb[sheet].iter_rows():
            for c in row:
                if c.value == "voice_notes":
                    c.value = "voice_notes_2024"

    edit_return(path, rename_id)
    found = read_return(path, AUDIT)
    row = next(a for a in found.answers if a.question_id == "voice_notes_2024")
    assert located(found) == [(path.name, "Case A", row.location.cell, ret.UNKNOWN_QUESTION.code)]


def test_a_copied_question_row_is_reported_and_both_answers_are_kept(tmp_path):
    path = filled_return(tmp_path)
    sheet, cell = answer_cell(path, "Case A", "voice")

    def copy_row(wb):
        ws = wb[sheet]
        source = int(cell[1:])
        target = ws.max_row + 2
        for c in ws[source]:
            ws.cell(row=target, column=c.column, value=c.value)
        ws.cell(row=target, column=3, value="Inadequate")

    edit_return(path, copy_row)
    found = read_return(path, AUDIT)
    first, copy = [a for a in found.answers if (a.case, a.question_id) == ("Case A", "voice")]
    assert (first.value, copy.value) == (SCT_COMPLETE[("Case A", "voice")], "Inadequate")
    assert located(found) == [(path.name, sheet, copy.location.cell, ret.DUPLICATE_QUESTION_ROW.code)]
    assert f"{sheet}!{cell}" in found.problems[0].message


def _with_text(tmp_path, text: str):
    """A return whose Case A voice notes hold `text`, put in the file's XML directly
    (openpyxl itself would truncate long text and refuse control characters)."""
    path = filled_return(tmp_path, answers(A__voice_notes="MARKER-TEXT"))
    target = tmp_path / "edited.xlsx"
    rewrite_parts(path, target, lambda name, data: data.replace(b"MARKER-TEXT", text.encode()) if name.startswith("xl/") else data)
    return path, target


def test_text_over_the_excel_cell_limit_is_reported_and_kept_whole(tmp_path):
    path, target = _with_text(tmp_path, "x" * 40_000)
    found = read_return(target, AUDIT)
    assert located(found) == [(target.name, *answer_cell(path, "Case A", "voice_notes"), ret.TEXT_TOO_LONG.code)]
    assert "40,000 characters" in found.problems[0].message
    assert len(next(a.value for a in found.answers if a.question_id == "voice_notes" and a.case == "Case A")) == 40_000


def test_control_characters_are_reported(tmp_path):
    path, target = _with_text(tmp_path, "before_x0007_after")  # how Open XML escapes U+0007 (bell)
    found = read_return(target, AUDIT)
    assert located(found) == [(target.name, *answer_cell(path, "Case A", "voice_notes"), ret.ILLEGAL_CHARACTERS.code)]
    assert "U+0007" in found.problems[0].message


# -- across calls -------------------------------------------------------------------------------


def test_a_return_saved_after_the_deadline_is_late_only_when_asked(tmp_path):
    path = filled_return(tmp_path)
    found = read_return(path, AUDIT)
    assert check_return(AUDIT, found) == []  # read_return ran the checks already
    late = check_return(AUDIT, found, deadline=date(2026, 3, 31))
    assert [(p.location.file, p.code) for p in late] == [(path.name, ret.LATE_RETURN.code)]
    assert check_return(AUDIT, found, deadline=date(2999, 1, 1)) == []


def test_a_return_saved_before_the_deadline_and_copied_after_it_is_not_late(tmp_path):
    from ehwb_excel.demo.saved_time import set_saved_time

    path = set_saved_time(filled_return(tmp_path), datetime(2026, 3, 30, 9, 0), file_time=False)  # the file's time: now
    late = check_return(AUDIT, read_return(path), deadline=date(2026, 3, 31))
    assert [p.code for p in late if p.code == ret.LATE_RETURN.code] == []


def test_without_an_audit_only_the_checks_that_need_none_run(tmp_path):
    path = set_meta(filled_return(tmp_path, answers(A__voice="Very good")), layout.META_AUDIT_ID, "another")
    found = read_return(path)
    assert located(found) == [] and len(found.answered) == len(SCT_COMPLETE)
    assert [p.code for p in check_return(AUDIT, found)] == [ret.OTHER_AUDIT.code]


def test_every_problem_kind_has_a_unique_code_and_a_template_with_what_to_do():
    kinds = [v for v in vars(ret).values() if isinstance(v, type(ret.NOT_A_WORKBOOK))]
    assert len({k.code for k in kinds}) == len(kinds)
    assert all(k.code.startswith("RET_") and k.template.rstrip().endswith(".") and ". " in k.template for k in kinds)
    cross_file = (ret.DUPLICATE_AGENCY, ret.LATE_RETURN, ret.MISSING_RETURN, ret.MASTER_LOCKED)
    assert [k.severity.value for k in cross_file] == ["warning", "warning", "warning", "error"]
    assert not any(k.rejects_file for k in cross_file)
