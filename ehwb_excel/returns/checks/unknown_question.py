"""A row whose question id is not in the audit (removed from the definition, or copied in)."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    if context.agency is None:
        return
    known_cases = {c.reference for c in context.known_audit.cases_for(context.known_agency.code)}
    for answer in context.return_file.answers:
        on_known_sheet = answer.case is None or answer.case in known_cases  # unknown cases are reported once per sheet
        if on_known_sheet and context.known_audit.question(answer.question_id) is None:
            yield ret.UNKNOWN_QUESTION(answer.location, question_id=answer.question_id)

