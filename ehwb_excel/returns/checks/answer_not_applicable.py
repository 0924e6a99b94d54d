"""An answer given where the question's condition says it does not apply.

Reported only when the condition's own answer is given and differs; when it is blank, the
required-answer check reports that one instead.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = True


def check(context: CheckContext) -> Iterable[Problem]:
    for answer, question in context.used_answers():
        if answer.is_blank or question.condition is None or context.applies(question, answer.case) is not False:
            continue
        yield ret.ANSWER_NOT_APPLICABLE(
            answer.location, ref=question.id, value=str(answer.value), condition=question.condition.question_id,
            expected=question.condition.value, found=context.condition_answer(question, answer.case),
        )
