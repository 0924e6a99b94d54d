"""A question row copied (on its sheet or a copied sheet): both answers are kept, the copy is reported."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    for answer in context.return_file.answers:
        used = context.answer(answer.case, answer.question_id)
        if used is not None and used is not answer:  # every answer is in the look-up: used is never None
            yield ret.DUPLICATE_QUESTION_ROW(answer.location, ref=answer.question_id, other=f"{used.location.sheet}!{used.location.cell}", cell=used.location.cell)
