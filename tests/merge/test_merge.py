"""The merge rules on returns built as plain values: versions, history, lateness, canonical values, sheets."""

from datetime import date, datetime, timedelta, timezone

import pytest

from ehwb_excel.excel import layout
from ehwb_excel.merge.case_profiles import RULE_MOST_COMMON, RULE_YES_IF_ANY
from ehwb_excel.problems.catalogue.returns import PROFILE_RECORDS_DIFFER
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from ehwb_excel.merge.previous import MasterState
from ehwb_excel.merge.merge import merge
from tests.merge_helpers import (
    LATE, NOW, ON_TIME, data_of, full_answers, merge_audit, return_file, state_after,
)

AUDIT = merge_audit()
COL = {name: i for i, name in enumerate(layout.RESPONSES_COLUMNS)}


def run(*returns, previous=None, now=NOW):
    return merge(AUDIT, list(returns), previous or MasterState.empty(AUDIT), now=now)


def combined_rows(result) -> dict:
    """(case, question id) -> the Case profiles row with the combined answer (not an agency's own row)."""
    return {(r["Case"], r["Question ID"]): r for r in result.sheet(layout.CASE_PROFILES_SHEET).records() if r["Agency"] is None}


def rows_of(result, agency):
    return [r for r in result.sheet(layout.RESPONSES_SHEET).rows if r[COL["Agency"]] == agency]


def answer(result, agency, case, question_id):
    found = [r for r in rows_of(result, agency) if r[COL["Case"]] == case and r[COL["Question ID"]] == question_id]
    assert len(found) == 1, found
    return found[0]


def codes(result):
    return [(p.location.file, p.code) for p in result.report.problems]


def submission(result, agency):
    return next(s for s in result.submissions if s.agency == agency)


# -- versions of one agency's return ---------------------------------------------------------


def test_two_files_for_one_agency_the_newer_wins_and_the_clash_is_reported():
    older = return_file("SCT", full_answers("SCT", grade="Good"), name="SCT first.xlsx", modified=ON_TIME - timedelta(days=2))
    newer = return_file("SCT", full_answers("SCT", grade="Inadequate"), name="SCT again.xlsx", modified=ON_TIME)
    result = run(older, newer)
    assert {r[COL["Source file"]] for r in rows_of(result, "SCT")} == {"SCT again.xlsx"}
    assert answer(result, "SCT", "Case A", "voice_grade")[COL["Answer"]] == "Inadequate"
    assert ("SCT first.xlsx", ret.DUPLICATE_AGENCY.code) in codes(result)
    clash = next(p for p in result.report.problems if p.code == ret.DUPLICATE_AGENCY.code)
    assert "SCT again.xlsx" in clash.message
    history = result.sheet(layout.HISTORY_SHEET).records()
    assert [(h["Agency"], h["File"], h["SHA-256"], h["Replaced by SHA-256"]) for h in history] == [
        ("SCT", "SCT first.xlsx", older.sha256, newer.sha256)
    ]


def test_duplicate_files_with_the_same_time_are_decided_by_name_every_time():
    a = return_file("SCT", full_answers("SCT", grade="Good"), name="a.xlsx")
    b = return_file("SCT", full_answers("SCT", grade="Inadequate"), name="b.xlsx")
    assert submission(run(a, b), "SCT").file == submission(run(b, a), "SCT").file == "b.xlsx"


def test_a_corrected_return_replaces_the_earlier_answers_and_the_earlier_version_goes_to_history():
    first = return_file("CAMHS", full_answers("CAMHS", grade="Good"), version="1")
    corrected = return_file("CAMHS", full_answers("CAMHS", grade="Outstanding"), version="2", modified=ON_TIME + timedelta(hours=1))
    before = run(first)
    after = run(corrected, previous=state_after(before), now=NOW + timedelta(days=1))
    assert answer(after, "CAMHS", "Case A", "voice_grade")[COL["Answer"]] == "Outstanding"
    assert len(rows_of(after, "CAMHS")) == len(rows_of(before, "CAMHS"))
    assert after.replaced == ["CAMHS"]
    assert after.sheet(layout.HISTORY_SHEET).rows == [
        (NOW + timedelta(days=1), "CAMHS", first.file_name, first.sha256, len(rows_of(before, "CAMHS")), corrected.sha256)
    ]
    again = run(corrected, previous=state_after(after), now=NOW + timedelta(days=2))
    assert data_of(again) == data_of(after)  # History is not added to twice


