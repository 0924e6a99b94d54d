"""The built-in Emotional Health and Wellbeing audit has the shape issue 2 asks for."""

from ehwb_excel.audit.default_audit import PROFILE_QUESTION_IDS, default_audit
from ehwb_excel.audit.model import AskedPer, QuestionType

AGENCY_CODES = ["SCT", "SWBNHS", "CCG", "CAMHS", "Education", "WMP", "Inclusion Support", "RSVP", "Kaleidoscope", "COGs", "MST"]


def test_cases_and_agencies():
    audit = default_audit()
    assert [c.reference for c in audit.cases] == ["Case A", "Case B", "Case C", "Case D"]
    assert [a.code for a in audit.agencies] == AGENCY_CODES
    assert all(a.name and a.name != a.code for a in audit.agencies)


def test_every_agency_knows_a_case_and_every_case_known_agency():
    audit = default_audit()
    for agency in audit.agencies:
        assert audit.cases_for(agency.code), agency.code
    codes = set(AGENCY_CODES)
    for case in audit.cases:
        assert case.agencies and set(case.agencies) <= codes


def test_lines_of_enquiry_and_question_counts():
    audit = default_audit()
    graded = {q.section_id for q in audit.questions if q.type is QuestionType.GRADE}
    assert 8 <= len(graded) <= 12
    assert 30 <= len(audit.questions) <= 60
    assert [s.id for s in audit.sections if s.is_profile] == ["profile"]
    ids = [q.id for q in audit.questions]
    assert len(ids) == len(set(ids))


def test_profile_ids_present_in_the_profile_section():
    audit = default_audit()
    for qid in PROFILE_QUESTION_IDS:
        question = audit.question(qid)
        assert question is not None and question.section_id == "profile", qid
    assert audit.question("ehe_reason").condition.question_id == "ehe"
    assert audit.question("csc_years_known").type is QuestionType.NUMBER
    assert "British Pakistani" in audit.choice_list("ethnicity").values


def test_every_type_and_asked_per_is_used():
    audit = default_audit()
    assert {q.type for q in audit.questions} == set(QuestionType)
    assert {q.asked_per for q in audit.questions} == set(AskedPer)


def test_guidance_fits_an_input_prompt_and_lists_exist():
    audit = default_audit()
    for q in audit.questions:
        assert q.guidance and len(q.guidance) <= 255, q.id
        if q.type.has_list:
            assert audit.choices_for(q) is not None, q.id
        if q.condition:
            target = audit.question(q.condition.question_id)
            assert audit.questions.index(target) < audit.questions.index(q)
            assert q.condition.value in audit.choices_for(target).values


def test_grade_scale_scores_and_colours():
    grade = default_audit().choice_list("grade")
    assert grade.values == ("Outstanding", "Good", "Requires improvement", "Inadequate", "Not applicable")
    assert [c.score for c in grade.choices] == [4, 3, 2, 1, None]
    assert all(len(c.colour) == 6 for c in grade.choices)
