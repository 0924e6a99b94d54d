"""What the returns say about each key line of enquiry: grades counted, answers not counted, yes/no answers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ehwb_excel.audit.enquiry import grade_scale, lines_of_enquiry, not_grades
from ehwb_excel.audit.model import Audit, Question, QuestionType, Section
from ehwb_excel.report.values import Response

TOTAL = "Total"


@dataclass(frozen=True)
class GradeTable:
    """Grade counts, one row per case or per agency: a column per grade, the total, then answers that are not grades."""

    row_heading: str  # "Case", "Agency" or "Line of enquiry"
    grades: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # counts per grade, then per answer that is not a grade
    not_grades: tuple[str, ...] = ()

    def header(self) -> list[str]:
        return [self.row_heading, *self.grades, TOTAL, *self.not_grades]

    def body(self) -> list[list[str]]:
        """Rows as printed, ending with the totals row; the Total counts grades only."""
        width = len(self.grades)
        lines = [[label, *map(str, counts[:width]), str(sum(counts[:width])), *map(str, counts[width:])]
                 for label, counts in self.rows]
        columns = [sum(counts[i] for _, counts in self.rows) for i in range(width + len(self.not_grades))]
        return [*lines, [TOTAL, *map(str, columns[:width]), str(sum(columns[:width])), *map(str, columns[width:])]]


@dataclass(frozen=True)
class AnswerCount:
    """How agencies answered a yes/no or choice question in a line of enquiry."""

    question: str
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Refused:
    """A grade answer that is not on the grade scale (a pasted "Very good"): not counted."""

    agency: str
    case: str
    answer: str


@dataclass(frozen=True)
class LineFinding:
    section: Section
    by_case: GradeTable
    by_agency: GradeTable
    distribution: tuple[tuple[str, int], ...]  # every grade on the scale, best first, with its count
    not_counted: tuple[tuple[str, int], ...]  # answers that are not grades ("Not applicable"), with their counts
    refused: tuple[Refused, ...]
    answers: tuple[AnswerCount, ...]

    @property
    def grades_given(self) -> int:
        return sum(n for _, n in self.distribution)


def findings(audit: Audit, responses: Iterable[Response]) -> list[LineFinding]:
    """One finding per key line of enquiry, from the merged responses."""
    responses = list(responses)
    return [_finding(audit, section, [r for r in responses if r.section == section.id]) for section in lines_of_enquiry(audit)]


def _finding(audit: Audit, section: Section, responses: list[Response]) -> LineFinding:
    questions = audit.questions_in(section.id)
    grade_questions = [q for q in questions if q.type is QuestionType.GRADE]
    grades, others = grade_scale(audit, grade_questions), not_grades(audit, grade_questions)
    if not grades + others:
        return _empty(section)
    ids = {q.id for q in grade_questions}
    answered = [r for r in responses if r.question_id in ids and r.answer.strip()]
    given = [(r, _canonical(audit, grade_questions, r)) for r in answered]
    counted = [(r, g) for r, g in given if g]
    by_case = [(c.reference, [g for r, g in counted if r.case == c.reference]) for c in audit.cases]
    agencies = [a.code for a in audit.agencies if any(r.agency == a.code for r, _ in counted)]
    by_agency = [(code, [g for r, g in counted if r.agency == code]) for code in agencies]
    overall = Counter(g for _, g in counted)
    return LineFinding(
        section=section,
        by_case=_table("Case", grades, others, by_case),
        by_agency=_table("Agency", grades, others, by_agency),
        distribution=tuple((g, overall.get(g, 0)) for g in grades),
        not_counted=tuple((v, overall[v]) for v in others if overall.get(v)),
        refused=tuple(Refused(r.agency, r.case, r.answer) for r, g in given if g is None),
        answers=_answer_counts(audit, [q for q in questions if q.type in (QuestionType.YES_NO, QuestionType.CHOICE)], responses),
    )


def _empty(section: Section) -> LineFinding:
    none = GradeTable("Case", (), ())
    return LineFinding(section, none, GradeTable("Agency", (), ()), (), (), (), ())


def _canonical(audit: Audit, questions: Sequence[Question], response: Response) -> str | None:
    question = next(q for q in questions if q.id == response.question_id)
    choices = audit.choices_for(question)
    choice = choices.find(response.answer) if choices and response.answer else None
    return choice.value if choice else None


def _table(heading: str, grades: tuple[str, ...], others: tuple[str, ...], groups: list[tuple[str, list[str]]]) -> GradeTable:
    rows = tuple((label, tuple(given.count(g) for g in grades + others)) for label, given in groups)
    return GradeTable(heading, grades, rows, others)


def _answer_counts(audit: Audit, questions: Sequence[Question], responses: list[Response]) -> tuple[AnswerCount, ...]:
    counted = []
    for question in questions:
        given = [r.answer for r in responses if r.question_id == question.id and r.answer.strip()]
        if not given:
            continue
        choices = audit.choices_for(question)
        values = list(choices.values) if choices else []
        canonical = [_listed(choices, a) for a in given]
        values += sorted(set(canonical) - set(values))
        counted.append(AnswerCount(question.label, tuple((v, canonical.count(v)) for v in values if canonical.count(v))))
    return tuple(counted)


def summary_table(lines: Sequence[LineFinding]) -> GradeTable:
    """Every line of enquiry against the grade scale: one row each, grades then answers not counted."""
    grades = next((f.by_case.grades for f in lines if f.by_case.grades), ())
    others = next((f.by_case.not_grades for f in lines if f.by_case.grades), ())
    rows = []
    for finding in lines:
        counts = dict(finding.distribution) | dict(finding.not_counted)
        rows.append((finding.section.title, tuple(counts.get(v, 0) for v in grades + others)))
    return GradeTable("Line of enquiry", grades, tuple(rows), others)


def _listed(choices, answer: str) -> str:
    """The list's own spelling of `answer` ("good" typed over the master reads Good); else the answer as it is."""
    choice = choices.find(answer) if choices else None
    return choice.value if choice else answer
