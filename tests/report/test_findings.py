"""Grade counts by case and by agency, and quotes attributed to agencies, per key line of enquiry."""

from ehwb_excel.report.findings import findings, lines_of_enquiry
from ehwb_excel.report.report_input import Response
from tests.report_helpers import GRADES, sample_input, small_audit


def test_lines_of_enquiry_are_the_graded_sections_not_the_profile():
    assert [s.id for s in lines_of_enquiry(small_audit())] == ["voice", "pathways"]


def test_grades_are_counted_by_case_and_by_agency():
    data = sample_input()
    voice = findings(data.audit, data.responses)[0]
    assert voice.by_case.header() == ["Case", *GRADES, "Total"]
    assert voice.by_case.body() == [
        ["Case A", "0", "2", "1", "0", "0", "3"],
        ["Case B", "0", "0", "0", "0", "0", "0"],  # every case has a row, even without grades
        ["Case C", "0", "1", "0", "1", "0", "2"],  # "good" typed in lower case counts as Good
        ["Total", "0", "3", "1", "1", "0", "5"],
    ]
    assert voice.by_agency.body() == [
        ["SCT", "0", "1", "0", "1", "0", "2"],
        ["CAMHS", "0", "1", "1", "0", "0", "2"],
        ["WMP", "0", "1", "0", "0", "0", "1"],
        ["Total", "0", "3", "1", "1", "0", "5"],
    ]
    assert voice.distribution == (("Outstanding", 0), ("Good", 3), ("Requires improvement", 1), ("Inadequate", 1), ("Not applicable", 0))
    assert voice.grades_given == 5


def test_strengths_and_development_are_quoted_with_the_agency_and_case():
    data = sample_input()
    voice = findings(data.audit, data.responses)[0]
    assert [(q.attribution, q.text) for q in voice.strengths] == [("CAMHS, Case A", "The worker saw the young person weekly.")]
    assert [(q.attribution, q.text) for q in voice.development] == [("SCT, Case C", "Wishes and feelings were not recorded.")]


def test_quotes_follow_case_then_agency_order_and_skip_blanks():
    audit = small_audit()
    responses = [
        Response("Case C", "SCT", "pathways", "pathways_strengths", "Third"),
        Response("Case A", "WMP", "pathways", "pathways_strengths", "Second"),
        Response("Case A", "SCT", "pathways", "pathways_strengths", "First"),
        Response("Case B", "SCT", "pathways", "pathways_strengths", "   "),
    ]
    pathways = findings(audit, responses)[1]
    assert [q.text for q in pathways.strengths] == ["First", "Second", "Third"]


def test_yes_no_answers_are_counted_in_list_order():
    data = sample_input()
    voice = findings(data.audit, data.responses)[0]
    assert [(a.question, a.counts) for a in voice.answers] == [("Was the child seen alone?", (("Yes", 1), ("No", 1)))]


def test_no_responses_give_zero_tables_and_no_quotes():
    pathways = findings(small_audit(), [])[1]
    assert pathways.grades_given == 0
    assert pathways.by_agency.rows == ()
    assert pathways.by_case.body()[-1] == ["Total", "0", "0", "0", "0", "0", "0"]
    assert pathways.strengths == () and pathways.development == () and pathways.answers == ()


def test_an_answer_outside_the_grade_list_is_not_counted():
    responses = [Response("Case A", "SCT", "voice", "voice_grade", "Brilliant"), Response("Case A", "SCT", "voice", "voice_grade", "Good")]
    assert findings(small_audit(), responses)[0].grades_given == 1
