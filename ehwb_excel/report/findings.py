"""What the returns say about each key line of enquiry: grade counts, strengths and areas for development."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ehwb_excel.audit.model import Audit, Question, QuestionType, Section
from ehwb_excel.report.values import Response

TOTAL = "Total"


@dataclass(frozen=True)
class GradeTable:
    """Grade counts, one row per case or per agency, a column per grade and a total."""

    row_heading: str  # "Case" or "Agency"
    grades: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]

    def header(self) -> list[str]:
        return [self.row_heading, *self.grades, TOTAL]

    def body(self) -> list[list[str]]:
        """Rows as printed, ending with the totals row."""
        lines = [[label, *map(str, counts), str(sum(counts))] for label, counts in self.rows]
        totals = [sum(counts[i] for _, counts in self.rows) for i in range(len(self.grades))]
        return [*lines, [TOTAL, *map(str, totals), str(sum(totals))]]


@dataclass(frozen=True)
class Quote:
    """Words from a return, attributed to the agency (never to a person)."""

    agency: str
    case: str
    text: str

    @property
    def attribution(self) -> str:
        return f"{self.agency}, {self.case}" if self.case else self.agency


@dataclass(frozen=True)
class AnswerCount:
    """How agencies answered a yes/no or choice question in a line of enquiry."""

    question: str
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class LineFinding:
    section: Section
    by_case: GradeTable
    by_agency: GradeTable
    distribution: tuple[tuple[str, int], ...]  # every grade in list order, with its count
    strengths: tuple[Quote, ...]
    development: tuple[Quote, ...]
    answers: tuple[AnswerCount, ...]

    @property
    def grades_given(self) -> int:
        return sum(n for _, n in self.distribution)


def lines_of_enquiry(audit: Audit) -> list[Section]:
    """Sections that ask for a grade, in definition order (not the case profile)."""
    return [
        s for s in audit.sections
        if not s.is_profile and any(q.type is QuestionType.GRADE for q in audit.questions_in(s.id))
    ]


def is_strengths(question: Question) -> bool:
    return question.type is QuestionType.TEXT and ("strength" in question.text.casefold() or question.id.endswith("_strengths"))


def is_development(question: Question) -> bool:
    words = question.text.casefold()
    return question.type is QuestionType.TEXT and (
        "development" in words or "improve" in words or question.id.endswith("_development")
    )


def findings(audit: Audit, responses: Iterable[Response]) -> list[LineFinding]:
    """One finding per key line of enquiry, from the merged responses."""
    responses = list(responses)
    return [_finding(audit, section, [r for r in responses if r.section == section.id]) for section in lines_of_enquiry(audit)]


def _finding(audit: Audit, section: Section, responses: list[Response]) -> LineFinding:
    questions = audit.questions_in(section.id)
    grade_questions = [q for q in questions if q.type is QuestionType.GRADE]
    grades = _grade_values(audit, grade_questions)
    graded = [(r, _canonical(audit, grade_questions, r)) for r in responses if r.question_id in {q.id for q in grade_questions}]
    graded = [(r, g) for r, g in graded if g]
    by_case = [(c.reference, [g for r, g in graded if r.case == c.reference]) for c in audit.cases]
    agencies = [a.code for a in audit.agencies if any(r.agency == a.code for r, _ in graded)]
    by_agency = [(code, [g for r, g in graded if r.agency == code]) for code in agencies]
    overall = Counter(g for _, g in graded)
    return LineFinding(
        section=section,
        by_case=_table("Case", grades, by_case),
        by_agency=_table("Agency", grades, by_agency),
        distribution=tuple((g, overall.get(g, 0)) for g in grades),
        strengths=_quotes(audit, [q for q in questions if is_strengths(q)], responses),
        development=_quotes(audit, [q for q in questions if is_development(q)], responses),
        answers=_answer_counts(audit, [q for q in questions if q.type in (QuestionType.YES_NO, QuestionType.CHOICE)], responses),
    )


def _grade_values(audit: Audit, questions: Sequence[Question]) -> tuple[str, ...]:
    values: list[str] = []
    for question in questions:
        choices = audit.choices_for(question)
        values.extend(v for v in (choices.values if choices else ()) if v not in values)
    return tuple(values)


def _canonical(audit: Audit, questions: Sequence[Question], response: Response) -> str | None:
    question = next(q for q in questions if q.id == response.question_id)
    choices = audit.choices_for(question)
    choice = choices.find(response.answer) if choices and response.answer else None
    return choice.value if choice else None


def _table(heading: str, grades: tuple[str, ...], groups: list[tuple[str, list[str]]]) -> GradeTable:
    rows = tuple((label, tuple(given.count(g) for g in grades)) for label, given in groups)
    return GradeTable(heading, grades, rows)


def _case_order(audit: Audit) -> dict[str, int]:
    return {c.reference: i for i, c in enumerate(audit.cases)}


def _quotes(audit: Audit, questions: Sequence[Question], responses: list[Response]) -> tuple[Quote, ...]:
    """Non-blank answers, by case then agency in definition order."""
    ids = {q.id for q in questions}
    cases, agencies = _case_order(audit), {a.code: i for i, a in enumerate(audit.agencies)}
    found = [r for r in responses if r.question_id in ids and r.answer.strip()]
    found.sort(key=lambda r: (cases.get(r.case, len(cases)), agencies.get(r.agency, len(agencies))))
    return tuple(Quote(r.agency, r.case, r.answer.strip()) for r in found)


def _answer_counts(audit: Audit, questions: Sequence[Question], responses: list[Response]) -> tuple[AnswerCount, ...]:
    counted = []
    for question in questions:
        given = [r.answer for r in responses if r.question_id == question.id and r.answer.strip()]
        if not given:
            continue
        choices = audit.choices_for(question)
        values = list(choices.values) if choices else []
        canonical = [(choices.find(a).value if choices and choices.find(a) else a) for a in given]
        values += sorted(set(canonical) - set(values))
        counted.append(AnswerCount(question.text, tuple((v, canonical.count(v)) for v in values if canonical.count(v))))
    return tuple(counted)
