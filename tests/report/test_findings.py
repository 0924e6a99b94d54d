"""Grade counts by case and by agency per key line of enquiry; Not applicable and refused answers are not grades."""

from ehwb_excel.audit.enquiry import lines_of_enquiry
from ehwb_excel.report.findings import findings, summary_table
from ehwb_excel.report.report_input import Response
from tests.report_helpers import GRADES, sample_input, small_audit

SCALE = GRADES[:4]


def test_lines_of_enquiry_are_the_graded_sections_not_the_profile():
    assert [s.id for s in lines_of_enquiry(small_audit())] == ["voice", "pathways"]


def test_grades_are_counted_by_case_and_by_agency():
    data = sample_input()
    voice = findings(data.audit, data.responses)[0]
    assert voice.by_case.header() == ["Case", *SCALE, "Total", "Not applicable"]
    assert voice.by_case.body() == [
        ["Case A", "0", "2", "1", "0", "3", "0"],
        ["Case B", "0", "0", "0", "0", "0", "0"],  # every case has a row, even without grades
        ["Case C", "0", "1", "0", "1", "2", "0"],  # "good" typed in lower case counts as Good
        ["Total", "0", "3", "1", "1", "5", "0"],
    ]
    assert voice.by_agency.body() == [
        ["SCT", "0", "1", "0", "1", "2", "0"],
        ["CAMHS", "0", "1", "1", "0", "2", "0"],
        ["WMP", "0", "1", "0", "0", "1", "0"],
        ["Total", "0", "3", "1", "1", "5", "0"],
    ]
    assert voice.distribution == (("Outstanding", 0), ("Good", 3), ("Requires improvement", 1), ("Inadequate", 1))
    assert voice.grades_given == 5


def test_not_applicable_is_counted_on_its_own_and_left_out_of_every_total():
    responses = [Response("Case A", "SCT", "voice", "voice_grade", "Good"),
                 Response("Case B", "SCT", "voice", "voice_grade", "not applicable"),
                 Response("Case C", "SCT", "voice", "voice_grade", "Not applicable")]
    voice = findings(small_audit(), responses)[0]
    assert voice.grades_given == 1
    assert voice.not_counted == (("Not applicable", 2),)
    assert voice.by_agency.body()[0] == ["SCT", "0", "1", "0", "0", "1", "2"]
    assert summary_table([voice]).body()[-1] == ["Total", "0", "1", "0", "0", "1", "2"]


def test_an_answer_outside_the_grade_list_is_refused_and_remembered():
    responses = [Response("Case A", "WMP", "voice", "voice_grade", "Very good"), Response("Case A", "SCT", "voice", "voice_grade", "Good")]
    voice = findings(small_audit(), responses)[0]
    assert voice.grades_given == 1
    assert [(r.agency, r.case, r.answer) for r in voice.refused] == [("WMP", "Case A", "Very good")]


def test_yes_no_answers_are_counted_in_list_order():
    data = sample_input()
    voice = findings(data.audit, data.responses)[0]
    assert [(a.question, a.counts) for a in voice.answers] == [("Was the child seen alone?", (("Yes", 1), ("No", 1)))]


def test_no_responses_give_zero_tables():
    pathways = findings(small_audit(), [])[1]
    assert pathways.grades_given == 0
    assert pathways.by_agency.rows == ()
    assert pathways.by_case.body()[-1] == ["Total", "0", "0", "0", "0", "0", "0"]
    assert pathways.answers == () and pathways.refused == ()
