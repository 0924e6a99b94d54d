"""A comment typed beside a blank answer: no sheet of the master holds it, so the message quotes it whole."""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.checks.context import CheckContext

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    for answer in context.return_file.answers:
        comment = answer.comment
        if answer.is_blank and isinstance(comment, str) and comment.strip():
            yield ret.COMMENT_WITHOUT_ANSWER(answer.comment_location or answer.location, ref=answer.question_id, comment=comment,
                                             cell=answer.location.cell or "the answer cell")
