"""A required answer left blank (or its row deleted) where the question applies.

A question whose condition is not met, or whose condition's answer is itself blank, is not
reported: only the blank condition answer is (when it is required).
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.location import Location
from ehwb_excel.audit.model import AskedPer
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    if context.agency is None:
        return
    found = context.return_file
    sheets: list[tuple[str | None, str]] = [(c.reference, found.case_sheets[c.reference]) for c in context.known_audit.cases_for(context.known_agency.code) if c.reference in found.case_sheets]
    if found.agency_sheet:
        sheets.append((None, found.agency_sheet))
    for case, sheet in sheets:
        asked_per = AskedPer.AGENCY if case is None else AskedPer.CASE
        for question in context.known_audit.questions:
            if question.asked_per is not asked_per or not question.required or context.applies(question, case) is not True:
                continue
            answer = context.answer(case, question.id)
            if answer is None:
                yield ret.REQUIRED_MISSING(Location(found.file_name, sheet), ref=question.id, question=question.text, where=" (its row is not on the sheet)", cell="a restored copy of the workbook")
            elif answer.is_blank:
                yield ret.REQUIRED_MISSING(answer.location, ref=question.id, question=question.text, where=f" for {case}" if case else "", cell=answer.location.cell)
