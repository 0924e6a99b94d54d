"""Who owes what, on returns built as plain values: received times and their source, and every state an agency can be in."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from ehwb_excel.audit.model import Agency
from ehwb_excel.excel import layout
from ehwb_excel.merge.previous import MasterState, state_from_records
from ehwb_excel.merge.merge import merge
from ehwb_excel.merge.submission import Submission
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.location import Location
from tests.merge_helpers import LATE, NOW, ON_TIME, full_answers, merge_audit, return_file, state_after

AUDIT = merge_audit()


def run(*returns, previous=None, now=NOW, audit=AUDIT):
    return merge(audit, list(returns), previous or MasterState.empty(audit), now=now)


def submission(result, agency):
    return next(s for s in result.submissions if s.agency == agency)


def codes(result):
    return [(p.location.file, p.code) for p in result.report.problems]


def saved(agency: str, at: datetime | None, *, modified: datetime, **kwargs):
    """A return whose workbook says it was saved `at`, in a file whose time is `modified`."""
    return replace(return_file(agency, full_answers(agency), modified=modified, **kwargs), saved_at=at)


def typed_over(result, agency: str, received) -> MasterState:
    """The master after `result`, with the coordinator's `received` typed in the agency's Received cell."""
    submissions = result.sheet(layout.SUBMISSIONS_SHEET).records()
    for record in submissions:
        if record["Agency"] == agency:
            record["Received"] = received
    return state_from_records(
        result.audit, responses=result.sheet(layout.RESPONSES_SHEET).records(), submissions=submissions,
        history=result.sheet(layout.HISTORY_SHEET).records(), merge_log=result.sheet(layout.MERGE_LOG_SHEET).records(),
    )


# -- when a return was received --------------------------------------------------------------------


def test_the_workbooks_last_save_beats_the_files_time_which_a_copy_resets():
    copied_today = saved("SCT", ON_TIME, modified=LATE)  # saved before the deadline, copied after it
    sct = submission(run(copied_today), "SCT")
    assert (sct.status, sct.received, sct.received_from, sct.late) == ("received", ON_TIME, "workbook's last save", False)


def test_without_a_saved_time_the_files_time_is_used_and_the_sheet_says_so():
    sct = submission(run(saved("SCT", None, modified=LATE)), "SCT")
    assert (sct.status, sct.received, sct.received_from) == ("late", LATE, "file's modified time")


def test_a_received_time_typed_by_the_coordinator_decides_and_is_kept_across_merges():
    sent_late = saved("SCT", LATE, modified=LATE)
    first = run(sent_late)
    assert submission(first, "SCT").status == "late"
    # the email came on 30 March at 16:00 (UK time); the agency saved again after sending it
    second = run(sent_late, previous=typed_over(first, "SCT", datetime(2026, 3, 30, 16, 0)), now=NOW + timedelta(days=1))
    sct = submission(second, "SCT")
    assert (sct.status, sct.received_from, sct.received) == ("received", "typed in Submissions", datetime(2026, 3, 30, 15, 0))
    assert ("SCT return.xlsx", ret.LATE_RETURN.code) not in codes(second)
    as_shown = dict(zip(layout.SUBMISSIONS_COLUMNS, sct.row()))["Received"]
    third = run(sent_late, previous=typed_over(second, "SCT", as_shown), now=NOW + timedelta(days=2))
    assert submission(third, "SCT").row() == sct.row()


def test_a_typed_day_counts_as_that_day_in_the_uk():
    first = run(saved("SCT", LATE, modified=LATE))
    for typed in (date(2026, 3, 31), "31/03/2026", "31/03/2026 23:59"):
        sct = submission(run(saved("SCT", LATE, modified=LATE), previous=typed_over(first, "SCT", typed)), "SCT")
        assert (sct.status, sct.received_from) == ("received", "typed in Submissions"), typed


def test_a_typed_time_belongs_to_its_version_not_to_a_correction():
    first = run(saved("SCT", LATE, modified=LATE))
    corrected = saved("SCT", LATE + timedelta(days=1), modified=LATE, version="2")
    sct = submission(run(corrected, previous=typed_over(first, "SCT", datetime(2026, 3, 30, 16, 0))), "SCT")
    assert (sct.status, sct.received_from) == ("late", "workbook's last save")


def test_the_sheet_shows_uk_times_and_reads_them_back_as_they_were():
    sct = submission(run(saved("SCT", datetime(2026, 3, 30, 8, 15), modified=LATE)), "SCT")
    record = dict(zip(layout.SUBMISSIONS_COLUMNS, sct.row()))
    assert (record["Last saved"], record["Received"]) == (datetime(2026, 3, 30, 9, 15), datetime(2026, 3, 30, 9, 15))  # BST
    back = Submission.from_record(record)
    assert (back.received, back.received_from, back.saved, back.modified) == (sct.received, sct.received_from, sct.saved, sct.modified)


# -- the states -------------------------------------------------------------------------------------


def test_the_workbook_as_sent_is_not_started_and_is_still_owed():
    blank = return_file("CAMHS", {})
    result = run(return_file("SCT", full_answers("SCT")), blank)
    camhs = submission(result, "CAMHS")
    assert (camhs.status, camhs.why, camhs.answers) == ("not started", "no answers yet", 0)
    assert ("CAMHS return.xlsx", ret.RETURN_NOT_STARTED.code) in codes(result)
    assert "Merged returns from 1 of 3 agencies" in result.summary()
    assert "Not started (no answers yet): CAMHS." in result.summary()


def test_a_return_with_required_answers_blank_is_in_progress_with_the_count():
    answers = full_answers("WMP")
    blank = [ret.REQUIRED_MISSING(Location("WMP return.xlsx", "Case A", f"C{row}"), ref="q", question="Q", where="", cell=f"C{row}")
             for row in (5, 6)]
    wmp = submission(run(return_file("WMP", answers, problems=blank, modified=LATE)), "WMP")
    assert (wmp.status, wmp.required_missing, wmp.why) == ("in progress", 2, "2 required answers blank; received after the deadline of 31/03/2026")
    assert wmp.late and wmp.merged


def test_an_older_file_from_the_same_agency_is_superseded():
    older = return_file("SCT", full_answers("SCT", grade="Good"), name="SCT first.xlsx", modified=ON_TIME - timedelta(days=2))
    newer = return_file("SCT", full_answers("SCT", grade="Inadequate"), name="SCT again.xlsx", modified=ON_TIME)
    result = run(older, newer)
    assert [(s.file, s.status) for s in result.submissions if s.agency == "SCT"] == [("SCT again.xlsx", "received"), ("SCT first.xlsx", "superseded")]
    assert "'SCT again.xlsx' from SCT is newer" in submission_of_file(result, "SCT first.xlsx").why
    assert "Superseded by a newer file from the same agency (not merged): SCT first.xlsx." in result.summary()
    assert "Merged returns from 1 of 3 agencies" in result.summary()


def submission_of_file(result, file):
    return next(s for s in result.submissions if s.file == file)


def test_a_blank_workbook_sent_after_answers_keeps_the_earlier_answers():
    first = run(return_file("SCT", full_answers("SCT")))
    second = run(return_file("SCT", {}, name="SCT blank.xlsx"), previous=state_after(first))
    assert second.kept == ["SCT"]
    assert submission(second, "SCT").status == "received"
    kept = next(p for p in second.report.problems if p.code == ret.PREVIOUS_ANSWERS_KEPT.code)
    assert "the newer file 'SCT blank.xlsx' has no answers" in kept.message


def test_an_agency_that_knows_no_case_is_not_chased():
    audit = replace(AUDIT, agencies=AUDIT.agencies + (Agency("COGs", "Counselling"),))
    result = run(return_file("SCT", full_answers("SCT")), audit=audit)
    assert [s.agency for s in result.submissions] == ["SCT", "CAMHS", "WMP"]
    assert "COGs" not in result.summary() and "of 3 agencies" in result.summary()


def test_a_typed_received_time_does_not_change_which_of_two_files_is_merged():
    older = saved("SCT", ON_TIME - timedelta(days=1), modified=LATE, name="SCT first.xlsx", version="1")
    newer = saved("SCT", ON_TIME, modified=LATE, name="SCT again.xlsx", version="2")
    first = run(older, newer)
    second = run(older, newer, previous=typed_over(first, "SCT", datetime(2026, 3, 20, 9, 0)))
    assert [(s.file, s.status) for s in second.submissions if s.agency == "SCT"] == [
        ("SCT again.xlsx", "received"), ("SCT first.xlsx", "superseded"),
    ]


def test_a_master_from_before_the_received_from_column_has_no_typed_times():
    old_row = {"Agency": "SCT", "Status": "received", "File": "SCT return.xlsx", "Modified": ON_TIME, "Received": NOW}
    assert not Submission.from_record(old_row).typed
