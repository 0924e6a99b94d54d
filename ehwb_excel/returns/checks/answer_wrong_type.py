"""An answer of the wrong type: text in a number or a date question, or a number no workbook holds ("1e999")."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    for answer, question in context.used_answers():
        found = context.canonical(answer, question)
        if isinstance(found, Problem) and found.type in (ret.NOT_A_NUMBER, ret.NUMBER_OUT_OF_RANGE, ret.NOT_A_DATE):
            yield found
