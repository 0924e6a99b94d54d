"""What every check needs to know about one return, worked out once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from ehwb_excel.returns.answer_values import CanonicalValue, canonical_of
from ehwb_excel.audit.model import Agency, AskedPer, Audit, Condition, Question
from ehwb_excel.problems.location import Location
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.returned import Answer, ReturnFile


@dataclass
class CheckContext:
    """The audit, the return and look-ups shared by the checks.

    `audit` is None when a file is read without one: only checks that need no audit run.
    """

    audit: Audit | None
    return_file: ReturnFile
    deadline: date | None = None  # the late check runs only when a caller gives the deadline day
    identity_key: bytes | None = field(default=None, repr=False)  # the master's key: the token checks run only with it
    _answers: dict[tuple[str | None, str], Answer] = field(default_factory=dict, init=False, repr=False)
    # worked out on first use, as several checks go through each (the return does not change while it is checked)
    _texts: list[tuple[str, str, Location]] | None = field(default=None, init=False, repr=False)
    _used: list[tuple[Answer, Question]] | None = field(default=None, init=False, repr=False)
    _met: dict[tuple[Condition, str | None], bool | None] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for answer in self.return_file.answers:  # the first row for a question is the one used
            self._answers.setdefault((answer.case, answer.question_id), answer)

    @property
    def known_audit(self) -> Audit:
        """The audit, for a check with NEEDS_AUDIT: such checks run only when there is one."""
        if self.audit is None:
            raise RuntimeError("a check that needs the audit ran without one")
        return self.audit

    @property
    def known_agency(self) -> Agency:
        """The agency, for a check that runs after identification (unknown_agency refuses the file otherwise)."""
        if self.agency is None:
            raise RuntimeError("a check that needs the agency ran on a file from an unknown agency")
        return self.agency

    @property
    def agency(self) -> Agency | None:
        """The audit's agency the return names (codes match ignoring case); None if unknown."""
        code = self.return_file.agency_code
        return self.audit.agency(code) if self.audit and code else None

    def answer(self, case: str | None, question_id: str) -> Answer | None:
        """The row used for a question on a case sheet (case None: the agency sheet)."""
        return self._answers.get((case, question_id))

    def texts(self) -> list[tuple[str, str, Location]]:
        """(what, text, where) for each answer and comment typed as text, named as a message names them."""
        if self._texts is None:
            self._texts = list(self._typed_texts())
        return self._texts

    def _typed_texts(self) -> Iterator[tuple[str, str, Location]]:
        for answer in self.return_file.answers:
            if isinstance(answer.value, str):
                yield f"answer to question {answer.question_id}", answer.value, answer.location
            if isinstance(answer.comment, str):
                yield f"comment on question {answer.question_id}", answer.comment, answer.comment_location or answer.location

    def used_answers(self) -> list[tuple[Answer, Question]]:
        """Each row used for a question of this audit, on a sheet of a case the agency knows."""
        if self._used is None:
            self._used = list(self._used_answers())
        return self._used

    def _used_answers(self) -> Iterator[tuple[Answer, Question]]:
        audit, agency = self.audit, self.agency
        if audit is None or agency is None:
            return
        known = {c.reference for c in audit.cases_for(agency.code)}
        for (case, question_id), answer in self._answers.items():
            question = audit.question(question_id)
            if question is None or (case is not None and case not in known):
                continue
            if (question.asked_per is AskedPer.AGENCY) == (case is None):
                yield answer, question

    def canonical(self, answer: Answer, question: Question) -> CanonicalValue | Problem:
        """The canonical answer, or the Problem why the raw value is not one (worked out once per return)."""
        return canonical_of(self.known_audit, self.return_file, answer, question)

    def condition_answer(self, question: Question, case: str | None) -> CanonicalValue | Problem:
        """The canonical answer to the question `question`'s condition names (same case, then agency)."""
        if question.condition is None:
            return None
        condition_question = self.known_audit.question(question.condition.question_id)
        if condition_question is None:
            return None
        where = None if condition_question.asked_per is AskedPer.AGENCY else case
        answer = self.answer(where, condition_question.id)
        return None if answer is None else self.canonical(answer, condition_question)

    def applies(self, question: Question, case: str | None) -> bool | None:
        """True when the question is asked (no condition, or its condition is met); False when
        the condition's question is answered otherwise; None when that answer is blank or invalid."""
        if question.condition is None:
            return True
        key = (question.condition, case)  # the answer depends on nothing else, and more than one check asks
        if key not in self._met:
            found = self.condition_answer(question, case)
            self._met[key] = None if found is None or isinstance(found, Problem) else str(found).casefold() == question.condition.value.casefold()
        return self._met[key]
