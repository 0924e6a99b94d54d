"""Characters a workbook cannot store (see excel.cell_text.ILLEGAL_CHARACTERS).

The master writer must drop them; this check says so, so the text never changes silently.
"""

from __future__ import annotations

from collections.abc import Iterable

from ehwb_excel.excel.cell_text import ILLEGAL_CHARACTERS
from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.problems.problem import Problem
from ehwb_excel.returns.checks.context import CheckContext

NEEDS_AUDIT = False


def check(context: CheckContext) -> Iterable[Problem]:
    for what, text, where in context.texts():
        if found := ILLEGAL_CHARACTERS.findall(text):
            yield ret.ILLEGAL_CHARACTERS(where, what=what, count=len(found), example=f"U+{ord(found[0]):04X}", cell=where.cell)
