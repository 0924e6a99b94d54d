"""An answer outside its choice list (pasted over the dropdown, or written by a script)."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    for answer, question in context.used_answers():
        found = context.canonical(answer, question)
        if isinstance(found, Problem) and found.type is ret.ANSWER_NOT_IN_LIST:
            yield found