def test_merging_the_same_returns_again_changes_no_data_and_adds_one_log_row():
    returns = [return_file("SCT", full_answers("SCT")), return_file("CAMHS", full_answers("CAMHS"), modified=LATE)]
    first = run(*returns)
    second = run(*returns, previous=state_after(first), now=NOW + timedelta(hours=3))
    assert data_of(second) == data_of(first)
    log = second.sheet(layout.MERGE_LOG_SHEET).rows
    assert [row[0] for row in log] == [NOW, NOW + timedelta(hours=3)]
    assert submission(second, "SCT").received == ON_TIME  # when the file says, not when a merge saw it
    assert submission(second, "SCT").received_from == "file's modified time"


def test_an_agency_merged_before_whose_file_is_gone_keeps_its_answers_and_is_told():
    sct, camhs = return_file("SCT", full_answers("SCT")), return_file("CAMHS", full_answers("CAMHS"))
    first = run(sct, camhs)
    second = run(sct, previous=state_after(first))
    assert rows_of(second, "CAMHS") == rows_of(first, "CAMHS")
    assert submission(second, "CAMHS").row() == submission(first, "CAMHS").row()
    assert second.kept == ["CAMHS"] and second.kept_rows == len(rows_of(first, "CAMHS"))
    assert ("CAMHS return.xlsx", ret.PREVIOUS_ANSWERS_KEPT.code) in codes(second)
    assert "Earlier answers kept (no usable file now): CAMHS." in second.summary()


def test_a_rejected_correction_keeps_the_earlier_answers_and_shows_the_rejected_file():
    good = return_file("SCT", full_answers("SCT"))
    first = run(good)
    broken = return_file("SCT", {}, name="SCT fixed.xlsx", problems=[ret.CORRUPT_WORKBOOK(Location("SCT fixed.xlsx"), why="damaged zip")])
    second = run(broken, previous=state_after(first))
    assert rows_of(second, "SCT") == rows_of(first, "SCT")
    statuses = [(s.agency, s.status, s.file) for s in second.submissions if s.agency == "SCT"]
    assert statuses == [("SCT", "received", good.file_name), ("SCT", "rejected", "SCT fixed.xlsx")]
    kept = next(p for p in second.report.problems if p.code == ret.PREVIOUS_ANSWERS_KEPT.code)
    assert "'SCT fixed.xlsx' was rejected" in kept.message


# -- status: late, missing, rejected ---------------------------------------------------------------


def test_late_means_modified_after_the_end_of_the_deadline_day():
    just_in_time = datetime(2026, 3, 31, 22, 59, 59)  # UTC: 23:59:59 in the UK (British Summer Time)
    result = run(return_file("SCT", full_answers("SCT"), modified=just_in_time), return_file("WMP", full_answers("WMP"), modified=LATE))
    assert submission(result, "SCT").status == "received"
    assert submission(result, "WMP").status == "late"
    assert codes(result).count(("WMP return.xlsx", ret.LATE_RETURN.code)) == 1
    assert ("SCT return.xlsx", ret.LATE_RETURN.code) not in codes(result)
    assert "Late: WMP." in result.summary()


def test_the_deadline_day_ends_at_midnight_in_the_uk_not_in_utc():
    # 31 March 2026 is in British Summer Time: 23:30 UTC is already 00:30 on 1 April in the UK
    result = run(return_file("SCT", full_answers("SCT"), modified=datetime(2026, 3, 31, 23, 30)))
    assert submission(result, "SCT").status == "late"
    late = next(p for p in result.report.problems if p.code == ret.LATE_RETURN.code)
    assert "received on 01/04/2026 00:30 UK time (file's modified time), after the deadline of 31/03/2026" in late.message


def test_a_missing_agency_is_listed_and_reported():
    result = run(return_file("SCT", full_answers("SCT")))
    assert [(s.agency, s.status) for s in result.submissions] == [("SCT", "received"), ("CAMHS", "missing"), ("WMP", "missing")]
    assert [p.context["agency"] for p in result.report.problems if p.code == ret.MISSING_RETURN.code] == ["CAMHS", "WMP"]
    assert "Merged returns from 1 of 3 agencies" in result.summary()
    assert "Missing: CAMHS, WMP." in result.summary()


