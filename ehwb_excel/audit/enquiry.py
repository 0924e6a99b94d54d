"""Key lines of enquiry: which sections are graded, what counts as a grade, and which answers are quotes."""

from __future__ import annotations

from ehwb_excel.audit.model import Audit, Choice, Question, QuestionType, Section

STRENGTH = "Strength"
DEVELOPMENT = "Area for development"
QUOTE_KINDS = (STRENGTH, DEVELOPMENT)


def lines_of_enquiry(audit: Audit) -> list[Section]:
    """Sections that ask for a grade, in definition order (not the case profile)."""
    return [
        s for s in audit.sections
        if not s.is_profile and any(q.type is QuestionType.GRADE for q in audit.questions_in(s.id))
    ]


def grade_scale(audit: Audit, questions: list[Question] | tuple[Question, ...] | None = None) -> tuple[str, ...]:
    """The grades, best first: choices of the grade lists that carry a score.

    A choice without a score ("Not applicable") is an answer, not a grade: it is never counted
    in grade totals, captions or charts.
    """
    return tuple(c.value for c in _grade_choices(audit, questions) if c.score is not None)


def not_grades(audit: Audit, questions: list[Question] | tuple[Question, ...] | None = None) -> tuple[str, ...]:
    """The choices of the grade lists that are not grades ("Not applicable")."""
    return tuple(c.value for c in _grade_choices(audit, questions) if c.score is None)


def _grade_choices(audit: Audit, questions) -> list[Choice]:
    if questions is None:
        questions = [q for q in audit.questions if q.type is QuestionType.GRADE]
    found: dict[str, Choice] = {}
    for question in questions:
        choices = audit.choices_for(question)
        for choice in choices.choices if choices else ():
            found.setdefault(choice.value, choice)
    return list(found.values())


def quote_kind(question: Question) -> str | None:
    """STRENGTH or DEVELOPMENT for the free-text questions whose answers the report may quote; None otherwise."""
    if question.type is not QuestionType.TEXT:
        return None
    words = question.text.casefold()
    if "strength" in words or question.id.endswith("_strengths"):
        return STRENGTH
    if "development" in words or "improve" in words or question.id.endswith("_development"):
        return DEVELOPMENT
    return None


NOT_KNOWN_ANSWERS = frozenset({"not known", "unknown", "don't know", "not recorded", "n/a", "prefer not to say", "not stated"})


def is_not_known(answer: object) -> bool:
    """True for a blank answer or one that says the agency does not know ("Not known")."""
    return answer is None or " ".join(str(answer).split()).casefold() in NOT_KNOWN_ANSWERS | {""}


def same_text(text: str) -> str:
    """What makes two quotes the same quote: their words, ignoring case, spacing and a final full stop."""
    return " ".join(text.split()).casefold().rstrip(".")
