"""A small audit with every kind of question, for tests that do not need the full default audit."""

from __future__ import annotations

from datetime import date

from ehwb_excel.audit.model import (
    Agency, AskedPer, Audit, Case, Choice, ChoiceList, Condition, Question, QuestionType, Section, Settings,
)

GRADES = ChoiceList(
    "grade",
    (
        Choice("Outstanding", 4, "00B050"),
        Choice("Good", 3, "92D050"),
        Choice("Requires improvement", 2, "FFC000"),
        Choice("Inadequate", 1, "FF0000"),
        Choice("Not applicable"),
    ),
)
YES_NO = ChoiceList("yes_no", (Choice("Yes"), Choice("No"), Choice("Not known")))
GENDER = ChoiceList("gender", (Choice("Female"), Choice("Male"), Choice("Other / not stated")))


def small_audit(*, marking: str = "OFFICIAL-SENSITIVE", with_agency_questions: bool = True) -> Audit:
    """Three agencies, two cases, a profile section and two lines of enquiry."""
    questions = [
        Question("gender", "profile", "Gender of the child", QuestionType.CHOICE, "gender", guidance="As recorded by your agency."),
        Question("months_known", "profile", "How many months has your agency known the child?", QuestionType.NUMBER),
        Question("first_contact", "profile", "Date of first contact", QuestionType.DATE, required=False),
        Question("self_harm", "profile", "Any self-harm?", QuestionType.YES_NO, "yes_no"),
        Question(
            "self_harm_detail", "profile", "What was the response to the self-harm?", QuestionType.TEXT,
            condition=Condition("self_harm", "Yes"), guidance="Only if self-harm is Yes.",
        ),
        Question("voice", "voice", "=Was the child's voice heard?", QuestionType.GRADE, "grade", guidance="x" * 400),
        Question("voice_notes", "voice", "How was the voice recorded?", QuestionType.TEXT, required=False),
        Question("trauma", "trauma", "Was practice trauma-informed?", QuestionType.GRADE, "grade"),
    ]
    if with_agency_questions:
        questions.append(
            Question("training", "trauma", "Have your staff had trauma training?", QuestionType.YES_NO, "yes_no", asked_per=AskedPer.AGENCY)
        )
    return Audit(
        settings=Settings(
            audit_id="EHWB-2026-Q1",
            theme="Emotional Health and Wellbeing",
            partnership="Example Safeguarding Children Partnership",
            period="January to March 2026",
            deadline=date(2026, 3, 31),
            coordinator="Audit Coordinator",
            coordinator_email="audit@example.org",
            coordinator_phone="0100 000 0000",
            protective_marking=marking,
        ),
        agencies=(
            Agency("SCT", "Sandwell Children's Trust"),
            Agency("CAMHS", "Child and Adolescent Mental Health Services"),
            Agency("Inclusion Support", "Inclusion Support"),
        ),
        cases=(Case("Case A", ("SCT", "CAMHS")), Case("Case B", ("SCT", "Inclusion Support"))),
        sections=(
            Section("voice", "The child's voice"),
            Section("profile", "Case profile", is_profile=True),
            Section("trauma", "Trauma-informed practice"),
        ),
        questions=tuple(questions),
        choice_lists=(GRADES, YES_NO, GENDER),
    )