def test_rejected_files_contribute_no_answers_and_say_why():
    not_ours = return_file("WMP", full_answers("WMP"), name="minutes.docx",
                           problems=[ret.NOT_A_WORKBOOK(Location("minutes.docx"), why="it is a Word document")])
    stranger = return_file("XYZ", {}, name="xyz.xlsx",
                           problems=[ret.UNKNOWN_AGENCY(Location("xyz.xlsx", layout.META_SHEET), agency="XYZ", known="SCT, CAMHS, WMP")])
    result = run(not_ours, stranger)
    assert result.sheet(layout.RESPONSES_SHEET).rows == []
    wmp = submission(result, "WMP")
    assert (wmp.status, wmp.file, wmp.answers) == ("rejected", "minutes.docx", 0)
    assert wmp.reasons == [not_ours.problems[0].message]
    xyz = submission(result, "XYZ")
    assert (xyz.status, xyz.agency_name) == ("rejected", "")
    last = result.sheet(layout.SUBMISSIONS_SHEET).records()[-1]
    assert (last["Agency"], last["Agency name"], last["Status"], last["File"]) == ("XYZ", None, "rejected", "xyz.xlsx")
    assert "Rejected 2 files: minutes.docx (this file is not a spreadsheet (it is a Word document))" in result.summary()


# -- answers: canonical values, nothing dropped, reconciliation ------------------------------------


def test_answers_are_stored_in_the_lists_spelling_as_numbers_and_as_dates():
    answers = {("Case A", "gender"): "  female ", ("Case A", "voice_grade"): "requires  IMPROVEMENT",
               ("Case A", "years_known"): 6.0, ("Case A", "assessed"): datetime(2026, 1, 15), ("Case A", "self_harm"): True}
    result = run(return_file("CAMHS", answers))
    got = {r[COL["Question ID"]]: (r[COL["Answer"]], r[COL["Score"]]) for r in rows_of(result, "CAMHS")}
    assert got == {
        "gender": ("Female", None), "voice_grade": ("Requires improvement", 2), "years_known": (6, None),
        "assessed": (date(2026, 1, 15), None), "self_harm": ("Yes", None),
    }
    assert result.report.problems == [p for p in result.report.problems if p.code == ret.MISSING_RETURN.code]


def test_an_answer_outside_its_list_is_kept_as_typed_and_listed_once():
    answers = {("Case A", "voice_grade"): "Excellent", ("Case A", "gender"): "Femal"}
    already = ret.ANSWER_NOT_IN_LIST(Location("CAMHS return.xlsx", "Case A", "C6"), value="Femal")  # the checks found this one
    result = run(return_file("CAMHS", answers, problems=[already]))
    assert answer(result, "CAMHS", "Case A", "voice_grade")[COL["Answer"]] == "Excellent"
    assert answer(result, "CAMHS", "Case A", "voice_grade")[COL["Score"]] is None
    assert answer(result, "CAMHS", "Case A", "gender")[COL["Answer"]] == "Femal"
    issues = [(r[0], r[1], r[2], r[3]) for r in result.sheet(layout.ISSUES_SHEET).rows if r[3] == ret.ANSWER_NOT_IN_LIST.code]
    assert sorted(issues) == [("CAMHS return.xlsx", "Case A", "C5", "RET_016"), ("CAMHS return.xlsx", "Case A", "C6", "RET_016")]


def test_answered_cells_read_equal_rows_in_responses_and_blanks_are_not_rows():
    answers = full_answers("SCT") | {("Case A", "voice_notes"): "   ", ("Case B", "years_known"): None}
    sct = return_file("SCT", answers)
    result = run(sct)
    assert len(sct.answers) == 13 and len(sct.answered) == 11
    assert result.answers_read == result.response_rows == len(result.sheet(layout.RESPONSES_SHEET).rows) == 11
    assert result.reconciled
    assert "11 answered cells read = 11 rows in Responses." in result.summary()
    assert result.sheet(layout.MERGE_LOG_SHEET).rows[-1][4:6] == (11, 11)


