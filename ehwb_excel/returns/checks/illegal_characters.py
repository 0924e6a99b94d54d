"""Control characters a workbook cannot store (openpyxl raises IllegalCharacterError on them).

XML 1.0 forbids U+0000-U+0008, U+000B, U+000C and U+000E-U+001F; Open XML smuggles them in
as `_x0001_` escapes, which readers decode. The master writer must drop them; this check
says so, so the text never changes silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ehwb_excel.problems.catalogue import returns as ret
from ehwb_excel.returns.checks.context import CheckContext
from ehwb_excel.problems.problem import Problem

NEEDS_AUDIT = False
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # the same set as openpyxl's ILLEGAL_CHARACTERS_RE


def check(context: CheckContext) -> Iterable[Problem]:
    for answer in context.return_file.answers:
        for what, text, where in (
            (f"answer to question {answer.question_id}", answer.value, answer.location),
            (f"comment on question {answer.question_id}", answer.comment, answer.comment_location or answer.location),
        ):
            if isinstance(text, str) and (found := ILLEGAL.findall(text)):
                yield ret.ILLEGAL_CHARACTERS(where, what=what, count=len(found), example=f"U+{ord(found[0]):04X}", cell=where.cell)


def without_illegal_characters(text: str) -> str:
    """The text as the master stores it: with the characters a workbook cannot hold removed."""
    return ILLEGAL.sub("", text)
