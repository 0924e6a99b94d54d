"""Answers of one return as Responses rows: canonical values, scores, and text a cell can hold."""

from __future__ import annotations

from ehwb_excel.excel.cell_text import ILLEGAL_CHARACTERS, storable
from ehwb_excel.returns.answer_values import canonical_of
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.excel.limits import CELL_TEXT_MAX  # openpyxl silently cuts longer text
from ehwb_excel.merge.response_row import ResponseRow
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.model import Audit, Question
from ehwb_excel.problems.problem import Problem, Report
from ehwb_excel.returns.returned import ReturnFile



def response_rows_for(audit: Audit, return_file: ReturnFile, report: Report) -> tuple[list[ResponseRow], int]:
    """One Responses row per answered cell of `return_file`,
    and how many answered cells were not merged (a question or case not in this audit for
    the agency, or an answer a check refused, such as one on a moved row: each is reported,
    and the reconciliation counts them).

    Nothing else is dropped: an answer that is not canonical keeps the value as typed, and a
    problem is added to `report` unless the checks already reported that cell.
    """
    located = {(p.location.sheet, p.location.cell, p.code) for p in return_file.problems}  # what the checks said
    refused = {(p.location.sheet, p.location.cell) for p in return_file.problems if p.type.rejects_answer}
    agency = _claimed(audit, return_file)
    cases = {c.reference for c in audit.cases_for(agency or "")}
    rows, not_merged = [], 0
    for answer in return_file.answered:
        question = audit.question(answer.question_id)
        if question is None or (answer.case is not None and answer.case not in cases) or \
                (answer.location.sheet, answer.location.cell) in refused:
            not_merged += 1
            continue
        value = canonical_of(audit, return_file, answer, question)  # the checks worked it out already
        if isinstance(value, Problem):
            if (answer.location.sheet, answer.location.cell, value.code) not in located:
                report.add(value)
            value = answer.value
        score = _score(audit, question, value)
        value = _storable(value, f"answer to question {question.id}", answer.location, located, report)
        comment_at = answer.comment_location or answer.location
        comment = _storable(answer.comment if _has_text(answer.comment) else None,
                            f"comment on question {question.id}", comment_at, located, report)
        section = audit.section(question.section_id)
        rows.append(ResponseRow(
            audit=audit.settings.audit_id, case=answer.case, agency=agency, section=section.title if section else None,
            question_id=question.id, question=question.text, answer=value, score=score, comment=comment,
            source_file=return_file.file_name, sheet=answer.location.sheet, cell=answer.location.cell,
        ))
    return rows, not_merged


def _claimed(audit: Audit, return_file: ReturnFile) -> str | None:
    agency = audit.agency(return_file.agency_code or "")
    return agency.code if agency else return_file.agency_code


def _has_text(value) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _score(audit: Audit, question: Question, value) -> float | int | None:
    choices = audit.choices_for(question)
    choice = choices.find(value) if choices is not None and isinstance(value, str) else None
    if choice is None or choice.value != value or choice.score is None:
        return None
    return int(choice.score) if float(choice.score).is_integer() else choice.score


def _storable(value, what: str, where: Location, located: set, report: Report):
    """Text a cell can hold (`cell_text.storable`, the rule of every derived sheet): control characters
    removed, over-long text cut, each time with a located problem, so the change is never silent."""
    if not isinstance(value, str):
        return value
    found = ILLEGAL_CHARACTERS.findall(value)
    if found and (where.sheet, where.cell, ret.ILLEGAL_CHARACTERS.code) not in located:
        report.add(ret.ILLEGAL_CHARACTERS(where, what=what, count=len(found), example=f"U+{ord(found[0]):04X}", cell=where.cell))
    length = len(value) - len(found)
    if length > CELL_TEXT_MAX and (where.sheet, where.cell, ret.TEXT_TOO_LONG.code) not in located:
        report.add(ret.TEXT_TOO_LONG(where, what=what, length=length))
    return storable(value)
