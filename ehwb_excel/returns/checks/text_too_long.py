"""Text over Excel's 32,767-character cell limit (a script or another application wrote it).

The full text stays in the ReturnFile; the master writer can store only 32,767 characters
in a cell (openpyxl would truncate silently), so the problem is reported here, by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False
EXCEL_CELL_LIMIT = 32_767


def check(context: CheckContext) -> Iterable[Problem]:
    for answer in context.return_file.answers:
        for what, text, where in (
            (f"answer to question {answer.question_id}", answer.value, answer.location),
            (f"comment on question {answer.question_id}", answer.comment, answer.comment_location or answer.location),
        ):
            if isinstance(text, str) and len(text) > EXCEL_CELL_LIMIT:
                yield ret.TEXT_TOO_LONG(where, what=what, length=len(text))