def test_answers_to_questions_not_in_the_audit_are_counted_as_not_merged():
    result = run(return_file("SCT", {("Case A", "gender"): "Male", ("Case A", "removed_question"): "x", ("Case Z", "gender"): "Male"}))
    assert (result.answers_read, result.response_rows, result.not_merged) == (3, 1, 2)
    assert result.reconciled
    assert "+ 2 not merged" in result.summary()


def test_a_file_whose_application_is_not_recorded_says_so_on_submissions():
    # Google Sheets and Numbers write no docProps/app.xml (see test_reader)
    nameless = return_file("SCT", {("Case A", "voice_notes"): "x"})
    nameless.application = ""
    submission = next(s for s in run(nameless).submissions if s.agency == "SCT")
    assert submission.saved_by == "not recorded"


def test_formula_like_text_stays_text_in_the_responses():
    texts = ['=HYPERLINK("http://x","click")', "+1", "-2", "@SUM(A1)"]
    answers = {("Case A", "voice_notes"): texts[0], (None, "role"): texts[1]}
    comments = {("Case A", "voice_notes"): texts[2], (None, "role"): texts[3]}
    result = run(return_file("SCT", answers, comments=comments))
    stored = {(r[COL["Answer"]], r[COL["Comment"]]) for r in rows_of(result, "SCT")}
    assert stored == {(texts[0], texts[2]), (texts[1], texts[3])}


def test_text_a_cell_cannot_hold_is_cut_or_cleaned_with_a_located_problem():
    long_text = "x" * 40_000
    result = run(return_file("SCT", {("Case A", "voice_notes"): long_text, (None, "role"): "lead\x07"}))
    assert answer(result, "SCT", "Case A", "voice_notes")[COL["Answer"]] == "x" * 32_766 + "\u2026"  # the cut is shown
    assert answer(result, "SCT", None, "role")[COL["Answer"]] == "lead"
    found = {(p.location.sheet, p.location.cell, p.code) for p in result.report.problems}
    assert ("Case A", "C5", ret.TEXT_TOO_LONG.code) in found
    assert (layout.AGENCY_SHEET, "C5", ret.ILLEGAL_CHARACTERS.code) in found


# -- grades and case profiles -------------------------------------------------------------------------


def test_grades_are_coloured_like_the_grade_scale_and_invalid_grades_are_not():
    result = run(return_file("SCT", full_answers("SCT", grade="Good")), return_file("CAMHS", {("Case A", "voice_grade"): "Brilliant"}))
    grades = result.sheet(layout.GRADES_SHEET)
    assert grades.headers == layout.GRADES_COLUMNS + ("Case A: SCT", "Case A: CAMHS", "Case A: WMP", "Case B: SCT", "Case B: WMP")
    assert grades.rows == [("The child's voice", "voice_grade", "How well was the voice heard?", "Good", "Brilliant", None, "Good", None)]
    assert grades.fills == {(1, 4): "92D050", (1, 7): "92D050"}


def test_case_profiles_combine_answers_by_the_stated_rule_and_flag_disagreement():
    result = run(
        return_file("SCT", {("Case A", "gender"): "Female", ("Case A", "self_harm"): "No"}),
        return_file("CAMHS", {("Case A", "gender"): "Female", ("Case A", "self_harm"): "Yes"}),
        return_file("WMP", {("Case A", "gender"): "Male", ("Case A", "self_harm"): "No"}),
    )
    records = result.sheet(layout.CASE_PROFILES_SHEET).records()
    profiles = combined_rows(result)
    gender = profiles[("Case A", "gender")]
    assert (gender["Combined answer"], gender["Rule"], gender["Agreed"]) == ("Female", RULE_MOST_COMMON, "No")
    # each agency's answer on a row of its own, under the combined row
    assert [(r["Agency"], r["Agency's answer"]) for r in records if (r["Case"], r["Question ID"]) == ("Case A", "gender") and r["Agency"]] == [
        ("SCT", "Female"), ("CAMHS", "Female"), ("WMP", "Male")]
    harm = profiles[("Case A", "self_harm")]
    assert (harm["Combined answer"], harm["Rule"], harm["Agreed"]) == ("Yes", RULE_YES_IF_ANY, "No")
    nobody = profiles[("Case B", "gender")]
    assert (nobody["Combined answer"], nobody["Agreed"]) == (None, None)
    assert not [r for r in records if (r["Case"], r["Question ID"]) == ("Case B", "gender") and r["Agency"]]


