"""Text over Excel's cell limit (a script or another application wrote it).

The full text stays in the ReturnFile; the master writer can store only CELL_TEXT_MAX characters
in a cell (openpyxl would truncate silently), so the problem is reported here, by name.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel.limits import CELL_TEXT_MAX
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.checks.context import CheckContext

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    for what, text, where in context.texts():
        if len(text) > CELL_TEXT_MAX:
            yield ret.TEXT_TOO_LONG(where, what=what, length=len(text))