def test_case_profile_agreement_and_ties():
    result = run(
        return_file("SCT", {("Case A", "gender"): "Female", ("Case A", "years_known"): 3}),
        return_file("WMP", {("Case A", "gender"): "Male", ("Case A", "years_known"): 3.0}),
    )
    profiles = combined_rows(result)
    # a tie is never a made-up category such as "Female / Male": no answer wins
    assert (profiles[("Case A", "gender")]["Combined answer"], profiles[("Case A", "gender")]["Agreed"]) == (layout.RECORDED_DIFFERENTLY, "No")
    assert (profiles[("Case A", "years_known")]["Combined answer"], profiles[("Case A", "years_known")]["Agreed"]) == (3, "Yes")
    differ = [p for p in result.report.problems if p.code == PROFILE_RECORDS_DIFFER.code]
    assert [(p.location.sheet, p.context["case"], p.context["answers"]) for p in differ] == [
        (layout.CASE_PROFILES_SHEET, "Case A", "SCT: Female; WMP: Male")]
    assert "states the case as recorded differently" in differ[0].message
    issues = result.sheet(layout.ISSUES_SHEET).records()
    assert [r["Code"] for r in issues].count(PROFILE_RECORDS_DIFFER.code) == 1  # listed once on the Issues sheet


def test_a_not_known_answer_does_not_tie_with_a_known_one():
    result = run(
        return_file("SCT", {("Case A", "gender"): "Female"}),
        return_file("WMP", {("Case A", "gender"): "Not known"}),
    )
    profiles = combined_rows(result)
    assert (profiles[("Case A", "gender")]["Combined answer"], profiles[("Case A", "gender")]["Agreed"]) == ("Female", "Yes")


def test_every_derived_sheet_is_made_in_the_layouts_order():
    result = run(return_file("SCT", full_answers("SCT")))
    assert [s.name for s in result.sheets] == list(layout.DERIVED_SHEETS)
    assert result.sheet(layout.RESPONSES_SHEET).excel_table == layout.RESPONSES_TABLE
    assert all(len(row) == len(s.headers) for s in result.sheets for row in s.rows)


@pytest.mark.parametrize("moment", [datetime(2026, 4, 2, 12, 0, 1, 700_000), datetime(2026, 4, 2, 13, 0, 1, tzinfo=timezone(timedelta(hours=1)))])
def test_merge_times_are_whole_utc_seconds_so_they_read_back_equal(moment):
    assert run(now=moment).merged_at == datetime(2026, 4, 2, 12, 0, 1)


def test_an_identical_copy_of_a_return_is_reported_but_adds_no_history():
    original = return_file("SCT", full_answers("SCT"), name="SCT.xlsx")
    copy = return_file("SCT", full_answers("SCT"), name="SCT (1).xlsx", modified=ON_TIME - timedelta(minutes=5))
    result = run(original, copy)
    assert ("SCT (1).xlsx", ret.DUPLICATE_AGENCY.code) in codes(result)
    assert result.sheet(layout.HISTORY_SHEET).rows == []
    assert len(rows_of(result, "SCT")) == len(original.answered)


def test_a_file_naming_no_known_agency_is_rejected_even_without_a_refusing_problem():
    result = run(return_file("XYZ", {("Case A", "gender"): "Male"}, name="xyz.xlsx"))
    xyz = submission(result, "XYZ")
    assert (xyz.status, xyz.reasons) == ("rejected", ["the file does not say which agency of this audit sent it"])
    assert result.sheet(layout.RESPONSES_SHEET).rows == []


def test_a_text_problem_the_checks_already_reported_is_not_listed_twice():
    where = Location("SCT return.xlsx", "Case A", "C5")
    already = ret.TEXT_TOO_LONG(where, what="answer to question voice_notes", length=40_000)
    result = run(return_file("SCT", {("Case A", "voice_notes"): "x" * 40_000}, problems=[already]))
    assert [p for p in result.report.problems if p.code == ret.TEXT_TOO_LONG.code] == [already]
    assert len(answer(result, "SCT", "Case A", "voice_notes")[COL["Answer"]]) == 32_767
